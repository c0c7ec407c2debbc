/**
 * Capacity planner speed (issue 15): `lambdaload plan`'s simulation of 1 h at 10,000 req/s (36 M requests) and of
 * 1 day at 1,000 req/s (86.4 M requests, two routes), each in a fresh process (bench/children/plan-probe.js). Figures:
 * the simulation's wall time inside the process (load of the plan file excluded), the whole process's wall time,
 * and its peak RSS (getrusage). Memory must not grow with the request count: only per-second buckets and histograms
 * are kept, so the day's RSS stays near the hour's.
 */
import path from 'node:path';
import * as f from '../lib/format.js';
import { BENCH_DIR, ROOT } from '../lib/paths.js';
import { runCommand } from '../lib/processes.js';

export const name = 'plan';
const CASES = [
  { label: '1 h at 10,000 req/s', file: 'plan-hour.ts', targetS: 30 },
  { label: '1 day at 1,000 req/s', file: 'plan-day.ts', targetS: 60 },
];

export function timeoutMs() {
  return CASES.reduce((sum, c) => sum + c.targetS * 4_000, 0);
}

export async function run(_opts, log) {
  const rows = [];
  const raw = {};
  for (const c of CASES) {
    const ran = await runCommand(process.execPath, [path.join(BENCH_DIR, 'children', 'plan-probe.js'), path.join(BENCH_DIR, 'scenarios', c.file)], { cwd: ROOT, timeoutMs: c.targetS * 4_000 });
    if (ran.code !== 0) throw new Error(`plan probe ${c.file} exited ${ran.code ?? ran.signal}: ${ran.stderr.slice(0, 300)}`);
    const probe = JSON.parse(ran.stdout.trim().split('\n').at(-1));
    raw[c.file] = { ...probe, processWallMs: ran.wallMs };
    log(`plan ${c.label}: ${f.int(probe.arrivals)} requests simulated in ${f.seconds(probe.simulateMs / 1000)} (process ${f.seconds(ran.wallMs / 1000)}), peak RSS ${f.mb(probe.maxRssBytes)}`);
    rows.push({
      benchmark: `plan: ${c.label}`,
      measured: `simulation wall time in a fresh process (${f.int(probe.arrivals)} requests, ${f.int(probe.coldStarts)} cold starts, peak concurrency ${f.int(probe.peakConcurrency)}); whole process ${f.seconds(ran.wallMs / 1000)}; peak RSS ${f.mb(probe.maxRssBytes)}`,
      lambdaload: f.seconds(probe.simulateMs / 1000),
      reference: '',
      ratio: '',
      target: `< ${c.targetS} s`,
      pass: probe.simulateMs / 1000 < c.targetS,
    });
  }
  return { rows, raw };
}
