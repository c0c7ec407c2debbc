/**
 * The one versioned result contract: plain JSON types of the result's own, in this folder, imported by the code that
 * produces a result rather than built from its internal types. Every report format (terminal, JSON, Markdown, JUnit,
 * HTML) renders from a RunResult, so a saved run can be re-rendered, compared with a baseline and merged with others
 * (the encoded histograms make merging exact). The JSON Schema (schema/result.schema.json) is generated from these
 * types; test/unit/result/schema.test.ts fails on any change to the shape until the schema is regenerated
 * (`npm run schema`). Bump RESULT_SCHEMA_VERSION on a breaking change and teach src/saved/migrate.ts the old one.
 */
import type { Measurements } from './measurements.js';
import type { CostReport } from './cost.js';
import type { QuotaFinding } from './quota.js';
import type { TargetSummary } from './target.js';
import type { EmulatorSummary } from './emulator.js';
import type { CloudWatchEvidence } from './evidence.js';

export type * from './measurements.js';
export type * from './cost.js';
export type * from './quota.js';
export type * from './target.js';
export type * from './emulator.js';
export type * from './evidence.js';


export const RESULT_SCHEMA_VERSION = 2 as const;

export interface Warning {
  /** Stable code, e.g. `COLD_WARM_UNLABELLED`, `LATE_SENDS`, `DROPPED_ARRIVALS`. */
  code: string;
  message: string;
}

/** A threshold as the scenario declared it (src/scenario's `Threshold`, as plain JSON). */
export type ThresholdSpec =
  | { metric: 'latency'; percentile: 'p50' | 'p90' | 'p99' | 'p99.9' | 'max' | 'mean'; maxMs: number; start?: 'cold' | 'warm' | 'unknown' | 'all'; request?: string }
  | { metric: 'errorRate'; max: number }
  | { metric: 'coldStartRate'; max: number }
  | { metric: 'costPerMillionUsd'; max: number }
  | { metric: 'quotaHeadroom'; maxUsedFraction: number };

export interface ThresholdResult {
  threshold: ThresholdSpec;
  /** Human-readable, e.g. `p99 warm latency of GET /hello ≤ 200 ms`. */
  description: string;
  actual: number | null;
  passed: boolean;
  /** Why the threshold could not be evaluated (no data), when actual is null. */
  note?: string;
  /** Applied without being declared (src/thresholds/implicit.ts: no errorRate threshold in the scenario). */
  implicit?: boolean;
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

/** What the load generator did: nothing is hidden. */
export interface EngineSummary {
  /** Arrivals that were scheduled. */
  scheduled: number;
  /** Requests actually sent. */
  sent: number;
  /** Arrivals dropped because `maxInFlight` requests were already in flight. */
  dropped: number;
  /**
   * Open-model requests handed to the client more than 1 ms after their intended time: the generator was behind
   * (a busy event loop or CPU). A wait for a free connection is not counted here but in `connectionWaits`.
   */
  lateSends: number;
  /** Generator lag (hand-off to the client − intended time) percentiles over every open-model send, ms. */
  sendLagMs: { p50: number; p99: number; max: number };
  /**
   * Open-model requests that waited more than 1 ms between their hand-off and their socket write: every one of
   * `http.connections` was busy, so the pool queued them. The target answered slower than the arrival rate needs at
   * this many connections.
   */
  connectionWaits: number;
  /** Connection wait (socket write − hand-off) percentiles over every open-model send, ms. */
  connectionWaitMs: { p50: number; p90: number; p99: number; max: number };
  /**
   * Requests written a second time, on another connection, because the server closed the keep-alive connection
   * they were written on before any byte of an answer (idempotent methods only, at most once each; RFC 9112 §9.3.1).
   * Each is still one request in `sent` and in the counts. Absent in results made before it was counted.
   */
  retries?: number;
  /**
   * The generator lag and connection wait of every open-model send, µs, as compressed base64 HDR histograms (the
   * latency histograms' layout; empty without open-model sends): a merge adds them, so its `sendLagMs` and
   * `connectionWaitMs` are exact. Absent in results made before they were kept (a merge then gives the highest).
   */
  delayHistograms?: { sendLagUs: string; connectionWaitUs: string };
  /** Highest number of requests in flight at once. */
  maxInFlight: number;
  /** True when the run was stopped by its AbortSignal. */
  aborted: boolean;
  /** Requests sent per second of active phases. */
  achievedRps: number;
  /**
   * What driving the load cost the generator, over the phases and the drain of their last requests. Absent in
   * results made before it was measured, and when the run stopped before its first phase.
   */
  generator?: GeneratorLoad;
}

/** The load generator's own cost while it drove the load (src/engine/generator-meter.ts). */
export interface GeneratorLoad {
  /**
   * CPU time (user + system) of the generator process(es) over the window, ms: every thread of each, the scheduler's
   * helper thread included. With `--workers`, the workers' and the parent's summed.
   */
  cpuMs: number;
  /** The window, ms: from the first phase's start to the end of the last request (the longest process's). */
  wallMs: number;
  /**
   * Share of the window the event loop was busy (0–1; Node's event-loop utilization); with several processes the
   * highest one's. Near 1, the generator's own wait is in the numbers (GENERATOR_BUSY).
   */
  eventLoopBusy: number;
  /** Generator processes counted in `cpuMs`: 1, or the workers and their parent. */
  processes: number;
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
 * caller's signal), `emulator-died` (the local emulator's process exited mid-run, killed or crashed: its exit code
 * or signal, when, and `elapsedMs` since the run started; the emulator's own figures and the cost are then missing),
 * or `worker-died` (`run --workers`: generator worker `worker` (1-based) exited mid-run; the others were stopped and
 * the numbers cover what they sent, none of that worker's).
 */
export type AbortCause =
  | { reason: 'interrupted' }
  | { reason: 'emulator-died'; exitCode: number | null; signal: string | null; at: string; elapsedMs: number }
  | { reason: 'worker-died'; worker: number; exitCode: number | null; signal: string | null; at: string; elapsedMs: number };

/**
 * This result is one shard of a scale-out run (`lambdaload run --shard i/N`): it drove its share of every phase;
 * `lambdaload merge` adds the N shards back into one result of the whole scenario.
 */
export interface ShardInfo {
  /** 1-based. */
  index: number;
  count: number;
  /** Fingerprint of the resolved scenario before the split (src/merge/scenario-hash.ts): merge refuses a mix. */
  scenarioHash: string;
  /** The common start the shards waited for (`--start-at`), ISO; absent when the shard started at once. */
  startAt?: string;
  /**
   * Local clock − the target's clock, ms, bounded by the `Date` headers of every answer (HTTP targets,
   * src/merge/clock-skew.ts). Coarse: the header has 1 s resolution, so this is good to about ±0.5 s plus a request's
   * latency; absent when no answer carried one.
   */
  clockSkewMs?: number;
}

/**
 * The traffic's shape as the client sent it (src/run/traffic-shape.ts: arrivals by intended send time), and the
 * production peak the scenario expects: what the quota checks read beyond the other sections, kept so that a merge
 * checks quotas again on the whole run. In a merged result the peaks are the shards' added (upper bounds: they may not
 * have coincided) and the sizes the largest shard's.
 */
export interface TrafficSummary {
  /** Most arrivals within any 1 s window (sliding in 100 ms steps), in req/s; absent without a request. */
  peakRps?: number;
  /** The densest window: `requests` arrived within `windowMs` (100 ms); absent without a request. */
  peakWindow?: { windowMs: number; requests: number };
  /** Largest request sent, in bytes. */
  maxRequestBytes: number;
  /** Largest response received, in bytes (0 when none arrived). */
  maxResponseBytes: number;
  /** The scenario's `projection.peakRps`, when it gives one. */
  projectedPeakRps?: number;
}

/** This result was made by `lambdaload merge` from shard results. */
export interface MergedInfo {
  /** Shards merged. */
  shards: number;
  /** Of how many the scenario was split into; more than `shards` only with `--allow-partial`. */
  of: number;
  /** True when some shard indices were missing (`--allow-partial`): the numbers cover only the shards given. */
  partial: boolean;
  /** The shard files, in shard order. */
  files: string[];
}

/**
 * This result was made by `lambdaload run --workers N`: N generator processes on one machine each drove shard i/N of
 * the scenario, and their results were merged in memory (as `lambdaload merge` does), with one emulator for all.
 */
export interface WorkersInfo {
  /** Worker processes the scenario was split over. */
  count: number;
  /** Workers whose results are in the numbers: fewer than `count` when one died (see `abort`). */
  merged: number;
}

export interface RunResult extends Measurements {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  /** What this file is: a run's result (plans and comparisons are other kinds). */
  kind: 'run';
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
  engine: EngineSummary;
  emulator?: EmulatorSummary;
  /** A `lambda` target's invocations, read from the REPORT records of the Invoke log tails. */
  lambda?: LambdaInvokeSummary;
  /** Cost of the run and its monthly projection (see src/cost); absent when it could not be priced (see warnings). */
  cost?: CostReport;
  /** Server-side figures read from CloudWatch after the run (`--evidence cloudwatch`, src/cloudwatch). */
  evidence?: CloudWatchEvidence;
  /**
   * Quota findings (see src/quota), worst first as the checks order them. A merged result's (`merge`, `run --workers`)
   * are checked again on the merged numbers (see the MERGE_QUOTAS warning for which figures are bounds).
   */
  quotas: QuotaFinding[];
  /** The traffic's shape the quota checks read; absent in results saved before it was added. */
  traffic?: TrafficSummary;
  thresholds: ThresholdResult[];
  warnings: Warning[];
  /** Present on a shard's result (`run --shard i/N`). */
  shard?: ShardInfo;
  /** Present on a result made by `lambdaload merge`. */
  merged?: MergedInfo;
  /** Present on a result of `lambdaload run --workers N` (N > 1). */
  workers?: WorkersInfo;
}
