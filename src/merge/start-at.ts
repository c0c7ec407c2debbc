/**
 * `--start-at`: the common instant every shard waits for, so that N processes started by hand or by a CI matrix drive
 * their phases over the same wall-clock seconds (their timelines then add up second by second).
 */
import { LambdaloadError } from '../errors.js';

/** How far in the past a start may be (process start-up, a slow emulator) before it is refused: a few seconds. */
export const START_AT_PAST_TOLERANCE_MS = 5_000;

/** Epoch milliseconds (all digits) or an ISO 8601 date-time, to epoch ms. */
export function parseStartAt(text: string): number {
  const ms = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Date.parse(text);
  if (!Number.isFinite(ms)) {
    throw new LambdaloadError('USAGE', `--start-at ${JSON.stringify(text)}: not a time`, {
      hint: 'Give epoch milliseconds (e.g. $(($(date +%s%3N) + 10000))) or an ISO time (e.g. 2026-05-01T12:00:00Z).',
    });
  }
  return ms;
}

/** Refuses a start more than START_AT_PAST_TOLERANCE_MS before `nowMs`. */
export function assertStartAtAhead(startAtMs: number, nowMs: number): void {
  const lateMs = nowMs - startAtMs;
  if (lateMs > START_AT_PAST_TOLERANCE_MS) {
    throw new LambdaloadError('USAGE', `--start-at ${new Date(startAtMs).toISOString()} is ${(lateMs / 1000).toFixed(1)} s in the past: the shards would not start together`, {
      hint: 'Pick an instant a little ahead of the slowest shard\'s start-up (e.g. 10 s from now) and give the same one to every shard.',
    });
  }
}

/** Resolves at `startAtMs` (at once if it has passed), or early when `signal` aborts. */
export function waitUntil(startAtMs: number, signal?: AbortSignal): Promise<void> {
  const delayMs = startAtMs - Date.now();
  if (delayMs <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, delayMs);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A shard whose target took longer to start than the wait left: it began late, and its first seconds are off by that much. */
export function lateStartWarning(startAtMs: number, nowMs: number): { code: string; message: string } | undefined {
  const lateMs = nowMs - startAtMs;
  if (lateMs <= 1_000) return undefined;
  return {
    code: 'SHARD_START_LATE',
    message: `the phases began ${(lateMs / 1000).toFixed(1)} s after --start-at (the target took that long to start): this shard's timeline is shifted against the others'; pick a later --start-at`,
  };
}
