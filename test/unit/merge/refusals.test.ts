import { describe, expect, it } from 'vitest';
import { LambdaloadError } from '../../../src/errors.js';
import { mergeShards, type ShardFile } from '../../../src/merge/merge.js';
import type { RunResult } from '../../../src/result/types.js';
import { samples, shardResult } from './fixtures.js';

const data = samples(20, 1);
const shard = (file: string, over: NonNullable<Parameters<typeof shardResult>[1]>['shard'] = {}): ShardFile => ({ file, result: shardResult(data, { shard: over }) });

function refusal(inputs: ShardFile[], options = {}): LambdaloadError {
  try {
    mergeShards(inputs, options);
  } catch (error) {
    expect(error).toBeInstanceOf(LambdaloadError);
    const e = error as LambdaloadError;
    expect(e.code).toBe('MERGE_INVALID');
    expect(e.exitCode).toBe(2);
    return e;
  }
  throw new Error('merged what it should refuse');
}

describe('mergeShards refuses (MERGE_INVALID, exit 2)', () => {
  it('a result that is not a shard', () => {
    const e = refusal([shard('a.json'), { file: 'plain.json', result: shardResult(data, { shard: null }) }]);
    expect(e.problems).toEqual(['plain.json: not a shard result (no `shard` field)', 'shard 2/2 missing']);
  });

  it('shards of different scenarios', () => {
    const e = refusal([shard('a.json'), shard('b.json', { index: 2, scenarioHash: 'sha256:other' })]);
    expect(e.problems[0]).toMatch(/^b\.json: scenario shards \(sha256:other\) differs from a\.json's shards \(sha256:abc\)$/);
  });

  it('shards of different schema versions', () => {
    const old = shard('b.json', { index: 2 });
    const e = refusal([shard('a.json'), { ...old, result: { ...old.result, schemaVersion: 1 } as unknown as RunResult }]);
    expect(e.problems).toEqual(['b.json: schema version 1, a.json has 2']);
  });

  it('shards split N ways and M ways', () => {
    const e = refusal([shard('a.json'), shard('b.json', { index: 2, count: 3 })]);
    expect(e.problems).toContain('b.json: shard 2/3, a.json is one of 2');
  });

  it('the same shard twice', () => {
    const e = refusal([shard('a.json'), shard('again.json')]);
    expect(e.problems).toEqual(['again.json: shard 1/2 is given twice (also a.json)', 'shard 2/2 missing']);
  });

  it('a missing shard, unless --allow-partial, which marks the result', () => {
    const e = refusal([shard('a.json', { index: 1, count: 3 }), shard('c.json', { index: 3, count: 3 })]);
    expect(e.problems).toEqual(['shard 2/3 missing']);
    expect(e.hint).toMatch(/--allow-partial/);
    const partial = mergeShards([shard('a.json', { index: 1, count: 3 }), shard('c.json', { index: 3, count: 3 })], { allowPartial: true });
    expect(partial.merged).toEqual({ shards: 2, of: 3, partial: true, files: ['a.json', 'c.json'] });
    expect(partial.warnings.find((w) => w.code === 'MERGE_PARTIAL')?.message).toMatch(/^shard 2\/3 missing \(--allow-partial\): every number covers only 2 of 3 shards/);
  });

  it('every problem at once', () => {
    const e = refusal([shard('a.json'), shard('a2.json'), shard('x.json', { index: 2, scenarioHash: 'sha256:x' })]);
    expect(e.problems).toHaveLength(2);
    expect(e.message).toBe('cannot merge these results: 2 problems');
  });
});
