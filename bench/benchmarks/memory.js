/**
 * Generator memory over a long run: a lambdaload run at a constant 2,000 req/s against the trivial "ok" server,
 * with the generator in a child process (bench/children/memory-probe.js) that samples its own RSS every second, so
 * the bench's own memory does not count. Growth = the highest RSS after the first 30 s minus the RSS at 30 s
 * (allocations of the first seconds, JIT code and pools filling, are not growth). 5 minutes, as the target says;
 * `--short-memory` 60 s; `--quick` 15 s with the baseline at 5 s.
 */
import path from 'node:path';
import * as f from '../lib/format.js';
import { BENCH_DIR } from '../lib/paths.js';
import { runCommand } from '../lib/processes.js';
import { startOkServer } from '../lib/servers.js';

export const name = 'memory';
export const TARGET_GROWTH_BYTES = 30 * 1024 * 1024;
const RATE = 2_000;

function settings(opts) {
  if (opts.quick) return { durationMs: 15_000, baselineS: 5, label: '15 s (--quick; not the 5 min target run)' };
  if (opts.shortMemory) return { durationMs: 60_000, baselineS: 30, label: '60 s (--short-memory; not the 5 min target run)' };
  return { durationMs: 300_000, baselineS: 30, label: '5 min' };
}

export function timeoutMs(opts) {
  return settings(opts).durationMs + 60_000;
}

export async function run(opts, log) {
  const s = settings(opts);
  const server = await startOkServer({ name: 'ok-server-memory' });
  let out;
  try {
    const res = await runCommand(process.execPath, [path.join(BENCH_DIR, 'children', 'memory-probe.js'), server.url, String(RATE), String(s.durationMs)], {
      timeoutMs: s.durationMs + 45_000,
    });
    if (res.timedOut || res.code !== 0) throw new Error(`memory probe ${res.timedOut ? 'timed out' : `exited with code ${res.code}`}: ${res.stderr.slice(-1_000)}`);
    out = JSON.parse(res.stdout);
  } finally {
    await server.stop();
  }
  const { samples: all, result } = out;
  // Samples while the load ran (the last one, after run() returned, covers result building: not the run's memory).
  const samples = all.filter((x) => x.duringRun);
  // The sample nearest the baseline time, then the highest RSS after it.
  const baseline = samples.reduce((best, x) => (Math.abs(x.atS - s.baselineS) < Math.abs(best.atS - s.baselineS) ? x : best));
  const after = samples.filter((x) => x.atS >= baseline.atS);
  const peak = after.reduce((best, x) => (x.rssBytes > best.rssBytes ? x : best));
  const last = samples.at(-1);
  // Growth per minute over the second half of the run, in the raw results only: over 60 s it mostly measures where
  // the run ends in the sawtooth of external buffers freed by major GCs (about every 100 s at this rate); over the
  // 5 min run it tells a leak (steady slope) from that sawtooth.
  const half = samples.filter((x) => x.atS >= samples.at(-1).atS / 2);
  const slopeMbPerMin = half.length < 2 ? NaN : ((half.at(-1).rssBytes - half[0].rssBytes) / 1048576 / (half.at(-1).atS - half[0].atS)) * 60;
  const growth = peak.rssBytes - baseline.rssBytes;
  log(`memory: RSS ${f.mb(samples[0].rssBytes)} at start, ${f.mb(baseline.rssBytes)} at ${baseline.atS.toFixed(0)} s, peak ${f.mb(peak.rssBytes)} at ${peak.atS.toFixed(0)} s, ${f.mb(last.rssBytes)} at the end of the load, ${f.mb(all.at(-1).rssBytes)} after the result was built; sent ${result.engine.sent}, errors ${result.requests.errors}`);
  const ok = result.requests.errors === 0 && result.engine.dropped === 0;
  return {
    rows: [
      {
        benchmark: `memory: generator RSS growth, ${s.label}`,
        measured: `RSS of the lambdaload process (whole run path, in a child), sampled every 1 s at ${RATE.toLocaleString('en-US')} req/s constant: peak after ${s.baselineS} s minus RSS at ${s.baselineS} s; RSS at ${s.baselineS} s ${f.mb(baseline.rssBytes)}, at the end of the load ${f.mb(last.rssBytes)} (heap used ${f.mb(last.heapUsedBytes)}); achieved ${f.rps(result.engine.achievedRps)}, errors ${result.requests.errors}`,
        lambdaload: `+${f.mb(growth)}`,
        reference: '',
        ratio: '',
        target: `< ${f.mb(TARGET_GROWTH_BYTES)}`,
        pass: growth < TARGET_GROWTH_BYTES && ok,
      },
    ],
    raw: { rate: RATE, durationMs: s.durationMs, baselineS: s.baselineS, growthBytes: growth, slopeMbPerMin, samples: all, result },
  };
}
