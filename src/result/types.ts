/**
 * The one versioned result contract. Every report format (terminal, JSON, Markdown, HTML) renders from a RunResult,
 * so a saved run can be re-rendered, compared with a baseline and merged with others later (the encoded histograms
 * make merging exact). Bump RESULT_SCHEMA_VERSION on any breaking change.
 */
import type { DriveSummary } from '../records/sample.js';
import type { Measurements } from '../measure/recorder.js';
import type { Threshold } from '../scenario/types.js';
import type { CostComparison, MonthlyProjection, RunCost } from '../cost/index.js';
import type { InvocationTotals } from '../measure/invocation-totals.js';
import type { QuotaFinding } from '../quota/index.js';
import type { ResolvedFunction, ResolvedTarget } from '../target/types.js';

/** The cost section of a run (src/cost): the run itself, the month at the expected traffic, and what-if rows. */
export interface CostReport {
  region: string;
  run: RunCost;
  /** Present when the scenario gives `projection.monthlyRequests`. */
  projection?: MonthlyProjection;
  /** The same month (or 1M requests without a projection) on x86_64 vs arm64, REST vs HTTP API, memory sizes. */
  comparison: CostComparison;
}

export const RESULT_SCHEMA_VERSION = 1 as const;

export interface Warning {
  /** Stable code, e.g. `COLD_WARM_UNLABELLED`, `LATE_SENDS`, `DROPPED_ARRIVALS`. */
  code: string;
  message: string;
}

export interface ThresholdResult {
  threshold: Threshold;
  /** Human-readable, e.g. `p99 warm latency of GET /hello ≤ 200 ms`. */
  description: string;
  actual: number | null;
  passed: boolean;
  /** Why the threshold could not be evaluated (no data), when actual is null. */
  note?: string;
  /** Applied without being declared (src/thresholds/implicit.ts: no errorRate threshold in the scenario). */
  implicit?: boolean;
}

/** A function of the resolved target as the result shows it: environment variable values are left out (secrets). */
export type TargetFunctionSummary = Omit<ResolvedFunction, 'environment'> & {
  /** Names of the environment variables set (their values never enter a result). */
  environmentKeys?: string[];
};

/**
 * The target as the run used it: the resolved target (every default applied, with where each came from) and the URL
 * that received the traffic.
 */
export interface TargetSummary extends Omit<ResolvedTarget, 'functions' | 'url'> {
  /** Base URL that received the traffic. */
  url: string;
  /** The API type (`api.type`), kept at the top for quick reading. */
  apiType?: 'rest' | 'http';
  functions: TargetFunctionSummary[];
}

export interface PhaseSummary {
  name: string;
  type: string;
  durationMs: number;
  /** Arrival rate at the start and end of the phase (open model), or connections (closed model). */
  rate?: number;
  rampTo?: number;
  spikeRate?: number;
  connections?: number;
}

/** One function's invocations in the emulator. */
export interface EmulatorFunctionSummary {
  name: string;
  invocations: number;
  coldStarts: number;
  throttles: number;
  timeouts: number;
  functionErrors: number;
  /** Most invocations of this function in flight at once. */
  peakConcurrency: number;
  /** Longest measured INIT (cold starts), ms. */
  maxInitMs?: number;
  /** Init Duration percentiles of this function's cold starts with one (nearest rank over the kept entries). */
  initMs?: { count: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number };
  maxMemoryUsedMb: number;
}

/**
 * The local interpreter that ran one function in the emulator, against the runtime it declares: a `nodejs22.x`
 * function runs on the Node.js running lambdaload, a `python3.13` one on the local `python3`, whatever their versions.
 */
export interface FunctionRuntimeSummary {
  function: string;
  /** Declared, e.g. `nodejs22.x`. */
  runtime: string;
  /** `node`, `python3`, or `bootstrap` (a custom runtime's own executable). */
  local: string;
  /** e.g. `20.20.2`; absent for `bootstrap`, or when Python could not be asked. */
  localVersion?: string;
}

/** How the emulator gave one function its CPU, memory and cold starts (README: The local emulator). */
export interface FunctionEnvironmentSummary {
  function: string;
  memoryMb: number;
  /**
   * `aws`: invocations at `cpus` (memoryMb / 1,769) of a CPU; `host`: the machine's CPU. `enforcedBy` is the
   * mechanism (`cgroup v1`, `cgroup v2`), `none` when nothing enforced it.
   */
  cpu: { model: 'aws' | 'host'; cpus?: number; enforcedBy: string };
  /** The memory size as a limit, and what enforced it (a control group, or the resident-memory watchdog). */
  memory: { limitMb: number; enforcedBy: string };
  /**
   * Where a cold start's runtime start came from: `spare-reference` (the runtime's own boot, measured alone before
   * traffic: `referenceBootMs`), `spawned` (measured inside the cold start's own init), `aws-profile` (drawn from
   * AWS's measured Init Durations).
   */
  runtimeStart: { source: 'spare-reference' | 'spawned' | 'aws-profile'; spareRuntimes: number; referenceBootMs?: number };
}

export interface EmulatorSummary {
  invocations: number;
  coldStarts: number;
  throttles: number;
  timeouts: number;
  functionErrors: number;
  /** Highest number of environments alive at once. */
  maxEnvironments: number;
  billedMsTotal: number;
  maxMemoryUsedMb: number;
  functions: EmulatorFunctionSummary[];
  /**
   * The invocations' bounded totals (src/measure/invocation-totals.ts): what a saved result needs to be re-priced
   * under other billing rules or merged with other runs. Absent in results saved before it was added.
   */
  totals?: InvocationTotals;
  /** What ran each function (absent in results saved before it was added). */
  runtimes?: FunctionRuntimeSummary[];
  /** CPU, memory and cold-start model per function (absent in results saved before it was added). */
  environments?: FunctionEnvironmentSummary[];
}

/**
 * A `lambda` target's invocations, from the REPORT record of each Invoke's log tail (src/run/invoke-evidence.ts):
 * the emulator summary's figures, without what only an emulator knows (its environments and runtimes).
 */
export interface LambdaInvokeSummary extends Omit<EmulatorSummary, 'maxEnvironments' | 'runtimes' | 'environments'> {
  source: 'report-tail';
  /** Invocations that ran but whose log tail held no REPORT record: not in the figures above. */
  reportsMissing: number;
}

/**
 * Why a run stopped before its phases ended (`status: 'aborted'`): `interrupted` (Ctrl-C / SIGTERM, or a library
 * caller's signal), or `emulator-died` (the local emulator's process exited mid-run, killed or crashed: its exit code
 * or signal, when, and `elapsedMs` since the run started; the emulator's own figures and the cost are then missing).
 */
export type AbortCause =
  | { reason: 'interrupted' }
  | { reason: 'emulator-died'; exitCode: number | null; signal: string | null; at: string; elapsedMs: number };

export interface RunResult extends Measurements {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  tool: { name: 'lambdaload'; version: string };
  /** `aborted`: interrupted, or the local emulator died (see `abort`); the numbers cover only what ran. */
  status: 'completed' | 'aborted';
  /** Why the run was aborted; absent on a completed run and in results saved before it was added. */
  abort?: AbortCause;
  scenario: {
    name: string;
    file: string;
    description?: string;
    target: TargetSummary;
    phases: PhaseSummary[];
    requests: Array<{ name: string; method: string; path: string; weight: number }>;
  };
  environment: { node: string; platform: string; arch: string; cpus: number; hostname: string };
  timing: { startedAt: string; endedAt: string; durationMs: number };
  engine: DriveSummary & { achievedRps: number };
  emulator?: EmulatorSummary;
  /** A `lambda` target's invocations, read from the REPORT records of the Invoke log tails. */
  lambda?: LambdaInvokeSummary;
  /** Cost of the run and its monthly projection (see src/cost); absent when it could not be priced (see warnings). */
  cost?: CostReport;
  /** Quota findings (see src/quota), worst first as the checks order them. */
  quotas: QuotaFinding[];
  thresholds: ThresholdResult[];
  warnings: Warning[];
}
