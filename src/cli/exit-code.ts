/** A result's exit code, the same for `lambdaload run` and for `lambdaload report` of the saved result. */
import { EXIT_CODES } from '../errors.js';
import type { RunResult } from '../result/types.js';

/**
 * 4 when the emulator or a `--workers` generator died mid-run (a target that became unreachable, not the user's interruption), 130 when
 * interrupted, 3 when a threshold failed, else 0: CI steps can gate on a re-rendered report too.
 */
export function exitCodeOf(result: RunResult): number {
  if (result.abort?.reason === 'emulator-died' || result.abort?.reason === 'worker-died') return EXIT_CODES.targetUnreachable;
  if (result.status === 'aborted') return EXIT_CODES.aborted;
  if (result.thresholds.some((t) => !t.passed)) return EXIT_CODES.thresholdsFailed;
  return EXIT_CODES.ok;
}
