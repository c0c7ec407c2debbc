/**
 * The composition root of `lambdaload run`: load → validate → resolve → start the target (the local emulator by
 * default, or a direct-invoke client: start-target.ts) → drive the phases → label and record every sample → price
 * the run and check the quotas → evaluate the thresholds → one RunResult. It never prints; progress goes to
 * `onProgress`. An aborted run still returns a (partial) result, marked `aborted`.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { labelFromHeader, type SampleLabel } from '../coldstart/label.js';
import { createDriver } from '../engine/drive.js';
import type { Sample } from '../records/sample.js';
import type { Scenario } from '../scenario/types.js';
import type { EmulatorStats } from '../emulator/child/remote.js';
import { functionErrorKinds } from '../measure/error-kinds.js';
import { emptyInvocationTotals, type InvocationTotals } from '../measure/invocation-totals.js';
import { createRecorder, type Recorder } from '../measure/recorder.js';
import { evaluateRunThresholds } from '../thresholds/evaluate.js';
import type { EmulatorSummary, LambdaInvokeSummary, RunResult, Warning } from '../result/types.js';
import { buildRunResult } from './build-result.js';
import { analyseCost } from './cost.js';
import { collectRunEvidence } from '../cloudwatch/run-evidence.js';
import type { EvidenceStep } from '../cloudwatch/steps.js';
import { analyseQuotas, trafficSummary } from './quotas.js';
import { summariseInvocations, type InvocationFacts } from '../measure/invocation-facts.js';
import { summariseEmulator } from './emulator-summary.js';
import { engineWarnings, phaseSummary, requestSummaries, targetSummary } from './summaries.js';
import { formatPlan } from './remote-gate.js';
import { TrafficShape } from './traffic-shape.js';
import { createReportTotals, labelFromReport, reportMissing, reportMissingWarning } from './invoke-evidence.js';
import { startTarget, type SharedEmulator } from './start-target.js';
import { emulatorDiedWarning, missingIfDied, watchRun } from './emulator-watch.js';
import type { ShardSpec } from '../merge/shard.js';
import { prepareShardRun } from '../merge/shard-run.js';
import { loadResolved, regionOf } from './load-resolved.js';
import { progressReporter, type RunProgress } from './progress.js';

export { loadResolved, regionOf } from './load-resolved.js';
export type { RunProgress } from './progress.js';

export interface RunOptions {
  /** Scenario file (`.ts`, `.mjs`, ...), relative to `cwd`. Either `file` or `scenario`. */
  file?: string;
  /** An in-memory scenario (library use); relative function paths start at `cwd`. */
  scenario?: Scenario;
  cwd?: string;
  /** Aborting stops scheduling; requests in flight get a short grace; the result is marked `aborted`. */
  signal?: AbortSignal;
  /** Called about once a second during the phases, and once at the end. */
  onProgress?: (progress: RunProgress) => void;
  /** Seed for Poisson arrivals and `{{randomInt}}` (repeatable runs). */
  seed?: number;
  /** Each function log line of the local emulator (START/END/REPORT and the handler's output). */
  onFunctionLog?: (functionName: string, line: string) => void;
  /** Consent to send traffic beyond this machine (`--allow-remote`); else the scenario's `safety.allowRemote`. */
  allowRemote?: boolean;
  /** Refuse a remote run that may cost more than this (USD); wins over `safety.maxCostUsd`. */
  maxCostUsd?: number;
  /** The plan of a run against a target beyond this machine, once consent is given, before the first request. */
  onPlan?: (lines: string[]) => void;
  /** Read server-side evidence after the run (`--evidence cloudwatch`); the scenario's `evidence` key asks too. */
  evidence?: 'cloudwatch';
  /** Aborting it skips that evidence (the result keeps the client's figures; warning EVIDENCE_SKIPPED). */
  evidenceSignal?: AbortSignal;
  /** Each step of reading the evidence, as it starts (its wait for CloudWatch can last minutes). */
  onEvidenceStep?: (step: EvidenceStep) => void;
  /** Drive shard `index` of `count` (1-based): its share of every phase (src/merge/shard.ts); the result is marked. */
  shard?: ShardSpec;
  /** Epoch ms to start the phases at (after the target is up): shards given the same instant run together. */
  startAtMs?: number;
  /**
   * Called once the target is up, before the phases: resolves to the epoch ms to start them at (wins over
   * `startAtMs`). `run --workers` uses it so every worker starts together once all of them are ready.
   */
  startGate?: () => Promise<number>;
  /**
   * An emulator of this scenario's target already running (the one `run --workers` starts for all its workers): sent
   * to instead of starting one. Its own figures (invocation totals, environments, cost) are left to its owner.
   */
  emulatorAt?: SharedEmulator;
  /** Leave CloudWatch evidence to the caller (`run --workers` reads it once for the whole run, not once per worker). */
  evidenceByCaller?: boolean;
}

const PACKAGE_VERSION = readPackageVersion();

/** Runs a scenario end to end and returns its result (partial and marked `aborted` when `signal` fired). */
export async function run(options: RunOptions): Promise<RunResult> {
  const cwd = options.cwd ?? process.cwd();
  const sharding = prepareShardRun(await loadResolved(options, cwd), options.shard, options.startAtMs);
  let scenario = sharding.scenario;
  const warnings: Warning[] = [];
  const region = regionOf(scenario, warnings);
  const started = await startTarget(scenario, {
    region,
    gate: { allowRemote: options.allowRemote, maxCostUsd: options.maxCostUsd },
    ...(options.emulatorAt ? { shared: options.emulatorAt } : {}),
    ...(options.onFunctionLog ? { onLog: options.onFunctionLog } : {}),
  });
  scenario = started.scenario;
  warnings.push(...(started.warnings ?? []));
  const { emulator, direct, targetUrl } = started;
  const target = scenario.target;
  if (started.plan) options.onPlan?.(formatPlan(started.plan));
  await sharding.awaitStart(options.signal, warnings, options.startGate && (await options.startGate()));
  const startedAt = new Date();
  const wallStartMs = performance.now();

  // The driver stops on the caller's signal or on the emulator's death, whichever comes first.
  const stop = watchRun({ signal: options.signal, emulator, startedAt });
  try {
    const labelSource = target.type === 'emulator' ? 'emulator-header' : 'wrapper-header';
    const reports = target.type === 'lambda' ? createReportTotals(scenario.resolvedTarget.functions[0]!.name, scenario.resolvedTarget.functions[0]!.memoryMb) : undefined;
    let reportsMissing = 0;
    const shape = new TrafficShape();
    let recorder: Recorder | undefined;
    const pending: Array<[Sample, SampleLabel]> = [];
    const driver = createDriver({
      baseUrl: targetUrl,
      ...(direct ? { sender: direct.sender } : {}),
      phases: scenario.phases,
      requests: scenario.requests,
      http: scenario.http,
      signal: stop.signal,
      seed: options.seed,
      onSample(sample) {
        let label: SampleLabel;
        if (direct) {
          label = labelFromReport(sample);
          if (reportMissing(sample)) reportsMissing++;
          reports?.add(sample);
        } else label = labelFromHeader(sample, labelSource);
        shape.add(sample);
        sharding.noteSample(sample);
        if (recorder) recorder.record(sample, label);
        else pending.push([sample, label]);
      },
    });

    let maxEnvironments = 0;
    // Stats come over IPC: a tick asks for fresh ones and never waits; one question at a time.
    let statsAsked = false;
    const noteStats = (stats: EmulatorStats) => {
      maxEnvironments = Math.max(maxEnvironments, stats.environments);
    };
    const progress = progressReporter(scenario, () => recorder?.snapshot());
    driver.on('phaseStart', ({ phaseIndex, elapsedMs }) => {
      if (recorder !== undefined || phaseIndex !== 0) return;
      recorder = createRecorder({
        phaseNames: scenario.phases.map((p) => p.name),
        requestNames: scenario.requests.map((r) => r.name),
        t0Ms: performance.now() - elapsedMs,
      });
      for (const [sample, label] of pending.splice(0)) recorder.record(sample, label);
    });
    driver.on('tick', (p) => {
      if (emulator && !statsAsked) {
        statsAsked = true;
        emulator.stats().then(noteStats, () => undefined).finally(() => (statsAsked = false));
      }
      options.onProgress?.(progress(p));
    });

    const drive = await driver.run();
    const phasesStartedMs = recorder === undefined ? performance.now() : undefined;
    recorder ??= createRecorder({
      phaseNames: scenario.phases.map((p) => p.name),
      requestNames: scenario.requests.map((r) => r.name),
      t0Ms: phasesStartedMs ?? performance.now(),
    });
    for (const [sample, label] of pending.splice(0)) recorder.record(sample, label);
    const measurements = recorder.finish();
    const durationMs = performance.now() - wallStartMs;
    const aborted = drive.aborted || stop.cause !== undefined;
    // A dead emulator cannot answer for its figures; one that died while answering leaves them missing too.
    const final = emulator && !stop.death ? await Promise.all([emulator.stats(), emulator.totals()]).catch(missingIfDied(stop)) : undefined;

    let totals: InvocationTotals = emptyInvocationTotals();
    let invocations: InvocationFacts | undefined;
    let emulatorSummary: EmulatorSummary | undefined;
    let lambdaSummary: LambdaInvokeSummary | undefined;
    const missingReports = reportMissingWarning(reportsMissing);
    if (missingReports) warnings.push(missingReports);
    if (reports) {
      totals = reports.totals();
      invocations = summariseInvocations(totals);
      lambdaSummary = { source: 'report-tail', ...invocations.summary, totals, reportsMissing: reports.missing };
    }
    if (emulator && final) {
      const figures = summariseEmulator(emulator, { stats: final[0], totals: final[1], maxEnvironments }, target);
      totals = final[1];
      invocations = figures.invocations;
      emulatorSummary = figures.summary;
      warnings.push(...figures.warnings);
    }

    // The client saw what failed (status, gateway message); the emulator knows why (the functions' error types).
    const functionErrors = functionErrorKinds(totals);
    measurements.errorKinds = {
      requests: measurements.errorKinds.requests,
      functions: functionErrors.functions,
      otherCount: measurements.errorKinds.otherCount + functionErrors.otherCount,
    };

    const activeMs = shape.activeMs();
    const achievedRps = activeMs > 0 ? (drive.sent * 1000) / activeMs : 0;
    const evidence =
      stop.death || options.evidenceByCaller
        ? undefined
        : await collectRunEvidence({ scenario, requested: options.evidence, window: { startMs: startedAt.getTime(), endMs: Date.now() }, emulatorUrl: emulator?.url ?? options.emulatorAt?.url, warnings, signal: options.evidenceSignal, onStep: options.onEvidenceStep });
    // Without the emulator's ledger there is nothing to price (and COST_NO_INVOCATIONS would say the wrong thing).
    // A shared emulator's ledger holds every worker's invocations: its owner prices the whole run once.
    const cost = stop.death || options.emulatorAt ? undefined : analyseCost({ scenario, region, totals, measurements, runDurationMs: durationMs, warnings, evidence });
    const traffic = trafficSummary(shape, scenario);
    const quotas = analyseQuotas({ scenario, region, measurements, traffic, ...(invocations ? { invocations } : {}) });

    const thresholds = evaluateRunThresholds(scenario.thresholds, scenario.implicitThresholds, {
      latency: measurements.latency,
      requests: measurements.requests,
      coldStarts: measurements.coldStarts,
      ...(cost?.run ? { costPerMillionUsd: cost.run.costPerMillionUsd } : {}),
      ...(quotas.maxUsedFraction === undefined ? {} : { quotaMaxUsedFraction: quotas.maxUsedFraction }),
    });

    if (stop.death) warnings.push(emulatorDiedWarning(stop.death, startedAt));
    // RUN_ABORTED says "interrupted"; EMULATOR_DIED says it for a dead emulator.
    const interrupted = aborted && stop.cause?.reason !== 'emulator-died';
    warnings.push(...engineWarnings(drive, measurements.requests.completed, measurements.labelSources, direct ? 'direct' : target.type, interrupted));

    const endedAt = new Date();
    return buildRunResult({
      toolVersion: PACKAGE_VERSION,
      aborted,
      ...(stop.cause ? { abort: stop.cause } : {}),
      scenario: {
        name: scenario.name,
        file: scenario.file,
        ...(scenario.description === undefined ? {} : { description: scenario.description }),
        target: targetSummary(scenario, targetUrl),
        phases: scenario.phases.map(phaseSummary),
        requests: requestSummaries(scenario),
      },
      environment: { node: process.version, platform: process.platform, arch: process.arch, cpus: os.cpus().length, hostname: os.hostname() },
      timing: { startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString(), durationMs },
      drive,
      achievedRps,
      measurements,
      // Plain properties, not spreads: a section the builder does not know is a type error here.
      emulator: emulatorSummary,
      lambda: lambdaSummary,
      cost,
      evidence,
      quotas: quotas.findings,
      traffic,
      thresholds,
      warnings,
      ...sharding.section(),
    });
  } finally {
    stop.dispose();
    direct?.close();
    await emulator?.close();
  }
}

function readPackageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
