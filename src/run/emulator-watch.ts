/**
 * What may stop a run early, seen in one place: the caller's signal (Ctrl-C / SIGTERM in the CLI) and the death of
 * the local emulator's process (SIGKILLed, the OOM killer, a crash). A dead emulator refuses every connection, so the
 * run stops scheduling at once, as for an interruption, rather than sending the rest of its phases into connection
 * errors; the result then says what happened, with the child's exit code or signal and when.
 */
import type { EmulatorDeath, RemoteEmulator } from '../emulator/child/remote.js';
import type { AbortCause, Warning } from '../result/types.js';

export interface RunStop {
  /** Aborts when the caller's signal does or the emulator dies: the signal the driver runs under. */
  readonly signal: AbortSignal;
  /** What stopped the run first; undefined while nothing has. */
  readonly cause: AbortCause | undefined;
  /** Set once the emulator's process is gone: its figures (totals, stats) can no longer be asked for. */
  readonly death: EmulatorDeath | undefined;
  /** Stops listening to the caller's signal. */
  dispose(): void;
}

/** `startedAt`: when the run started, for how long into it the emulator died. */
export function watchRun(options: { signal?: AbortSignal; emulator?: Pick<RemoteEmulator, 'onDeath'>; startedAt: Date }): RunStop {
  const controller = new AbortController();
  let cause: AbortCause | undefined;
  let death: EmulatorDeath | undefined;
  const outer = options.signal;
  const onInterrupt = () => {
    cause ??= { reason: 'interrupted' };
    controller.abort();
  };
  if (outer?.aborted) onInterrupt();
  else outer?.addEventListener('abort', onInterrupt, { once: true });
  options.emulator?.onDeath((d) => {
    death = d;
    cause ??= {
      reason: 'emulator-died',
      exitCode: d.code,
      signal: d.signal,
      at: d.at.toISOString(),
      elapsedMs: Math.max(0, d.at.getTime() - options.startedAt.getTime()),
    };
    controller.abort();
  });
  return {
    signal: controller.signal,
    get cause() {
      return cause;
    },
    get death() {
      return death;
    },
    dispose: () => outer?.removeEventListener('abort', onInterrupt),
  };
}

/**
 * For a query's `.catch`: a query that failed because the emulator died answers `undefined` (its figures are missing;
 * the death is known before the query fails, see `RemoteEmulator.onDeath`); any other failure stays an error.
 */
export function missingIfDied(stop: Pick<RunStop, 'death'>): (error: unknown) => undefined {
  return (error) => {
    if (stop.death === undefined) throw error;
    return undefined;
  };
}

/** The result's warning for a dead emulator: how it ended, when, and what the result therefore lacks. */
export function emulatorDiedWarning(death: EmulatorDeath, startedAt: Date): Warning {
  const how = death.signal !== null ? `was killed by ${death.signal}` : `exited with code ${death.code ?? 'unknown'}`;
  const afterS = (Math.max(0, death.at.getTime() - startedAt.getTime()) / 1000).toFixed(1);
  return {
    code: 'EMULATOR_DIED',
    message:
      `the emulator process ${how} ${afterS} s into the run (${death.at.toISOString()}): the run stopped there. The ` +
      `request numbers cover only what ran before; the emulator's own figures (its invocation ledger, init and ` +
      `billed durations) and the cost are missing. Its error, if any, was printed on stderr`,
  };
}
