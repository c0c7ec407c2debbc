/**
 * What `lambdaload merge` refuses (MERGE_INVALID, exit 2), every problem at once: a result that is not a shard, shards
 * of different scenarios (hash), schema versions or shard counts, an index given twice, and missing indices (allowed
 * with `--allow-partial`, and the merged result is then marked partial).
 */
import { LambdaloadError } from '../errors.js';
import type { RunResult, ShardInfo } from '../result/types.js';

export interface ShardFile {
  file: string;
  result: RunResult;
}

export interface CheckedShards {
  /** In shard-index order. */
  shards: Array<ShardFile & { shard: ShardInfo }>;
  count: number;
  missing: number[];
}

export function checkShards(inputs: readonly ShardFile[], options: { allowPartial?: boolean } = {}): CheckedShards {
  const problems: string[] = [];
  if (inputs.length === 0) problems.push('no result files given');
  const shards = inputs.filter((s): s is ShardFile & { result: RunResult & { shard: ShardInfo } } => {
    if (s.result.shard !== undefined) return true;
    problems.push(`${s.file}: not a shard result (no \`shard\` field${s.result.merged ? ': it is already a merged result' : ''})`);
    return false;
  });
  const first = shards[0];
  const count = first?.result.shard.count ?? 0;
  const seen = new Map<number, string>();
  for (const { file, result } of shards) {
    if (result.schemaVersion !== first!.result.schemaVersion) problems.push(`${file}: schema version ${result.schemaVersion}, ${first!.file} has ${first!.result.schemaVersion}`);
    if (result.shard.scenarioHash !== first!.result.shard.scenarioHash) {
      problems.push(`${file}: scenario ${result.scenario.name} (${result.shard.scenarioHash}) differs from ${first!.file}'s ${first!.result.scenario.name} (${first!.result.shard.scenarioHash})`);
    }
    if (result.shard.count !== count) problems.push(`${file}: shard ${result.shard.index}/${result.shard.count}, ${first!.file} is one of ${count}`);
    const twice = seen.get(result.shard.index);
    if (twice !== undefined) problems.push(`${file}: shard ${result.shard.index}/${result.shard.count} is given twice (also ${twice})`);
    seen.set(result.shard.index, file);
  }
  const missing = count > 0 ? Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i)) : [];
  if (missing.length > 0 && !options.allowPartial) problems.push(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing`);
  if (problems.length > 0) {
    throw new LambdaloadError('MERGE_INVALID', `cannot merge these results: ${problems.length} problem${problems.length > 1 ? 's' : ''}`, {
      problems,
      hint: 'Give every shard of one run (the files of `lambdaload run <scenario> --shard i/N`, i = 1…N), each once; --allow-partial merges a run with shards missing.',
    });
  }
  return {
    shards: [...shards].sort((a, b) => a.result.shard.index - b.result.shard.index).map((s) => ({ ...s, shard: s.result.shard })),
    count,
    missing,
  };
}
