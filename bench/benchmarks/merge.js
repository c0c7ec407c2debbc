/**
 * Merging shard results (issue 16): 100 shard results of a 1-hour run (bench/children/merge-probe.js builds them as a
 * run does, untimed) merged by `mergeShards`, the function behind `lambdaload merge` and `run --workers`, in a fresh
 * process. Figures: the merge's wall time in memory (the target), and JSON parse of the 100 files' text beside it
 * (what `lambdaload merge` adds before merging, disk reads aside).
 */
import path from 'node:path';
import * as f from '../lib/format.js';
import { BENCH_DIR, ROOT } from '../lib/paths.js';
import { runCommand } from '../lib/processes.js';

export const name = 'merge';
const SHARDS = 100;
const TARGET_S = 2;

export function timeoutMs(opts) {
  return opts.quick ? 120_000 : 300_000;
}

export async function run(opts, log) {
  // --quick: one sample per second per shard instead of five (the same seconds and histograms, faster to build).
  const env = { MERGE_PROBE_PER_SECOND: opts.quick ? '1' : '5' };
  const ran = await runCommand(process.execPath, [path.join(BENCH_DIR, 'children', 'merge-probe.js'), String(SHARDS)], { cwd: ROOT, env, timeoutMs: timeoutMs(opts) });
  if (ran.code !== 0) throw new Error(`merge probe exited ${ran.code ?? ran.signal}: ${ran.stderr.slice(0, 300)}`);
  const probe = JSON.parse(ran.stdout.trim().split('\n').at(-1));
  log(`merge: ${probe.shards} shards (${f.int(probe.requests)} requests, ${f.int(probe.timelineSeconds)} s of timeline, ${f.mb(probe.bytes)} of JSON) merged in ${f.seconds(probe.mergeMs / 1000)}; parse ${f.seconds(probe.parseMs / 1000)}`);
  return {
    rows: [
      {
        benchmark: `merge: ${probe.shards} shard results of a 1-hour run`,
        measured: `mergeShards wall time in a fresh process (${f.int(probe.requests)} requests, ${f.int(probe.timelineSeconds)} timeline seconds, ${probe.histograms} merged histograms); JSON.parse of the ${f.mb(probe.bytes)} of shard files before it ${f.seconds(probe.parseMs / 1000)}; peak RSS ${f.mb(probe.maxRssBytes)}`,
        lambdaload: f.seconds(probe.mergeMs / 1000),
        reference: '',
        ratio: '',
        target: `< ${TARGET_S} s`,
        pass: probe.mergeMs / 1000 < TARGET_S,
      },
    ],
    raw: { ...probe, processWallMs: ran.wallMs },
  };
}
