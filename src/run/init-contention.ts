/**
 * Cold starts slowed by this machine's CPU. Every emulated environment is a real process whose start-up needs CPU;
 * when many start at once on a few cores, each takes several times longer than alone, and while they start more
 * requests arrive and start more environments. On AWS every environment has CPU of its own, so such a run shows
 * longer and more cold starts than production would: the result says so, with the numbers, instead of leaving the
 * reader to trust them.
 *
 * Two ways it shows:
 * - cold starts that spawned their runtime process (custom runtimes, or `spareRuntimes: 0`): their measured init
 *   grows (`EMULATOR_INIT_CONTENTION`);
 * - cold starts that took a spare runtime (emulator/lambda/spares.ts): their Init Duration stays the runtime's own,
 *   but when spares ran out they waited for the next one (`EMULATOR_SPARES_EXHAUSTED`, with the waits);
 * - any invocation whose code was ready to run but waited for a CPU (emulator/lambda/cpu-wait.ts): the wait is kept
 *   out of Duration and Init Duration and the timeout is deferred by it, but the requests' latency holds it
 *   (`EMULATOR_HOST_CPU_WAIT`, per function).
 */
import { peakOverlap } from '../measure/in-flight.js';
import { CPU_WAIT_SLOWED_SHARE } from '../measure/invocation-ledger.js';
import { coldStartsOf, type ColdStartEntry, type InvocationTotals } from '../measure/invocation-totals.js';
import type { Warning } from '../result/types.js';

/** Every warning about this machine's CPU shaping the run's Lambda numbers. */
export function hostContentionWarnings(totals: InvocationTotals, cores: number): Warning[] {
  const coldStarts = coldStartsOf(totals);
  return [initContentionWarning(coldStarts, cores), sparesExhaustedWarning(coldStarts), hostCpuWaitWarning(totals)].filter(
    (w): w is Warning => w !== undefined,
  );
}

/**
 * A function's invocations slowed by the host are worth a warning from this share of them, or from this much waiting
 * in all: a quiet 2-core machine running the README's main job (its 200 req/s spike) still slows 3–4% of them by a
 * millisecond or so (the generator's bursts, a spare starting), which moves no figure of the run.
 */
export const CPU_WAIT_WARN_SHARE = 0.05;
/** ... provided they waited this long in all (one slowed invocation of a five-request run is not a busy host). */
export const CPU_WAIT_WARN_SHARE_MIN_MS = 100;
export const CPU_WAIT_WARN_TOTAL_MS = 5_000;

/** Invocations slowed by waiting for the host's CPU, per function, with the total wait. */
export function hostCpuWaitWarning(totals: InvocationTotals): Warning | undefined {
  const slowed = totals.functions.filter((fn) => {
    const wait = fn.cpuWait;
    if (!wait || wait.invocationsSlowed === 0) return false;
    const many = wait.invocationsSlowed >= CPU_WAIT_WARN_SHARE * fn.invocations && wait.msSum >= CPU_WAIT_WARN_SHARE_MIN_MS;
    return many || wait.msSum >= CPU_WAIT_WARN_TOTAL_MS;
  });
  if (slowed.length === 0) return undefined;
  const parts = slowed.map((fn) => {
    const wait = fn.cpuWait!;
    return `${fn.functionName}: ${wait.invocationsSlowed} of ${fn.invocations} invocations, ${formatSeconds(wait.msSum)} waited in all`;
  });
  return {
    code: 'EMULATOR_HOST_CPU_WAIT',
    message:
      `this machine's CPUs were busy: function code that was ready to run waited for a CPU for at least ` +
      `${Math.round(CPU_WAIT_SLOWED_SHARE * 100)}% of its own time (${parts.join('; ')}). On AWS each environment has ` +
      `its CPU share to itself: the wait is left out of Duration, Init Duration and billing and the timeout is deferred ` +
      `by it, but it is in those requests' latency, and a call chain's caller still waits for a slowed callee. Run on ` +
      `a quieter machine, lower the rate, or give fewer environments the same cores (README: Known limits).`,
  };
}

function formatSeconds(ms: number): string {
  return ms >= 1_000 ? `${(ms / 1_000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** Environments initialising at once per CPU core above which contention is worth a warning. */
export const INITS_PER_CORE = 2;
/** How much slower than the fastest start-up the median must be before the warning is given. */
export const SLOWDOWN_FACTOR = 2;

/** From the run's cold starts (`coldStartsOf(totals)`). */
export function initContentionWarning(coldStarts: readonly ColdStartEntry[], cores: number): Warning | undefined {
  // The `aws` profile's simulated delay is a sleep, not CPU: only the process's own start-up counts.
  const inits = coldStarts
    .filter((r) => r.initMs !== undefined && r.spawned === true)
    .map((r) => ({ startedAtMs: r.startedAtMs, durationMs: 0, initMs: (r.initMs ?? 0) - (r.simulatedInitMs ?? 0) }));
  if (inits.length < 2) return undefined;
  const peak = peakOverlap(inits);
  const sorted = inits.map((r) => r.initMs).sort((a, b) => a - b);
  const fastestMs = sorted[0]!;
  const medianMs = sorted[Math.floor((sorted.length - 1) / 2)]!;
  if (peak <= INITS_PER_CORE * cores || medianMs < SLOWDOWN_FACTOR * fastestMs) return undefined;
  return {
    code: 'EMULATOR_INIT_CONTENTION',
    message:
      `up to ${peak} environments were starting at once on this machine's ${cores} CPU cores, so start-ups took longer ` +
      `(init median ${Math.round(medianMs)} ms, the fastest ${Math.round(fastestMs)} ms) and more requests arrived while they ` +
      `started, starting more environments (${inits.length} cold starts). On AWS every environment has its own CPU: expect ` +
      `shorter and fewer cold starts there. Ramp the rate up (a 'ramp' phase) or lower it to keep this run's cold starts ` +
      `realistic (README: Known limits).`,
  };
}

/** A wait shorter than this is scheduling noise, not a host that could not keep up. */
export const HOST_WAIT_NOTICE_MS = 5;

/** Cold starts that waited for a spare runtime process beyond their own runtime start. */
export function sparesExhaustedWarning(coldStarts: readonly ColdStartEntry[]): Warning | undefined {
  const waits = coldStarts
    .map((r) => r.hostWaitMs ?? 0)
    .filter((ms) => ms >= HOST_WAIT_NOTICE_MS)
    .sort((a, b) => a - b);
  if (waits.length === 0) return undefined;
  const medianMs = waits[Math.floor((waits.length - 1) / 2)]!;
  const maxMs = waits[waits.length - 1]!;
  return {
    code: 'EMULATOR_SPARES_EXHAUSTED',
    message:
      `${waits.length} of ${coldStarts.length} cold starts found no spare runtime process ready and waited for one ` +
      `(wait beyond the runtime's own start: median ${Math.round(medianMs)} ms, max ${Math.round(maxMs)} ms): this machine ` +
      `could not start runtimes as fast as the traffic asked. Their Init Duration is still the runtime's own; the wait ` +
      `is in those requests' latency, which AWS would not have added. Raise target.spareRuntimes or ramp the rate up ` +
      `(README: Known limits).`,
  };
}
