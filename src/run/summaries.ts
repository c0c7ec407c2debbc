/**
 * The parts of a run's result that describe it rather than measure it: the target and phases as they ran, and the
 * warnings the engine's own counters call for (abort, drops, late sends, waits for a connection, unlabelled samples).
 */
import type { PhaseSummary, RunResult, TargetSummary, Warning } from '../result/types.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';

/** A late send or a connection wait is worth a warning once more than this fraction of the sends had one. */
const WARN_FRACTION = 0.01;
/**
 * The open-model scheduler sleeps until each arrival (engine/waker.ts); on a machine shared with the target, the 1%
 * tail of those wake-ups reaches about 2 ms (bench/README.md). A lag tail beyond it is a generator that was behind.
 */
const BEHIND_LAG_P99_MS = 2;
/**
 * A generator whose event loop is busier than this reads responses late: there is seldom an idle moment left for one
 * that arrives, so its time in the loop's queue is in the latency.
 */
const BUSY_LOOP_SHARE = 0.9;

export function engineWarnings(
  drive: RunResult['engine'] | Omit<RunResult['engine'], 'achievedRps'>,
  completed: number,
  labelSources: Record<string, number>,
  /** `emulator`, `url`, or `direct` (a `lambda` target, or the emulator with `invoke: 'direct'`). */
  targetType: string,
  aborted: boolean,
): Warning[] {
  const out: Warning[] = [];
  if (aborted) out.push({ code: 'RUN_ABORTED', message: 'the run was interrupted: every number covers only the part that ran' });
  if (drive.dropped > 0) {
    out.push({
      code: 'DROPPED_ARRIVALS',
      message: `${drive.dropped} arrivals were dropped at the in-flight cap (http.maxInFlight): the target could not keep up`,
    });
  }
  // Two different findings, kept apart: a generator that cannot keep up is a fault of the test; requests queued for
  // a connection are what a target slower than the arrival rate (at this many connections) does to an open model.
  if (drive.sent > 0 && drive.lateSends / drive.sent > WARN_FRACTION && drive.sendLagMs.p99 > BEHIND_LAG_P99_MS) {
    out.push({
      code: 'LATE_SENDS',
      message: `${drive.lateSends} of ${drive.sent} requests were handed to the HTTP client more than 1 ms after their intended time (send lag p99 ${drive.sendLagMs.p99.toFixed(1)} ms): the load generator was behind; latency still counts from the intended time`,
    });
  }
  if (drive.generator && drive.generator.eventLoopBusy > BUSY_LOOP_SHARE) {
    out.push({
      code: 'GENERATOR_BUSY',
      message: `the load generator's event loop was busy ${(drive.generator.eventLoopBusy * 100).toFixed(0)}% of the run (CPU ${(drive.generator.cpuMs / 1000).toFixed(1)} s over ${(drive.generator.wallMs / 1000).toFixed(1)} s): responses waited for it to read them, so latencies include its wait and the throughput may be its limit rather than the target's; run with --workers, or on a machine with more cores`,
    });
  }
  if (drive.sent > 0 && drive.connectionWaits / drive.sent > WARN_FRACTION) {
    out.push({
      code: 'CONNECTION_WAITS',
      message: `${drive.connectionWaits} of ${drive.sent} requests waited for a free connection (all http.connections busy; wait p99 ${drive.connectionWaitMs.p99.toFixed(1)} ms, max ${drive.connectionWaitMs.max.toFixed(1)} ms): the target answered slower than the arrival rate needs at this many connections; raise http.connections, or this is the target's saturation. Latency still counts from the intended time; service time starts at the socket write`,
    });
  }
  if ((drive.retries ?? 0) > 0) {
    out.push({
      code: 'CONNECTIONS_CLOSED_BY_TARGET',
      message: `${drive.retries} requests met a keep-alive connection the target had closed without saying so (no Connection: close) before any answer, and were written once more on another connection; each still counts once. The target closes connections right after answers or sooner than its keep-alive timeout says`,
    });
  }
  const unlabelled = labelSources.none ?? 0;
  if (completed > 0 && unlabelled > 0) {
    out.push({
      code: 'COLD_WARM_UNLABELLED',
      message:
        targetType === 'emulator'
          ? `${unlabelled} requests got no cold/warm evidence (no invocation behind them: throttled, unknown route, or network error): labelled unknown`
          : targetType === 'direct'
            ? `${unlabelled} invokes got no REPORT record in their log tail (throttled, failed before the function ran, or a cut tail): labelled unknown`
            : `${unlabelled} requests carry no x-lambdaload-start header: labelled unknown (wrap the handler with lambdaload's wrapper, or wait for REPORT-log evidence)`,
    });
  }
  return out;
}

export function targetSummary(scenario: ResolvedScenario, url: string): TargetSummary {
  const { functions, ...rest } = scenario.resolvedTarget;
  return {
    ...rest,
    url,
    ...(rest.api ? { apiType: rest.api.type } : {}),
    functions: functions.map(({ environment, ...fn }) => ({
      ...fn,
      ...(environment && Object.keys(environment).length > 0 ? { environmentKeys: Object.keys(environment).sort() } : {}),
    })),
  };
}

/** The requests as they ran; a direct-invoke request has no method or path: it is an Invoke of the function. */
export function requestSummaries(scenario: ResolvedScenario): RunResult['scenario']['requests'] {
  const invoke = scenario.resolvedTarget.invoke;
  return scenario.requests.map((r) =>
    invoke ? { name: r.name, method: 'INVOKE', path: invoke.functionName, weight: r.weight } : { name: r.name, method: r.method, path: r.path, weight: r.weight },
  );
}

export function phaseSummary(phase: ResolvedScenario['phases'][number]): PhaseSummary {
  const base = { name: phase.name, type: phase.type, durationMs: phase.durationMs };
  switch (phase.type) {
    case 'constant':
      return { ...base, rate: phase.rate };
    case 'ramp':
      return { ...base, rate: phase.rate, rampTo: phase.rampTo };
    case 'spike':
      return { ...base, rate: phase.rate, spikeRate: phase.spikeRate };
    case 'closed':
      return { ...base, connections: phase.connections };
    case 'pause':
      return base;
  }
}
