/**
 * Scale-out against the local emulator: two real `lambdaload run --shard i/2` processes, each with its own emulator,
 * a common `--start-at`, then `lambdaload merge`: the client's counts and the emulators' invocation figures add up
 * exactly, and the sections that do not add (cost, quotas) are dropped with a warning saying why.
 * In the project 'alone' of vitest.config.ts: no other test file beside it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/result/types.js';
import { ensureBuilt, readResult, runCli } from '../cli/helpers.js';

let dir: string;
let shards: RunResult[];
let merged: RunResult;
const file = (name: string) => path.join(dir, `${name}.json`);

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-shards-emulator-'));
  // Each shard starts an emulator (its runtimes' spares included) before the common start.
  const startAt = new Date(Date.now() + 8_000).toISOString();
  const runs = await Promise.all(
    [1, 2].map((i) => runCli(['run', 'test/fixtures/cli/emulator-hello.ts', '--quiet', '--shard', `${i}/2`, '--start-at', startAt, '--out', file(`shard-${i}`)], { LAMBDALOAD_TEST_DURATION: '2s' }, 60_000)),
  );
  for (const ran of runs) expect(ran.code, ran.stderr).toBe(0);
  shards = await Promise.all([1, 2].map((i) => readResult(file(`shard-${i}`))));
  const merging = await runCli(['merge', file('shard-1'), file('shard-2'), '--out', file('merged')]);
  expect(merging.code, merging.stderr).toBe(0);
  merged = await readResult(file('merged'));
}, 90_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

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

  it('the errorRate threshold judged again on the merged numbers; cost and quotas dropped with a warning', () => {
    expect(merged.thresholds.map((t) => [t.description, t.actual, t.passed])).toEqual([['error rate ≤ 0%', 0, true]]);
    expect(shards.every((s) => s.cost !== undefined)).toBe(true);
    expect(merged.cost).toBeUndefined();
    expect(merged.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['MERGE_BOUNDS', 'MERGE_COST_DROPPED']));
  });
});
