/**
 * The Lambda service keeps bounded facts of its invocations: however many it serves, its totals stay the same size
 * and only the most recent records are kept (the ledger, src/measure/invocation-ledger.ts; the ring,
 * recent-records.ts). Structural assertions only: sizes and counts, no timing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestService, event, fn, type TestService } from './helpers.js';

describe('Lambda service: bounded invocation facts', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.service.close();
    t = undefined;
  });

  it('serves thousands of invocations with totals of constant size and the last N records', async () => {
    const { service } = (t = createTestService([fn('hello', 'node-esm', 'index.handler')], {}, { recentRecordsLimit: 100 }));
    const workers = 4;
    const perWorker = 500;
    const sizes: number[] = [];
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (let i = 0; i < perWorker; i++) {
          await service.invoke('hello', event({ i }));
          if (w === 0 && i % 100 === 99) sizes.push(JSON.stringify(service.totals()).length);
        }
      }),
    );

    const invocations = workers * perWorker;
    const totals = service.totals();
    const [hello] = totals.functions;
    expect(hello).toMatchObject({ functionName: 'hello', invocations, outcomes: { success: invocations } });
    expect(hello!.coldStarts).toBeLessThanOrEqual(workers);
    expect(hello!.coldStartEntries).toHaveLength(hello!.coldStarts);
    expect(Object.values(hello!.rebill.onDemandMs).reduce((n, c) => n + c, 0) + Object.values(hello!.rebill.onDemandWithInitMs).reduce((n, c) => n + c, 0)).toBe(invocations);
    expect(totals.concurrency.peak).toBeGreaterThanOrEqual(1);
    expect(totals.concurrency.peak).toBeLessThanOrEqual(workers);
    // A few hundred bytes of counters plus one histogram key per distinct whole ms: it does not grow with requests.
    const finalSize = JSON.stringify(totals).length;
    expect(finalSize).toBeLessThan(4_096);
    expect(finalSize).toBeLessThan(sizes[0]! * 3);

    const recent = service.recentRecords();
    expect(recent.records).toHaveLength(100);
    expect(recent.dropped).toBe(invocations - 100);
    expect(recent.records.every((r) => r.functionName === 'hello' && r.outcome === 'success')).toBe(true);
  });
});
