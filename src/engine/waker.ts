/**
 * Wakes the open-model loop at an arrival's intended time, to well under a millisecond, without spending a core.
 *
 * libuv's timers have 1 ms granularity and often fire up to 1 ms late, so a timer alone makes many sends late at high
 * rates. Polling the clock (`setImmediate` in a loop) is punctual but burns a whole core per generator process, which
 * `--workers N` multiplies by N and which the target loses when it shares the machine. So a small helper thread sleeps
 * until the exact time on a futex (`Atomics.wait` with a sub-millisecond timeout) and then wakes the event loop
 * through `Atomics.waitAsync`, which resolves on the main thread without blocking it: one wake per batch of due
 * arrivals, sockets served in between as usual.
 *
 * Both threads read the same monotonic clock (`process.hrtime`, CLOCK_MONOTONIC); `performance.now()` times are
 * converted with an offset taken once (the two threads' `performance.timeOrigin`s are not comparable).
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

export interface Waker {
  /** Calls `wake` once, as soon as possible at or after `atMs` (a `performance.now()` time); replaces a pending wake. */
  wakeAt(atMs: number, wake: () => void): void;
  /** Drops the pending wake, if any. */
  cancel(): void;
  /** Ends the waker (its thread, if any); idempotent. */
  close(): Promise<void>;
}

/**
 * A waker on libuv timers, about a millisecond late at worst: the fallback when no helper thread can start. Timers run
 * on the loop's millisecond clock and can fire a fraction of a millisecond early, so an early wake waits again (the
 * last fraction on `setImmediate`).
 */
export function createTimerWaker(): Waker {
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  const cancel = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    if (immediate !== undefined) clearImmediate(immediate);
    timer = undefined;
    immediate = undefined;
  };
  const wakeAt = (atMs: number, wake: () => void): void => {
    cancel();
    const arm = (): void => {
      const delayMs = atMs - performance.now();
      if (delayMs < 1) immediate = setImmediate(check);
      else timer = setTimeout(check, delayMs);
    };
    const check = (): void => {
      timer = undefined;
      immediate = undefined;
      if (performance.now() >= atMs) wake();
      else arm();
    };
    // Never from inside wakeAt: the caller may be the wake itself.
    arm();
  };
  return { wakeAt, cancel, close: async () => cancel() };
}

// ctrl[0]: bumped by the main thread on every new request; ctrl[1]: bumped by the helper when a wake is due.
const REQUEST = 0;
const FIRED = 1;

// The helper thread, as source: an eval'd worker needs no file beside the compiled module (tests run the .ts).
const THREAD_SOURCE = `
const { workerData } = require('node:worker_threads');
const ctrl = new Int32Array(workerData, 0, 2);
const target = new Float64Array(workerData, 8, 1);
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
for (;;) {
  const request = Atomics.load(ctrl, ${REQUEST});
  const atMs = target[0];
  if (Number.isNaN(atMs)) { Atomics.wait(ctrl, ${REQUEST}, request); continue; }
  const delayMs = atMs - nowMs();
  if (delayMs > 0 && Atomics.wait(ctrl, ${REQUEST}, request, delayMs) !== 'timed-out') continue;
  if (Atomics.load(ctrl, ${REQUEST}) !== request) continue;
  Atomics.add(ctrl, ${FIRED}, 1);
  Atomics.notify(ctrl, ${FIRED});
  Atomics.wait(ctrl, ${REQUEST}, request);
}
`;

/** Starts the helper thread; resolves once it runs (so the first arrival is not late by its start-up). */
export async function createThreadWaker(): Promise<Waker> {
  const shared = new SharedArrayBuffer(16);
  const ctrl = new Int32Array(shared, 0, 2);
  const target = new Float64Array(shared, 8, 1);
  target[0] = Number.NaN;
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: shared, stdout: false, stderr: false });
  await new Promise<void>((resolve, reject) => {
    worker.once('online', resolve);
    worker.once('error', reject);
  });
  // The helper keeps the process alive only while a wake is pending, as a timer would.
  worker.unref();
  const offsetMs = Number(process.hrtime.bigint()) / 1e6 - performance.now();
  // A helper that stops (it should not) leaves the loop on timers rather than waiting for ever.
  const fallback = createTimerWaker();
  let helperUp = true;
  let pending: { atMs: number; wake: () => void } | undefined;
  let listening = false;
  let held = false;
  const hold = (on: boolean): void => {
    if (held === on) return;
    held = on;
    if (on) worker.ref();
    else worker.unref();
  };

  const fire = (): void => {
    if (pending === undefined) return;
    if (performance.now() < pending.atMs) {
      // Woken for an earlier request that was since replaced: ask again.
      request(pending.atMs);
      return;
    }
    const { wake } = pending;
    pending = undefined;
    wake();
    // A wake that asks for the next one (the open loop does) keeps the hold without toggling it.
    if (pending === undefined) hold(false);
  };
  const request = (atMs: number): void => {
    if (!helperUp) {
      fallback.wakeAt(atMs, fire);
      return;
    }
    // The count is read before the helper can see the request, or a quick wake would be missed.
    const seen = Atomics.load(ctrl, FIRED);
    target[0] = atMs + offsetMs;
    Atomics.add(ctrl, REQUEST, 1);
    Atomics.notify(ctrl, REQUEST);
    // A listener already waiting resolves on this wake too (any wake after its own start).
    if (listening) return;
    const result = Atomics.waitAsync(ctrl, FIRED, seen);
    if (!result.async) {
      queueMicrotask(fire);
      return;
    }
    listening = true;
    void result.value.then(() => {
      listening = false;
      fire();
    });
  };
  const helperDown = (): void => {
    helperUp = false;
    if (pending) fallback.wakeAt(pending.atMs, fire);
  };
  worker.on('error', helperDown);
  worker.on('exit', helperDown);

  return {
    wakeAt(atMs, wake) {
      pending = { atMs, wake };
      if (helperUp) hold(true);
      request(atMs);
    },
    cancel() {
      pending = undefined;
      hold(false);
      fallback.cancel();
    },
    async close() {
      if (!helperUp) return;
      pending = undefined;
      fallback.cancel();
      worker.off('exit', helperDown);
      helperUp = false;
      await worker.terminate();
    },
  };
}
