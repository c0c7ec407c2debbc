/**
 * Closed model, maximum throughput: `lambdaload run` with one closed phase of 50 connections vs the autocannon CLI
 * (`-c 50 -d 5`), both against the trivial "ok" server in its own process. Repetitions are interleaved and the
 * order alternates (ours first, then autocannon first, ...) so drift and order effects hit both; medians are
 * reported with their spread. Layouts: `shared` (the OS schedules generator and server on both cores) and `pinned`
 * (generator on CPU 0, server on CPU 1). CPU seconds of the server come from /proc/<pid>/stat around each run, the
 * generator's from its own rusage.
 */
import { describe, median, medianPairedRatio } from '../lib/stats.js';
import * as f from '../lib/format.js';
import { startOkServer } from '../lib/servers.js';
import { treeCpuSeconds } from '../lib/processes.js';
import { closedPhase, runAutocannon, runLambdaload } from '../lib/tools.js';

export const name = 'closed';
export const TARGET_RATIO = 0.9;
const CONNECTIONS = 50;

function settings(opts) {
  return {
    durationS: opts.quick ? 2 : 5,
    repetitions: opts.quick ? 1 : 3,
    layouts: opts.quick ? ['shared'] : ['shared', 'pinned'],
  };
}

/** Bound: per layout a warm-up and 2 × repetitions runs of (duration + process start-up, generously 10 s). */
export function timeoutMs(opts) {
  const s = settings(opts);
  return s.layouts.length * (15_000 + 2 * s.repetitions * (s.durationS * 1_000 + 10_000)) + 10_000;
}

async function measure(tool, server, durationS, cpu) {
  const cpuBefore = treeCpuSeconds(server.pid);
  const runTimeoutMs = durationS * 1_000 + 30_000;
  let run;
  if (tool === 'lambdaload') {
    const { result, cpuSeconds, wallMs } = await runLambdaload({
      url: server.url,
      phases: [closedPhase(CONNECTIONS, durationS * 1_000)],
      timeoutMs: runTimeoutMs,
      cpu,
      name: 'bench-closed',
    });
    const all = result.latency.overall.all;
    run = {
      rps: result.engine.achievedRps,
      requests: result.requests.completed,
      errors: result.requests.errors,
      p50Ms: all.p50Ms,
      p99Ms: all.p99Ms,
      generatorCpuSeconds: cpuSeconds,
      generatorWallMs: wallMs,
    };
  } else {
    const { result, rps, cpuSeconds, wallMs } = await runAutocannon({
      url: `${server.url}/`,
      args: ['-c', String(CONNECTIONS), '-d', String(durationS)],
      timeoutMs: runTimeoutMs,
      cpu,
    });
    run = {
      rps,
      requests: result.requests.total,
      errors: result.errors + result.non2xx,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      generatorCpuSeconds: cpuSeconds,
      generatorWallMs: wallMs,
    };
  }
  run.serverCpuSeconds = treeCpuSeconds(server.pid) - cpuBefore;
  return run;
}

export async function run(opts, log) {
  const s = settings(opts);
  const rows = [];
  const raw = { connections: CONNECTIONS, durationS: s.durationS, repetitions: s.repetitions, layouts: {} };
  for (const layout of s.layouts) {
    const pinned = layout === 'pinned';
    const server = await startOkServer({ cpu: pinned ? 1 : undefined, name: `ok-server-closed-${layout}` });
    const generatorCpu = pinned ? 0 : undefined;
    try {
      // One discarded run, so the server's JIT is warm before the first measured run (whichever tool it is).
      await runAutocannon({ url: `${server.url}/`, args: ['-c', String(CONNECTIONS), '-d', '1'], timeoutMs: 30_000, cpu: generatorCpu });
      const runs = { lambdaload: [], autocannon: [] };
      for (let rep = 0; rep < s.repetitions; rep++) {
        const order = rep % 2 === 0 ? ['lambdaload', 'autocannon'] : ['autocannon', 'lambdaload'];
        for (const tool of order) {
          const r = await measure(tool, server, s.durationS, generatorCpu);
          runs[tool].push(r);
          log(`closed ${layout} rep ${rep + 1}: ${tool} ${f.rps(r.rps)} (errors ${r.errors}, server CPU ${f.seconds(r.serverCpuSeconds)}, generator CPU ${f.seconds(r.generatorCpuSeconds)})`);
        }
      }
      const ours = runs.lambdaload.map((r) => r.rps);
      const theirs = runs.autocannon.map((r) => r.rps);
      // Pass/fail on the ratio of medians; the median of paired ratios (each pair adjacent in time) is shown beside it.
      const ratio = median(ours) / median(theirs);
      const paired = medianPairedRatio(ours, theirs);
      const errors = [...runs.lambdaload, ...runs.autocannon].reduce((sum, r) => sum + r.errors, 0);
      raw.layouts[layout] = { runs, medianRps: { lambdaload: median(ours), autocannon: median(theirs) }, ratio, pairedRatio: paired };
      const where = pinned ? 'pinned: generator CPU 0, server CPU 1' : 'shared: both on 2 cores';
      rows.push({
        benchmark: `closed max throughput (${layout})`,
        measured: `req/s, ${CONNECTIONS} connections, ${s.durationS} s, trivial node:http "ok" server; median (min–max) of ${s.repetitions} interleaved runs, ratio of medians (median of the per-repetition ratios); ${where}; lambdaload run vs autocannon CLI -c ${CONNECTIONS}${errors > 0 ? `; ${errors} errors` : ''}`,
        lambdaload: `${describe(ours, f.krps)} req/s`,
        reference: `autocannon ${describe(theirs, f.krps)} req/s`,
        ratio: s.repetitions > 1 ? `${f.ratio(ratio)} (paired ${f.ratio(paired)})` : f.ratio(ratio),
        target: `≥ ${TARGET_RATIO}×`,
        pass: ratio >= TARGET_RATIO && errors === 0,
      });
      const per = (list, key) => median(list.map((r) => r[key]));
      const wall = s.durationS;
      rows.push({
        benchmark: `closed CPU (${layout})`,
        measured: `user+sys CPU seconds per ${wall} s run (/proc/<pid>/stat); server = the "ok" server, generator = the tool's whole process, start-up included (lambdaload's includes loading the .ts scenario)`,
        lambdaload: `server ${f.seconds(per(runs.lambdaload, 'serverCpuSeconds'))}, generator ${f.seconds(per(runs.lambdaload, 'generatorCpuSeconds'))}`,
        reference: `server ${f.seconds(per(runs.autocannon, 'serverCpuSeconds'))}, generator ${f.seconds(per(runs.autocannon, 'generatorCpuSeconds'))}`,
        ratio: '',
        target: '',
      });
    } finally {
      await server.stop();
    }
  }
  return { rows, raw };
}
