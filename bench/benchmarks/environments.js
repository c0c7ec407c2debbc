/**
 * Emulator environments as AWS gives them (cold starts that follow Lambda's rules, not the host's CPU; CPU share and
 * memory limit by memory size):
 *  1. the README's main job, `lambdaload run scenarios/hello.ts`, N times in a row: every run must exit 0;
 *  2. a constant 50 req/s from cold for 10 s (hello handler, `real` profile): cold starts against the count Lambda's
 *     rule predicts from a lone cold start, and init p50 against the lone cold start's init;
 *  3. a burst of 10 simultaneous cold starts on a fresh emulator: init p50 against a lone cold start's;
 *  4. a memory sweep of a CPU-bound handler with `cpu: 'aws'` at 128 … 3,008 MB: duration ∝ 1 / CPU share up to one
 *     vCPU, flat above it for a single-threaded handler, with the cost per million of each size;
 *  5. a handler allocating past its memory size: Runtime.OutOfMemory, then a fresh environment.
 */
import path from 'node:path';
import * as f from '../lib/format.js';
import { BENCH_DIR, LAMBDALOAD_BIN, ROOT } from '../lib/paths.js';
import { runCommand } from '../lib/processes.js';
import { median, percentile } from '../lib/stats.js';
import { RUNS_DIR } from '../lib/tools.js';

export const name = 'environments';

const SWEEP_SIZES_MB = [128, 512, 1024, 1769, 3008];
/** Duration ∝ 1 / share holds within this up to one vCPU (the issue's target). */
const SWEEP_TOLERANCE = 0.15;
const BURST_TARGET_RATIO = 1.5;
const CONSTANT_TARGET_RATIO = 2;

function settings(opts) {
  return opts.quick
    ? { helloRuns: 3, loneColdStarts: 3, sweepTargetMs: 20, sweepRepetitions: 3 }
    : { helloRuns: 20, loneColdStarts: 5, sweepTargetMs: 20, sweepRepetitions: 7 };
}

export function timeoutMs(opts) {
  const s = settings(opts);
  return s.helloRuns * 60_000 + 5 * 60_000;
}

/** `lambdaload run <file> --quiet --json`, for a scenario file or the bench's from-env scenario. */
async function runScenario(file, { env, timeoutMs = 120_000 } = {}) {
  const res = await runCommand(process.execPath, [LAMBDALOAD_BIN, 'run', file, '--quiet', '--json', '--reports-dir', RUNS_DIR], {
    cwd: ROOT,
    env,
    timeoutMs,
  });
  let result;
  try {
    result = JSON.parse(res.stdout);
  } catch {
    result = undefined;
  }
  return { code: res.timedOut ? 'timeout' : res.code, result, stderr: res.stderr };
}

async function helloRuns(s, log) {
  const runs = [];
  for (let i = 0; i < s.helloRuns; i++) {
    const { code, result } = await runScenario('scenarios/hello.ts');
    const coldStarts = result?.coldStarts.count;
    const warmP99 = result?.latency.overall.warm.p99Ms;
    const waited = result?.warnings?.some((w) => w.code === 'EMULATOR_SPARES_EXHAUSTED') ?? false;
    runs.push({ code, coldStarts, warmP99, waited });
    log(`hello.ts run ${i + 1}/${s.helloRuns}: exit ${code}, ${coldStarts} cold starts, warm p99 ${f.ms(warmP99)}`);
  }
  const passed = runs.filter((r) => r.code === 0).length;
  const cold = runs.map((r) => r.coldStarts).filter(Number.isFinite);
  return {
    row: {
      benchmark: `README main job (scenarios/hello.ts), ${s.helloRuns} runs in a row`,
      measured: `exit codes; cold starts per run median ${f.int(median(cold))} (${Math.min(...cold)}–${Math.max(...cold)}); warm p99 median ${f.ms(median(runs.map((r) => r.warmP99).filter(Number.isFinite)))}; runs where a cold start waited for a spare runtime: ${runs.filter((r) => r.waited).length}`,
      lambdaload: `${passed} of ${s.helloRuns} exit 0`,
      reference: '',
      ratio: '',
      target: `${s.helloRuns} of ${s.helloRuns}`,
      pass: passed === s.helloRuns,
    },
    raw: runs,
  };
}

/** Lone cold starts (a fresh emulator, one request) and a burst of 10 on a fresh emulator, from the cold-start probe. */
async function coldStartProbe(s, burst) {
  const res = await runCommand(process.execPath, [path.join(BENCH_DIR, 'children', 'cold-starts.js'), String(s.loneColdStarts), String(burst)], {
    cwd: ROOT,
    timeoutMs: s.loneColdStarts * 10_000 + 60_000,
  });
  if (res.timedOut || res.code !== 0) throw new Error(`cold-start probe ${res.timedOut ? 'timed out' : `exited with code ${res.code}`}: ${res.stderr.slice(-800)}`);
  return JSON.parse(res.stdout);
}

async function constantFromCold(lone, log) {
  const rate = 50;
  const scenario = {
    name: 'constant-50-from-cold',
    target: {
      type: 'emulator',
      api: { type: 'rest', stage: 'dev' },
      functions: { hello: { code: '../../scenarios/functions/hello', handler: 'index.handler', runtime: 'nodejs22.x', memoryMb: 128 } },
      routes: [{ method: 'GET', path: '/hello', function: 'hello' }],
      coldStartProfile: 'real',
    },
    phases: [{ type: 'constant', duration: '10s', rate }],
    requests: [{ path: '/hello', expect: { status: 200 } }],
    // The bench reads the counts; no threshold decides anything here.
    thresholds: [{ metric: 'errorRate', max: 1 }],
  };
  const { code, result } = await runScenario(path.join(BENCH_DIR, 'scenarios', 'from-env.ts'), {
    env: { LAMBDALOAD_BENCH_SCENARIO: JSON.stringify(scenario) },
  });
  if (!result) throw new Error(`constant 50 req/s run exited with code ${code} without a result`);
  const hello = result.emulator.functions.find((fn) => fn.name === 'hello');
  const coldStarts = hello.coldStarts;
  const initP50 = hello.initMs?.p50Ms;
  // Lambda's rule: each request that arrives while no environment is idle starts one. From cold, the first request
  // starts one; every request arriving before it answers (a lone cold start's first-response latency) starts another.
  const loneLatency = median(lone.map((r) => r.latencyMs));
  const loneInit = median(lone.map((r) => r.initMs));
  const predicted = 1 + Math.floor((rate * loneLatency) / 1000);
  log(`constant ${rate} req/s from cold: ${coldStarts} cold starts (predicted ${predicted}), init p50 ${f.ms(initP50)} (lone ${f.ms(loneInit)})`);
  return {
    rows: [
      {
        benchmark: `constant ${rate} req/s from cold, 10 s: cold starts`,
        measured: `Lambda's rule from a lone cold start (first response ${f.ms(loneLatency)}): 1 + ⌊${rate} req/s × ${f.ms(loneLatency)}⌋ = ${predicted}; ${result.requests.completed} requests`,
        lambdaload: f.int(coldStarts),
        reference: `predicted ${predicted}`,
        ratio: f.ratio(coldStarts / predicted),
        target: `≤ ${CONSTANT_TARGET_RATIO}× predicted`,
        pass: coldStarts <= CONSTANT_TARGET_RATIO * predicted,
      },
      {
        benchmark: `constant ${rate} req/s from cold, 10 s: init p50`,
        measured: 'Init Duration p50 of the run’s cold starts vs the lone cold starts’ median',
        lambdaload: f.ms(initP50),
        reference: `lone ${f.ms(loneInit)}`,
        ratio: f.ratio(initP50 / loneInit),
        target: '≤ 1.5×',
        pass: initP50 <= 1.5 * loneInit,
      },
    ],
    raw: { coldStarts, predicted, initP50, loneInit, loneLatency, exitCode: code, warnings: result.warnings },
  };
}

function burstRow(lone, concurrent) {
  const loneInit = median(lone.map((r) => r.initMs));
  const inits = concurrent.filter((r) => r.start === 'cold').map((r) => r.initMs);
  const initP50 = median(inits);
  return {
    benchmark: `burst of ${concurrent.length} simultaneous cold starts: init p50`,
    measured: `${inits.length} of ${concurrent.length} concurrent first requests to a fresh emulator were cold; their first-response latency median ${f.ms(median(concurrent.map((r) => r.latencyMs)))}, max ${f.ms(Math.max(...concurrent.map((r) => r.latencyMs)))} (lone ${f.ms(median(lone.map((r) => r.latencyMs)))})`,
    lambdaload: f.ms(initP50),
    reference: `lone ${f.ms(loneInit)}`,
    ratio: f.ratio(initP50 / loneInit),
    target: `≤ ${BURST_TARGET_RATIO}×`,
    pass: initP50 <= BURST_TARGET_RATIO * loneInit,
  };
}

/** The price of 1M invocations of `durationMs` at `memoryMb` (x86, us-east-1), from `lambdaload cost`. */
async function costPerMillion(memoryMb, durationMs) {
  const res = await runCommand(process.execPath, [LAMBDALOAD_BIN, 'cost', '--requests', '1M', '--duration-ms', String(durationMs), '--memory-mb', String(memoryMb), '--region', 'us-east-1', '--json'], {
    cwd: ROOT,
    timeoutMs: 30_000,
  });
  const report = JSON.parse(res.stdout);
  return report.totalUsd ?? report.total?.usd ?? report.lambda?.totalUsd;
}

async function memorySweep(s, log) {
  const res = await runCommand(process.execPath, [path.join(BENCH_DIR, 'children', 'memory-sweep.js'), String(s.sweepTargetMs), String(s.sweepRepetitions), SWEEP_SIZES_MB.join(',')], {
    cwd: ROOT,
    timeoutMs: 240_000,
  });
  if (res.timedOut || res.code !== 0) throw new Error(`memory sweep ${res.timedOut ? 'timed out' : `exited with code ${res.code}`}: ${res.stderr.slice(-800)}`);
  const sweep = JSON.parse(res.stdout);
  const oneVcpu = sweep.bySize.find((x) => x.memoryMb === 1769);
  const baseMs = median(oneVcpu.durationsMs);
  const rows = [];
  for (const size of sweep.bySize) {
    const measuredMs = median(size.durationsMs);
    const share = Math.min(size.memoryMb / 1769, 1);
    const expectedMs = baseMs / share;
    const ratio = measuredMs / expectedMs;
    const cost = await costPerMillion(size.memoryMb, Math.ceil(measuredMs));
    log(`memory sweep ${size.memoryMb} MB: ${f.ms(measuredMs)} (expected ${f.ms(expectedMs)}), $${cost} per million`);
    rows.push({
      benchmark: `memory sweep, CPU-bound handler at ${size.memoryMb} MB (cpu: 'aws')`,
      measured: `REPORT Duration median of ${size.durationsMs.length} warm invocations (${f.ms(Math.min(...size.durationsMs))}–${f.ms(Math.max(...size.durationsMs))}); cost per million (x86, us-east-1) $${Number(cost).toFixed(2)}`,
      lambdaload: f.ms(measuredMs),
      reference: `${f.ms(baseMs)} / ${share.toFixed(3)} = ${f.ms(expectedMs)}`,
      ratio: f.ratio(ratio),
      target: size.memoryMb === 1769 ? '' : size.memoryMb > 1769 ? 'flat above one vCPU, ±15%' : '∝ 1 / share, ±15%',
      pass: size.memoryMb === 1769 ? undefined : Math.abs(ratio - 1) <= SWEEP_TOLERANCE,
    });
  }
  const o = sweep.oom;
  rows.push({
    benchmark: 'memory limit: a 128 MB handler allocating 512 MB',
    measured: `outcome ${o.outcome}, error type ${o.errorType}, Max Memory Used ${o.maxMemoryUsedMb} MB; next request: ${o.nextOutcome}, cold ${o.nextCold}, new environment ${o.freshEnvironment}`,
    lambdaload: o.errorType,
    reference: 'Runtime.OutOfMemory',
    ratio: '',
    target: 'as Lambda reports it',
    pass: o.errorType === 'Runtime.OutOfMemory' && o.nextOutcome === 'success' && o.nextCold && o.freshEnvironment,
  });
  return { rows, raw: sweep };
}

export async function run(opts, log) {
  const s = settings(opts);
  const rows = [];
  const raw = {};
  const probe = await coldStartProbe(s, 10);
  raw.coldStarts = probe;
  const c = await constantFromCold(probe.sequential, log);
  rows.push(...c.rows);
  raw.constant = c.raw;
  rows.push(burstRow(probe.sequential, probe.concurrent));
  const sweep = await memorySweep(s, log);
  rows.push(...sweep.rows);
  raw.sweep = sweep.raw;
  const hello = await helloRuns(s, log);
  rows.push(hello.row);
  raw.hello = hello.raw;
  return { rows, raw };
}
