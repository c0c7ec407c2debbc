/**
 * Scale-out against the local emulator: two real `lambdaload run --shard i/2` processes, each with its own emulator,
 * a common `--start-at`, then `lambdaload merge`: the client's counts and the emulators' invocation figures add up
 * exactly, the cost is priced again from the merged invocation totals, and the quotas are checked again on the merged
 * numbers: maxima exact, the shards' peaks added where peaks do not merge, with a warning saying which.
 * In the project 'alone' of vitest.config.ts: no other test file beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/result/types.js';
import { ensureBuilt } from '../cli/helpers.js';
import { quotasOfOneRun, runShards, type ShardRuns } from './shard-runs.js';

let runs: ShardRuns | undefined;
let shards: RunResult[];
let merged: RunResult;

beforeAll(async () => {
  await ensureBuilt();
  // Each shard starts an emulator (its runtimes' spares included) before the common start.
  runs = await runShards('test/fixtures/cli/emulator-hello.ts', 2, 20_000, { LAMBDALOAD_TEST_DURATION: '2s' });
  ({ shards, merged } = runs);
}, 150_000);

afterAll(() => runs?.cleanUp());

describe('shards on the local emulator, merged', () => {
  it('5 req/s split 3 + 2, the client\'s and the emulators\' counts added exactly', () => {
    expect(shards.map((s) => s.scenario.phases[0]!.rate)).toEqual([3, 2]);
    expect(merged.scenario.phases[0]!.rate).toBe(5);
    expect(merged.requests.completed).toBe(10);
    expect(merged.requests.completed).toBe(shards[0]!.requests.completed + shards[1]!.requests.completed);
    expect(merged.emulator!.invocations).toBe(10);
    expect(merged.emulator!.totals!.functions[0]!.invocations).toBe(10);
    expect(merged.emulator!.coldStarts).toBe(shards[0]!.emulator!.coldStarts + shards[1]!.emulator!.coldStarts);
    expect(merged.coldStarts.count).toBe(merged.emulator!.coldStarts);
    expect(merged.emulator!.billedMsTotal).toBe(shards[0]!.emulator!.billedMsTotal + shards[1]!.emulator!.billedMsTotal);
  });

  it('the errorRate threshold judged again on the merged numbers; the cost priced again from the merged totals', () => {
    expect(merged.thresholds.map((t) => [t.description, t.actual, t.passed])).toEqual([['error rate ≤ 0%', 0, true]]);
    const run = merged.cost!.run;
    expect([run.requests, run.invocations]).toEqual([10, 10]);
    expect(run.coldStarts.count).toBe(merged.emulator!.coldStarts);
    // Lambda's per-request and GB-s prices are linear at this volume: the whole equals the parts, to rounding.
    expect(run.estimate.totalUsd).toBeCloseTo(shards[0]!.cost!.run.estimate.totalUsd + shards[1]!.cost!.run.estimate.totalUsd, 12);
    expect(merged.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['MERGE_BOUNDS', 'MERGE_COST_REPRICED']));
    expect(merged.warnings.map((w) => w.code)).not.toContain('MERGE_COST_DROPPED');
  });

  it('quotas checked again on the merged numbers, as one run of them would be: maxima exact, peaks the shards\' added', () => {
    // What a single run with these numbers finds (src/run/quotas.ts), from the merged result's own sections.
    expect(merged.quotas).toEqual(quotasOfOneRun(merged));
    const used = (r: RunResult, id: string) => {
      const f = r.quotas.find((q) => q.id === id);
      expect(f, `${id} in ${r.merged ? 'the merged result' : `shard ${r.shard?.index}`}`).toBeDefined();
      return f!.usedFraction * f!.limit;
    };
    const ids = ['apigw.throttle.measured', 'apigw.throttle.burst', 'lambda.concurrency.measured', 'lambda.memory.hello', 'lambda.timeout.hello', 'lambda.payload.response', 'apigw.payload.request'];
    for (const id of ids) expect(merged.quotas.map((q) => q.id)).toContain(id);
    // 5 req/s, split 3 + 2: each shard's busiest second added, held to API Gateway's throttle.
    expect(used(merged, 'apigw.throttle.measured')).toBeCloseTo(used(shards[0]!, 'apigw.throttle.measured') + used(shards[1]!, 'apigw.throttle.measured'), 9);
    expect(used(merged, 'apigw.throttle.measured')).toBeGreaterThanOrEqual(5);
    // Each emulator saw its shard's invocations only: their peaks added, held to the account's concurrency.
    expect(used(merged, 'lambda.concurrency.measured')).toBeCloseTo(shards[0]!.emulator!.totals!.concurrency.peak + shards[1]!.emulator!.totals!.concurrency.peak, 9);
    for (const id of ['lambda.memory.hello', 'lambda.timeout.hello', 'lambda.payload.response', 'apigw.payload.request']) {
      expect(used(merged, id), id).toBeCloseTo(Math.max(used(shards[0]!, id), used(shards[1]!, id)), 9);
    }
    expect(merged.warnings.find((w) => w.code === 'MERGE_QUOTAS')?.message).toMatch(/Upper bounds: .*peak concurrency/);
    // The merge's own summary shows them.
    expect(runs!.merging.stdout).toContain('| Peak request rate (measured) vs the API Gateway throttle |');
  });
});
