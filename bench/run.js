#!/usr/bin/env node
/**
 * lambdaload's benchmark suite: `npm run bench` (builds first), or `node bench/run.js [--only closed,open,co,memory,emulator,environments,fuzz,plan,merge,workers]
 * [--quick] [--short-memory]`. Prints a Markdown table (stdout) and writes the raw figures to bench/results/latest.json.
 * Progress goes to stderr. Every benchmark has a hard time-out; every target is 127.0.0.1.
 *
 * Exit code 0 even when a target is missed: this is a measurement, not a test. Missed targets are listed under the table.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as closed from './benchmarks/closed.js';
import * as open from './benchmarks/open.js';
import * as co from './benchmarks/co.js';
import * as memory from './benchmarks/memory.js';
import * as emulator from './benchmarks/emulator.js';
import * as environments from './benchmarks/environments.js';
import * as fuzz from './benchmarks/fuzz.js';
import * as plan from './benchmarks/plan.js';
import * as merge from './benchmarks/merge.js';
import * as workers from './benchmarks/workers.js';
import { calibrationMs, cpuSnapshot, foreignCpu, listenOverflows, machineInfo, renderMachineNote } from './lib/machine.js';
import { LAMBDALOAD_BIN, RESULTS_DIR, ROOT } from './lib/paths.js';
import { stopAll, treeCpuSeconds } from './lib/processes.js';
import { renderTable, resultLabel } from './lib/table.js';
import { RUNS_DIR } from './lib/tools.js';

const BENCHMARKS = [closed, open, co, memory, emulator, environments, fuzz, plan, merge, workers];
/** Above this share of the machine taken by other processes during a benchmark, the note warns that figures are noisy. */
const BUSY_SHARE = 0.1;
const USAGE = `usage: node bench/run.js [--only ${BENCHMARKS.map((b) => b.name).join(',')}] [--quick] [--short-memory]
  --only         comma-separated benchmarks to run (default: all)
  --quick        short smoke variant of each benchmark (figures are indicative only)
  --short-memory the memory benchmark runs 60 s instead of the 5 minutes of its target`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'short-memory': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const names = values.only === undefined ? BENCHMARKS.map((b) => b.name) : values.only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark: ${unknown.join(', ')}\n${USAGE}\n`);
    process.exit(2);
  }
  return { names, quick: values.quick, shortMemory: values['short-memory'] };
}

function log(message) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Runs one benchmark under its hard time-out; a time-out or a failure becomes an `unavailable` row, not a crash. */
async function runBenchmark(bench, opts) {
  const limitMs = bench.timeoutMs(opts);
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limitMs);
  });
  const startedMs = performance.now();
  const cpuBefore = cpuSnapshot(treeCpuSeconds);
  const overflowsBefore = listenOverflows();
  log(`${bench.name}: start (hard time-out ${Math.round(limitMs / 1000)} s)`);
  try {
    const running = bench.run(opts, (m) => log(m));
    // After a time-out the benchmark's children are killed and its promise rejects: that is expected, not a crash.
    running.catch(() => {});
    const outcome = await Promise.race([running, timedOut]);
    if (outcome === 'timeout') {
      await stopAll();
      const reason = `timed out after ${Math.round(limitMs / 1000)} s`;
      return { rows: [{ benchmark: bench.name, unavailable: reason }], raw: { error: reason } };
    }
    const foreign = foreignCpu(cpuBefore, cpuSnapshot(treeCpuSeconds));
    const overflows = listenOverflows() - overflowsBefore;
    log(`${bench.name}: other processes on the machine took ${(foreign.foreignShare * 100).toFixed(0)}% of its CPU meanwhile; ${overflows} accept-queue overflows`);
    return { ...outcome, raw: { ...outcome.raw, ...foreign, listenOverflows: overflows }, foreignShare: foreign.foreignShare, listenOverflows: overflows };
  } catch (error) {
    await stopAll();
    const message = error instanceof Error ? error.message : String(error);
    log(`${bench.name}: failed: ${message}`);
    return { rows: [{ benchmark: bench.name, unavailable: message.split('\n')[0].slice(0, 200) }], raw: { error: message } };
  } finally {
    clearTimeout(timer);
    log(`${bench.name}: done in ${((performance.now() - startedMs) / 1000).toFixed(1)} s`);
  }
}

async function main() {
  const opts = parseOptions();
  if (!existsSync(path.join(ROOT, 'dist', 'engine', 'drive.js'))) {
    process.stderr.write(`dist/ is missing: build first (npm run build), or use npm run bench\n`);
    process.exit(2);
  }
  if (!existsSync(LAMBDALOAD_BIN)) throw new Error(`${LAMBDALOAD_BIN} is missing`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  rmSync(RUNS_DIR, { recursive: true, force: true });

  const onSignal = (signal) => {
    process.stderr.write(`\n${signal}: stopping every benchmark process\n`);
    stopAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const machine = { ...machineInfo(), calibrationStartMs: calibrationMs() };
  const startedMs = performance.now();
  const selected = BENCHMARKS.filter((b) => opts.names.includes(b.name));
  const rows = [];
  const raw = {};
  const foreignShares = [];
  let busiest = 0;
  const overflowed = [];
  for (const bench of selected) {
    const outcome = await runBenchmark(bench, opts);
    rows.push(...outcome.rows);
    raw[bench.name] = outcome.raw;
    if (outcome.foreignShare !== undefined) {
      foreignShares.push(`${bench.name} ${(outcome.foreignShare * 100).toFixed(0)}%`);
      busiest = Math.max(busiest, outcome.foreignShare);
    }
    if (outcome.listenOverflows > 0) overflowed.push(`${bench.name} ${outcome.listenOverflows}`);
  }
  const durationS = (performance.now() - startedMs) / 1000;
  // Peers may have been installed during the run; the load at the end tells whether the machine stayed quiet.
  const after = machineInfo();
  Object.assign(machine, { peersInstalled: after.peersInstalled, serverless: after.serverless, serverlessOffline: after.serverlessOffline, loadAverageAtEnd1m: after.loadAverage1m, calibrationEndMs: calibrationMs() });

  const variant = opts.quick ? ' (--quick: short smoke variant, figures indicative only)' : '';
  const missed = rows.filter((r) => r.pass === false);
  const unavailable = rows.filter((r) => r.unavailable);
  const out = [
    `## lambdaload benchmarks${variant}`,
    '',
    renderTable(rows),
    '',
    renderMachineNote(machine),
    `Bench wall time ${durationS.toFixed(0)} s. CPU taken by processes outside the bench while each benchmark ran (share of the machine): ${foreignShares.join(', ') || 'n/a'}.`,
    ...(busiest > BUSY_SHARE
      ? [`Warning: other processes took up to ${(busiest * 100).toFixed(0)}% of the machine during the bench: absolute figures are depressed and noisier than on a quiet machine; the ratios, measured side by side, are the comparison.`]
      : []),
    ...(overflowed.length > 0
      ? [`Warning: the kernel dropped connections at full accept queues (TcpExt ListenOverflows, whole machine): ${overflowed.join(', ')}; each costs about 1 s of SYN retry in the latency of the benchmark it hit.`]
      : []),
    '',
    missed.length === 0 ? 'All targets met.' : `Targets missed (${missed.length}): ${missed.map((r) => `${r.benchmark} (${r.lambdaload}; target ${r.target})`).join('; ')}.`,
    ...(unavailable.length === 0 ? [] : [`Not measured (${unavailable.length}): ${unavailable.map((r) => `${r.benchmark}: ${resultLabel(r)}`).join('; ')}.`]),
    '',
  ];
  process.stdout.write(out.join('\n'));
  const latest = path.join(RESULTS_DIR, 'latest.json');
  writeFileSync(latest, `${JSON.stringify({ options: opts, machine, durationS, rows, raw }, null, 2)}\n`);
  process.stderr.write(`raw results: ${path.relative(ROOT, latest)}\n`);
  await stopAll();
}

main().then(
  () => process.exit(0),
  async (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    await stopAll();
    // A crash of the bench itself is not a measurement: say so with a non-zero code.
    process.exit(1);
  },
);
