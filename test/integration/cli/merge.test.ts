/**
 * `lambdaload merge` through the CLI on shard files written here (built by the recorder, as a run builds them):
 * the merged result on --out and stdout, and the refusals with exit 2 and the problems listed.
 * The multi-process run of real shards is test/integration/scenarios/shards.test.ts.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { samples, shardResult } from '../../unit/merge/fixtures.js';
import { readResult, runCli, useCliWorkspace } from './helpers.js';

const ws = useCliWorkspace('merge');
const file = (name: string) => path.join(ws.dir, `${name}.json`);

beforeAll(async () => {
  await writeFile(file('s1'), JSON.stringify(shardResult(samples(200, 1), { shard: { index: 1, count: 2 } })));
  await writeFile(file('s2'), JSON.stringify(shardResult(samples(100, 2), { shard: { index: 2, count: 2 } })));
  await writeFile(file('other'), JSON.stringify(shardResult(samples(10, 3), { shard: { index: 2, count: 2, scenarioHash: 'sha256:other' } })));
  await writeFile(file('plain'), JSON.stringify(shardResult(samples(10, 4), { shard: null })));
});

describe('lambdaload merge', () => {
  it('writes the merged result to --out and prints it as JSON', async () => {
    const ran = await runCli(['merge', file('s2'), file('s1'), '--out', file('merged'), '--format', 'json']);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stderr).toMatch(/merged result: .*merged\.json/);
    const merged = await readResult(file('merged'));
    expect(JSON.parse(ran.stdout)).toEqual(merged);
    expect(merged.requests.completed).toBe(300);
    expect(merged.merged).toEqual({ shards: 2, of: 2, partial: false, files: [file('s1'), file('s2')] });
  });

  it('refuses shards of another scenario and results that are not shards: exit 2, every problem listed', async () => {
    const ran = await runCli(['merge', file('s1'), file('other'), file('plain')]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/^✗ cannot merge these results: 2 problems\n/);
    expect(ran.stderr).toMatch(/ {2}- .*other\.json: scenario shards \(sha256:other\) differs from .*s1\.json's shards \(sha256:abc\)\n/);
    expect(ran.stderr).toMatch(/ {2}- .*plain\.json: not a shard result \(no `shard` field\)\n/);
    expect(ran.stderr).toMatch(/hint: Give every shard of one run/);
  });

  it('refuses a missing shard unless --allow-partial, which marks the result partial', async () => {
    const refused = await runCli(['merge', file('s1')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/ {2}- shard 2\/2 missing/);
    const partial = await runCli(['merge', file('s1'), '--allow-partial', '--format', 'json']);
    expect(partial.code, partial.stderr).toBe(0);
    expect(JSON.parse(partial.stdout).merged).toMatchObject({ shards: 1, of: 2, partial: true });
  });

  it('run refuses a shard outside 1…N and a --start-at already past, before any traffic (exit 2)', async () => {
    const env = { LAMBDALOAD_TEST_URL: ws.target.url };
    const before = ws.target.received;
    const [badShard, past] = await Promise.all([
      runCli(['run', 'test/fixtures/cli/url-target.ts', '--quiet', '--shard', '3/2', '--out', file('never-1')], env),
      runCli(['run', 'test/fixtures/cli/url-target.ts', '--quiet', '--shard', '1/2', '--start-at', String(Date.now() - 60_000), '--out', file('never-2')], env),
    ]);
    expect(badShard.code).toBe(2);
    expect(badShard.stderr).toMatch(/✗ --shard "3\/2": expected i\/N with 1 ≤ i ≤ N/);
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/✗ --start-at \S+ is \d+\.\d s in the past: the shards would not start together/);
    expect(ws.target.received).toBe(before);
  });
});
