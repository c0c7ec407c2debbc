#!/usr/bin/env node
/**
 * Soak (issue 18): `lambdaload run` against its local emulator at a steady rate for a long time, watching for what a
 * short run cannot show: memory or file descriptors that creep up, runtime processes that pile up or outlive the run,
 * percentiles that drift.
 *
 *   node bench/soak.js [--minutes 30] [--rate 100] [--reference-minutes 1]
 *
 * Builds nothing: run `npm run build` first. After a 30 s ramp to the rate, every 10 s it samples the generator (the `lambdaload run` process), the
 * emulator (its child process) and the runtime processes (the emulator's children): RSS from /proc/<pid>/status,
 * open descriptors from /proc/<pid>/fd. At the end it compares the mean of the last quarter of the samples with the
 * mean of the second quarter (the first quarter holds start-up: JIT, pools and environments filling): within 10%
 * is flat, more is growth (a leak's shape) or a fall (a garbage collection, idle environments reaped). It checks that
 * no emulator or runtime process outlived the run, then makes a reference run of `--reference-minutes` at the same
 * rate and sets the soak's p50/p99 beside it. Prints a Markdown table; raw samples go to bench/results/soak.json.
 * Exit code 0 even when something is not flat: this is a measurement (the table says what moved).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import * as f from './lib/format.js';
import { BENCH_DIR, LAMBDALOAD_BIN, RESULTS_DIR, ROOT } from './lib/paths.js';
import { RUNS_DIR } from './lib/tools.js';

const SAMPLE_EVERY_MS = 10_000;
/**
 * The rate ramps up over this long before the steady phase: started at full rate, a cold emulator meets its first
 * second of arrivals with no environment ready and starts one per waiting request (Lambda's rule), a burst that
 * says nothing about a long run. Samples and percentiles cover the steady phase only.
 */
const RAMP_MS = 30_000;
/** Flat: the last quarter's mean within this fraction of the second quarter's... */
const FLAT_FRACTION = 0.1;
/** ...or within this many units for small counts (one runtime process more or less is the pool breathing, not a leak). */
const FLAT_SLACK = { rssBytes: 0, fds: 4, processes: 1 };
const FROM_ENV_SCENARIO = path.join(BENCH_DIR, 'scenarios', 'from-env.ts');

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string', default: '100' },
    'reference-minutes': { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write('usage: node bench/soak.js [--minutes 30] [--rate 100] [--reference-minutes 1]   (npm run build first)\n');
  process.exit(0);
}
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const referenceMinutes = Number(values['reference-minutes']);
if (!(minutes >= 1) || !(rate > 0) || !(referenceMinutes > 0)) {
  process.stderr.write('--minutes must be ≥ 1, --rate and --reference-minutes > 0\n');
  process.exit(2);
}

function log(message) {
  process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** The README's hello handler behind a REST API, on the host's CPU: the soak is about leaks, not the CPU model. */
function scenario(durationMs) {
  return {
    name: 'soak',
    target: {
      type: 'emulator',
      api: { type: 'rest', stage: 'dev' },
      functions: { hello: { code: '../../scenarios/functions/hello', handler: 'index.handler', runtime: 'nodejs22.x', memoryMb: 128, cpu: 'host' } },
      routes: [{ method: 'GET', path: '/hello', function: 'hello' }],
    },
    phases: [
      { name: 'ramp', type: 'ramp', duration: RAMP_MS, rate: 1, rampTo: rate },
      { name: 'steady', type: 'constant', duration: durationMs, rate },
    ],
    requests: [{ path: '/hello', expect: { status: 200, bodyContains: 'Hello from Lambda!' } }],
  };
}

/** Live processes as pid → { ppid, args } (zombies left out: they hold no memory and run nothing). */
function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      table.set(Number(entry), { ppid: Number(fields[1]), args });
    } catch {
      // Exited while being read.
    }
  }
  return table;
}

function rssBytes(pid) {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

function fds(pid) {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
}

const childrenOf = (table, pid, pattern) => [...table].filter(([, p]) => p.ppid === pid && pattern.test(p.args)).map(([child]) => child);

/** One sample of the generator, its emulator child and the emulator's runtime processes. */
function sample(generatorPid, atS) {
  const table = processTable();
  const [emulatorPid] = childrenOf(table, generatorPid, /emulator\/child\/entry/);
  const runtimes = emulatorPid === undefined ? [] : childrenOf(table, emulatorPid, /runtimes\/(node|python)\/bootstrap/);
  return {
    atS,
    generator: { pid: generatorPid, rssBytes: rssBytes(generatorPid), fds: fds(generatorPid) },
    emulator: emulatorPid === undefined ? undefined : { pid: emulatorPid, rssBytes: rssBytes(emulatorPid), fds: fds(emulatorPid) },
    runtimes: { pids: runtimes, count: runtimes.length, rssBytes: runtimes.reduce((sum, pid) => sum + (rssBytes(pid) || 0), 0) },
  };
}

/** `lambdaload run` for `durationMs`, sampled every 10 s; resolves with its result JSON and the samples. */
async function soakRun(durationMs, label) {
  mkdirSync(RUNS_DIR, { recursive: true });
  const child = spawn(process.execPath, [LAMBDALOAD_BIN, 'run', FROM_ENV_SCENARIO, '--quiet', '--json', '--reports-dir', RUNS_DIR], {
    cwd: ROOT,
    env: { ...process.env, LAMBDALOAD_BENCH_SCENARIO: JSON.stringify(scenario(durationMs)) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = [];
  const stderr = [];
  child.stdout.on('data', (c) => stdout.push(c));
  child.stderr.on('data', (c) => stderr.push(c));
  const exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  let done = false;
  exited.then(() => (done = true));
  const killer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), durationMs + 120_000);
  const startedAtMs = performance.now();
  const samples = [];
  const seen = new Set();
  let firstAtS;
  while (!done) {
    await Promise.race([sleep(SAMPLE_EVERY_MS), exited]);
    if (done) break;
    const s = sample(child.pid, (performance.now() - startedAtMs) / 1000);
    // Only samples of the steady phase (it starts after the emulator's start-up and the ramp; the result is built at
    // the end): a sample is kept once the emulator runs and the ramp is over, until the phase's length has passed.
    if (s.emulator !== undefined) {
      firstAtS ??= s.atS + RAMP_MS / 1000;
      if (s.atS >= firstAtS && (s.atS - firstAtS) * 1000 < durationMs) samples.push(s);
    }
    for (const pid of [s.emulator?.pid, ...s.runtimes.pids]) if (pid !== undefined) seen.add(pid);
    log(`${label}: ${s.atS.toFixed(0)} s, generator ${f.mb(s.generator.rssBytes)} ${s.generator.fds} fds, emulator ${f.mb(s.emulator?.rssBytes)} ${s.emulator?.fds ?? 'n/a'} fds, ${s.runtimes.count} runtimes`);
  }
  const { code, signal } = await exited;
  clearTimeout(killer);
  // Whatever the run started must be gone once it has exited (checked before anything else can reuse the pids).
  await sleep(500);
  const table = processTable();
  const leaked = [...seen].filter((pid) => table.has(pid));
  try {
    process.kill(-child.pid, 'SIGKILL'); // nothing it started outlives the bench, leaked or not
  } catch {
    // The group is empty: nothing leaked.
  }
  let result;
  try {
    result = JSON.parse(Buffer.concat(stdout).toString());
  } catch {
    throw new Error(`${label}: lambdaload run exited (code ${code}, signal ${signal}) without a JSON result: ${Buffer.concat(stderr).toString().slice(-1_500)}`);
  }
  return { result, samples, leaked, exitCode: code };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Second-quarter and last-quarter means of one series and the verdict: `flat` (within the margin), `fell` (a
 * garbage collection or idle environments reaped: not a leak) or `GREW` (what a leak looks like).
 */
function flatness(samples, pick, slack) {
  const values = samples.map(pick).filter(Number.isFinite);
  const q = Math.floor(values.length / 4);
  if (q < 1) return { second: NaN, last: NaN, verdict: 'GREW', note: 'too few samples (run at least 1 minute)' };
  const second = mean(values.slice(q, 2 * q));
  const last = mean(values.slice(values.length - q));
  const margin = Math.max(FLAT_FRACTION * second, slack);
  const verdict = last - second > margin ? 'GREW' : second - last > margin ? 'fell' : 'flat';
  return { second, last, verdict };
}

function latency(result) {
  const all = result.latency.byPhase.steady.all;
  return { p50Ms: all.p50Ms, p99Ms: all.p99Ms, count: all.count };
}

log(`soak: ${minutes} min at ${rate} req/s against the local emulator, then a ${referenceMinutes} min reference run`);
const soak = await soakRun(minutes * 60_000, 'soak');
log(`reference: ${referenceMinutes} min at ${rate} req/s`);
const reference = await soakRun(referenceMinutes * 60_000, 'reference');

const series = [
  ['generator RSS', (s) => s.generator.rssBytes, FLAT_SLACK.rssBytes, f.mb],
  ['generator open fds', (s) => s.generator.fds, FLAT_SLACK.fds, f.int],
  ['emulator RSS', (s) => s.emulator.rssBytes, FLAT_SLACK.rssBytes, f.mb],
  ['emulator open fds', (s) => s.emulator.fds, FLAT_SLACK.fds, f.int],
  ['runtime processes', (s) => s.runtimes.count, FLAT_SLACK.processes, f.int],
  ['runtime processes RSS', (s) => s.runtimes.rssBytes, FLAT_SLACK.rssBytes, f.mb],
];
const rows = series.map(([name, pick, slack, format]) => {
  const r = flatness(soak.samples, pick, slack);
  return { name, ...r, text: `| ${name} | ${format(r.second)} | ${format(r.last)} | ${r.verdict}${r.note ? ` (${r.note})` : ''} |` };
});
const s = latency(soak.result);
const ref = latency(reference.result);
const counts = (run) => `${run.result.requests.completed} requests, ${run.result.requests.errors} errors, ${run.result.engine.dropped} dropped, exit ${run.exitCode}`;

const out = [
  `Soak: ${minutes} min at ${rate} req/s against the local emulator (${soak.samples.length} samples, every ${SAMPLE_EVERY_MS / 1000} s)`,
  '',
  '| series | mean of 2nd quarter | mean of last quarter | verdict |',
  '|---|---|---|---|',
  ...rows.map((r) => r.text),
  '',
  `| latency from intended send, steady phase | soak (${minutes} min) | reference (${referenceMinutes} min) | ratio |`,
  '|---|---|---|---|',
  `| p50 | ${f.ms(s.p50Ms)} | ${f.ms(ref.p50Ms)} | ${f.ratio(s.p50Ms / ref.p50Ms)} |`,
  `| p99 | ${f.ms(s.p99Ms)} | ${f.ms(ref.p99Ms)} | ${f.ratio(s.p99Ms / ref.p99Ms)} |`,
  '',
  `soak: ${counts(soak)}; reference: ${counts(reference)}`,
  `processes left after the runs: ${soak.leaked.length + reference.leaked.length === 0 ? 'none' : [...soak.leaked, ...reference.leaked].join(', ')}`,
  `verdict: ${rows.every((r) => r.verdict !== 'GREW') && soak.leaked.length === 0 && reference.leaked.length === 0 ? 'nothing grew, nothing leaked' : 'something grew or leaked (see above)'}`,
];
process.stdout.write(`${out.join('\n')}\n`);
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(
  path.join(RESULTS_DIR, 'soak.json'),
  `${JSON.stringify({ minutes, rate, referenceMinutes, rows, soak: { ...soak, result: undefined, latency: s }, reference: { ...reference, result: undefined, latency: ref } }, null, 2)}\n`,
);
