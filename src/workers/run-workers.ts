/**
 * `lambdaload run --workers N`: the scenario on N generator processes of this machine, as N shards would run it
 * (src/merge/shard.ts: the exact split), with one live view and one result. The parent checks the target's safety
 * gate on the whole scenario, starts the local emulator once (N emulators would each cold-start and each allow their
 * own concurrency, which is not how Lambda counts), forks the workers (spawn-worker.ts), starts them together once
 * every one is ready, sums their progress, and merges their results in memory (workers-result.ts). Ctrl-C, the
 * emulator's death or a worker's death stop every worker; the result is then partial and says why.
 */
import path from 'node:path';
import { LambdaloadError } from '../errors.js';
import { assertStartAtAhead } from '../merge/start-at.js';
import type { AbortCause, RunResult, Warning } from '../result/types.js';
import { emulatorDiedWarning, missingIfDied, watchRun } from '../run/emulator-watch.js';
import { summariseEmulator } from '../run/emulator-summary.js';
import { formatPlan } from '../run/remote-gate.js';
import { loadResolved, regionOf, run, type RunOptions, type RunProgress } from '../run/run.js';
import { startTarget } from '../run/start-target.js';
import { collectRunEvidence } from '../cloudwatch/run-evidence.js';
import { startGeneratorMeter } from '../engine/generator-meter.js';
import { workerCount, type WorkersOption } from './parse-workers.js';
import { combineProgress } from './progress.js';
import { spawnWorker, type WorkerDeath, type WorkerHandle } from './spawn-worker.js';
import { buildWorkersResult } from './workers-result.js';

export interface WorkersRunOptions extends RunOptions {
  /** Generator processes: a number ≥ 1, or `auto` (one per core, one left to a local emulator). 1 is `run()` itself. */
  workers: WorkersOption;
}

/** Between the last worker's `ready` and the common start: time for the `go` message to reach every worker. */
const GO_LEAD_MS = 100;
/** How often the parent asks the shared emulator for its environment count (the peak goes into the result). */
const STATS_EVERY_MS = 1_000;

export async function runOnWorkers(options: WorkersRunOptions): Promise<RunResult> {
  const cwd = options.cwd ?? process.cwd();
  if (options.shard) throw new LambdaloadError('USAGE', '--workers and --shard together are not supported', { hint: 'On each machine run either --shard i/N (one process) or --workers N (all of this machine\'s share).' });
  if (options.file === undefined) throw new LambdaloadError('USAGE', 'run with workers needs a scenario file (`file`): each worker process loads it');
  const scenario = await loadResolved(options, cwd);
  const count = workerCount(options.workers, scenario.target.type);
  if (count === 1) return run(options);
  if (options.startAtMs !== undefined) assertStartAtAhead(options.startAtMs, Date.now());
  const warnings: Warning[] = [];
  const region = regionOf(scenario, warnings);
  // The gate judges the whole scenario's plan and cost here, once; each worker's share is within it.
  const started = await startTarget(scenario, {
    region,
    gate: { allowRemote: options.allowRemote, maxCostUsd: options.maxCostUsd },
    ...(options.onFunctionLog ? { onLog: options.onFunctionLog } : {}),
  });
  started.direct?.close();
  const { emulator } = started;
  if (started.plan) options.onPlan?.(formatPlan(started.plan));
  // Set when the phases start: how far into the run the emulator died is counted from then.
  const startedAt = new Date();
  const stop = watchRun({ signal: options.signal, emulator, startedAt });
  const workers: WorkerHandle[] = [];
  let cause: AbortCause | undefined;
  let died: WorkerDeath | undefined;
  let failed: Error | undefined;
  const stopAll = () => {
    for (const w of workers) w.abort();
  };
  const onStop = () => {
    cause ??= stop.cause;
    stopAll();
  };
  stop.signal.addEventListener('abort', onStop, { once: true });
  let maxEnvironments = 0;
  let statsAsked = false;
  const statsTimer = setInterval(() => {
    if (!emulator || statsAsked) return;
    statsAsked = true;
    emulator.stats().then((s) => (maxEnvironments = Math.max(maxEnvironments, s.environments)), () => undefined).finally(() => (statsAsked = false));
  }, STATS_EVERY_MS);
  try {
    const latest: Array<RunProgress | undefined> = Array.from({ length: count }, () => undefined);
    for (let index = 1; index <= count; index++) {
      const worker = spawnWorker(
        {
          file: path.resolve(cwd, options.file),
          cwd,
          index,
          count,
          // One seed would give every worker the same arrival times: each gets its own, still repeatable.
          ...(options.seed === undefined ? {} : { seed: options.seed + index - 1 }),
          ...(options.allowRemote === undefined ? {} : { allowRemote: options.allowRemote }),
          ...(options.maxCostUsd === undefined ? {} : { maxCostUsd: options.maxCostUsd }),
          ...(emulator ? { emulatorAt: { url: emulator.url, baseUrl: emulator.baseUrl } } : {}),
        },
        (i, progress) => {
          latest[i - 1] = progress;
          // Until every worker has reported, a sum would show part of the load as the whole.
          const combined = latest.every((p) => p !== undefined) ? combineProgress(latest) : undefined;
          if (combined) options.onProgress?.(combined);
        },
      );
      workers.push(worker);
      void worker.outcome.then((outcome) => {
        if ('result' in outcome) return;
        if ('death' in outcome) {
          died ??= outcome.death;
          cause ??= { reason: 'worker-died', worker: outcome.index, exitCode: outcome.death.code, signal: outcome.death.signal, at: outcome.death.at.toISOString(), elapsedMs: Math.max(0, outcome.death.at.getTime() - startedAt.getTime()) };
        } else failed ??= outcome.error;
        stopAll();
      });
    }
    if (stop.signal.aborted) onStop();
    // Start together once every worker's target is up; a worker that ends first (failed, died) lets the others go
    // at once, to stop (they were asked to abort).
    const firstEnd = Promise.race(workers.map((w) => w.outcome));
    const stopped = new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
    await Promise.race([Promise.all(workers.map((w) => w.ready)), firstEnd, stopped]);
    const startAtMs = Math.max(options.startAtMs ?? 0, Date.now() + GO_LEAD_MS);
    startedAt.setTime(startAtMs);
    for (const w of workers) w.go(startAtMs);
    // The parent's own share of the generator's cost: relaying progress, the emulator's stats, the workers' messages.
    const parentMeter = startGeneratorMeter();

    const outcomes = await Promise.all(workers.map((w) => w.outcome));
    const parentLoad = parentMeter.read();
    clearInterval(statsTimer);
    if (failed) throw failed;
    const results = outcomes.flatMap((o) => ('result' in o ? [{ file: `worker ${o.index}/${count}`, result: o.result }] : []));
    if (results.length === 0) {
      throw new LambdaloadError('WORKER_DIED', `every generator worker died before sending a result (worker ${died?.index ?? '?'}: ${deathText(died)})`, { hint: 'Their error, if any, is printed above; run with fewer --workers or without it to see whether the scenario runs at all.' });
    }
    const final = emulator && !stop.death ? await Promise.all([emulator.stats(), emulator.totals()]).catch(missingIfDied(stop)) : undefined;
    const figures = emulator && final ? summariseEmulator(emulator, { stats: final[0], totals: final[1], maxEnvironments }, scenario.target) : undefined;
    if (stop.death) warnings.push(emulatorDiedWarning(stop.death, startedAt));
    if (died) warnings.push(workerDiedWarning(died, count, startedAt));
    // CloudWatch's figures are the account's, whoever sent the traffic: read once for the whole run's window.
    const evidence = stop.death
      ? undefined
      : await collectRunEvidence({
          scenario,
          requested: options.evidence,
          window: { startMs: startedAt.getTime(), endMs: Date.now() },
          ...(emulator ? { emulatorUrl: emulator.url } : {}),
          warnings,
          signal: options.evidenceSignal,
          onStep: options.onEvidenceStep,
        });
    return buildWorkersResult({ scenario, region, count, results, emulator: figures, sharedEmulator: emulator !== undefined, abort: cause, warnings, evidence, parentLoad });
  } finally {
    clearInterval(statsTimer);
    stop.dispose();
    for (const w of workers) w.kill();
    await emulator?.close();
  }
}

function deathText(death: WorkerDeath | undefined): string {
  if (!death) return 'unknown';
  return death.signal !== null ? `killed by ${death.signal}` : `exited with code ${death.code ?? 'unknown'}`;
}

function workerDiedWarning(death: WorkerDeath, count: number, startedAt: Date): Warning {
  const afterS = (Math.max(0, death.at.getTime() - startedAt.getTime()) / 1000).toFixed(1);
  return {
    code: 'WORKER_DIED',
    message:
      `generator worker ${death.index}/${count} ${deathText(death)} ${afterS} s into the run (${death.at.toISOString()}): the other workers were stopped there. ` +
      `The numbers cover what the other workers sent, none of worker ${death.index}'s requests; its error, if any, was printed on stderr`,
  };
}
