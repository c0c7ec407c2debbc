import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createThreadWaker, createTimerWaker, type Waker } from '../../../src/engine/waker.js';

const wakeOnce = (waker: Waker, atMs: number): Promise<number> => new Promise((resolve) => waker.wakeAt(atMs, () => resolve(performance.now())));

/** Never early, once per request, the latest request wins; how punctual is the benchmarks' business. */
describe.each([
  ['helper thread', createThreadWaker],
  ['timers', async () => createTimerWaker()],
])('waker (%s)', (_name, create) => {
  it('wakes at or after the requested time, again and again', async () => {
    const waker = await create();
    try {
      for (const delayMs of [0, 0.3, 1.5, 4, 12]) {
        const atMs = performance.now() + delayMs;
        expect(await wakeOnce(waker, atMs)).toBeGreaterThanOrEqual(atMs);
      }
      // A time already past wakes at once.
      const pastMs = performance.now() - 50;
      expect(await wakeOnce(waker, pastMs)).toBeGreaterThanOrEqual(pastMs);
    } finally {
      await waker.close();
    }
  });

  it('replaces a pending wake, earlier or later, and wakes once', async () => {
    const waker = await create();
    try {
      const calls: string[] = [];
      waker.wakeAt(performance.now() + 5, () => calls.push('first'));
      const laterMs = performance.now() + 30;
      const at = await new Promise<number>((resolve) => waker.wakeAt(laterMs, () => (calls.push('later'), resolve(performance.now()))));
      expect(at).toBeGreaterThanOrEqual(laterMs);
      waker.wakeAt(performance.now() + 40, () => calls.push('dropped'));
      const earlierMs = performance.now() + 2;
      await new Promise<void>((resolve) => waker.wakeAt(earlierMs, () => (calls.push('earlier'), resolve())));
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(calls).toEqual(['later', 'earlier']);
    } finally {
      await waker.close();
    }
  });

  it('cancel drops the pending wake; after close it still wakes (on timers)', async () => {
    const waker = await create();
    let woke = false;
    waker.wakeAt(performance.now() + 3, () => (woke = true));
    waker.cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(woke).toBe(false);
    await waker.close();
    const atMs = performance.now() + 2;
    expect(await wakeOnce(waker, atMs)).toBeGreaterThanOrEqual(atMs);
  });
});

describe('helper-thread waker and the process', () => {
  it('keeps a process alive while a wake is pending and lets it exit when none is', () => {
    const module = fileURLToPath(new URL('../../../src/engine/waker.ts', import.meta.url));
    // No timer, socket or other handle: only the pending wake keeps this process alive until it fires, and nothing
    // (no close) keeps it alive after.
    const script = `
      import { createThreadWaker } from ${JSON.stringify(module)};
      import { performance } from 'node:perf_hooks';
      const waker = await createThreadWaker();
      const atMs = performance.now() + 200;
      waker.wakeAt(atMs, () => console.log(performance.now() >= atMs ? 'woke' : 'early'));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(out.trim()).toBe('woke');
  });
});
