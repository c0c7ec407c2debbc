/**
 * `run --workers 2` against one process (issue 16), against the trivial "ok" server:
 *  - generator CPU per request at the same offered load: an open phase of 2,000 req/s in total (2 × 1,000 on two
 *    workers). The CPU is the result's own `engine.generator.cpuMs`: each generator process's user+sys over its
 *    phases and drain (process.cpuUsage, every thread), the workers' and their parent's summed, so start-up and the
 *    result's writing are left out without a slope between two runs (whose start-up costs vary by more than the
 *    difference sought). An open phase because the load is then the same on both sides;
 *  - from the same runs: the achieved rate over the target and the send-lag p99 of every send (the workers' delay histograms added);
 *  - for information, the same CPU per request at the same load per process: one process alone at 1,000 req/s, and
 *    two independent single processes at 1,000 req/s each run side by side (no split: two `lambdaload run`s). The
 *    pair against `--workers 2` is what the split itself costs (the parent, the IPC, the merge); the pair against the
 *    lone process is what two generators contending for 2 cores with the server cost;
 *  - for information, the CPU of the whole process tree beyond the phases (start-up, loading the scenario, writing
 *    the result), per run: the fixed cost of each extra process;
 *  - for information, a closed phase of 10 connections in total (5 + 5): a saturation run, where each process answers
 *    as fast as the 2 cores allow and one busy process reads more responses per event-loop turn than two half-busy ones.
 * This machine has 2 cores: the workers share them with the server, so scaling itself cannot be shown here.
 */
import * as f from '../lib/format.js';
import { startOkServer } from '../lib/servers.js';
import { describe, median } from '../lib/stats.js';
import { closedPhase, constantPhase, runLambdaload } from '../lib/tools.js';

export const name = 'workers';
const RATE = 2_000;
const CONNECTIONS = 10;
const TARGET_CPU_RATIO = 0.05;
const TARGET_ACHIEVED = 0.99;
const TARGET_SEND_LAG_P99_MS = 2;

function settings(opts) {
  return opts.quick ? { durationMs: 4_000, closedMs: 3_000, repetitions: 1 } : { durationMs: 15_000, closedMs: 10_000, repetitions: 3 };
}

export function timeoutMs(opts) {
  const s = settings(opts);
  return s.repetitions * 4 * (s.durationMs + 30_000) + 2 * (s.closedMs + 30_000) + 60_000;
}

/** µs of generator CPU per request sent, from the result's own measurement. */
const cpuPerRequestUs = (r) => (r.engine.generator.cpuMs * 1000) / r.engine.sent;

export async function run(opts, log) {
  const { durationMs, closedMs, repetitions } = settings(opts);
  const server = await startOkServer({ name: 'ok-server-workers' });
  const runs = {};
  try {
    const once = async (key, workers, phase, ms) => {
      const { result, cpuSeconds } = await runLambdaload({ url: server.url, phases: [phase], timeoutMs: ms + 60_000, name: `bench-workers-${workers}`, args: ['--workers', String(workers)] });
      if (!result.engine.generator) throw new Error(`workers ${key}: the result has no engine.generator`);
      runs[key] = { workers, requests: result.requests.completed, treeCpuSeconds: cpuSeconds, engine: result.engine, errors: result.requests.errors };
      log(`workers ${key}: ${f.int(result.requests.completed)} requests, generator CPU ${(result.engine.generator.cpuMs / 1000).toFixed(2)} s (${cpuPerRequestUs(result).toFixed(1)} µs/request, ${result.engine.generator.processes} processes, loop busy ${f.pct(result.engine.generator.eventLoopBusy)}), tree CPU ${cpuSeconds.toFixed(2)} s, achieved ${f.rps(result.engine.achievedRps)}, lag p99 ${f.ms(result.engine.sendLagMs.p99)}`);
    };
    // Interleaved, so a machine that gets busier during the benchmark weighs on all sides alike.
    const pair = async (key) => {
      const both = await Promise.all([0, 1].map((i) => runLambdaload({ url: server.url, phases: [constantPhase(RATE / 2, durationMs)], timeoutMs: durationMs + 60_000, name: `bench-workers-pair-${i}` })));
      const cpuMs = both.reduce((total, { result }) => total + result.engine.generator.cpuMs, 0);
      const sent = both.reduce((total, { result }) => total + result.engine.sent, 0);
      runs[key] = { pair: both.map(({ result, cpuSeconds }) => ({ requests: result.requests.completed, treeCpuSeconds: cpuSeconds, engine: result.engine, errors: result.requests.errors })), cpuMs, sent };
      log(`workers ${key}: 2 × ${f.int(sent / 2)} requests side by side, generator CPU ${(cpuMs / 1000).toFixed(2)} s (${((cpuMs * 1000) / sent).toFixed(1)} µs/request), lag p99 ${both.map(({ result }) => f.ms(result.engine.sendLagMs.p99)).join(' / ')}`);
    };
    for (let rep = 0; rep < repetitions; rep++) {
      await once(`open-1-${rep}`, 1, constantPhase(RATE, durationMs), durationMs);
      await once(`open-2-${rep}`, 2, constantPhase(RATE, durationMs), durationMs);
      await once(`half-1-${rep}`, 1, constantPhase(RATE / 2, durationMs), durationMs);
      await pair(`pair-${rep}`);
    }
    for (const workers of [1, 2]) await once(`closed-${workers}`, workers, closedPhase(CONNECTIONS, closedMs), closedMs);
  } finally {
    await server.stop();
  }
  const reps = Array.from({ length: repetitions }, (_, rep) => rep);
  const cpu = (prefix) => reps.map((rep) => cpuPerRequestUs(runs[`${prefix}-${rep}`]));
  const ones = cpu('open-1');
  const twos = cpu('open-2');
  const halves = cpu('half-1');
  const pairs = reps.map((rep) => (runs[`pair-${rep}`].cpuMs * 1000) / runs[`pair-${rep}`].sent);
  const splitRatios = reps.map((rep) => twos[rep] / pairs[rep]);
  const contentionRatios = reps.map((rep) => pairs[rep] / halves[rep]);
  // Each repetition's runs were seconds apart: its ratio is the paired comparison; the median of those is the figure.
  const ratios = reps.map((rep) => twos[rep] / ones[rep]);
  const ratio = median(ratios);
  const perProcessRatios = reps.map((rep) => twos[rep] / halves[rep]);
  const us = (v) => `${v.toFixed(1)} µs`;
  const longs = (prefix) => reps.map((rep) => runs[`${prefix}-${rep}`]);
  const achieved = (prefix) => longs(prefix).map((r) => r.engine.achievedRps / RATE);
  const lagP99 = (prefix) => longs(prefix).map((r) => r.engine.sendLagMs.p99);
  // Beyond the phases: the whole tree's CPU less the generator's own over its phases.
  const fixedS = (prefix) => longs(prefix).map((r) => r.treeCpuSeconds - r.engine.generator.cpuMs / 1000);
  const achieved2 = median(achieved('open-2'));
  const lag2 = median(lagP99('open-2'));
  const errors2 = longs('open-2').reduce((n, r) => n + r.errors, 0);
  const dropped2 = longs('open-2').reduce((n, r) => n + r.engine.dropped, 0);
  const of = repetitions > 1 ? `median (min–max) of ${repetitions} interleaved repetitions` : 'one run each';
  const paired = (values) => (repetitions > 1 ? ` (${values.map((r) => f.ratio(r)).join(', ')})` : '');
  const seconds = (v) => `${v.toFixed(2)} s`;
  const closedOne = cpuPerRequestUs(runs['closed-1']);
  const closedTwo = cpuPerRequestUs(runs['closed-2']);
  return {
    rows: [
      {
        benchmark: `workers: CPU per request, --workers 2 vs 1, open ${f.rps(RATE)} in total`,
        measured: `the result's engine.generator.cpuMs (user+sys of each generator process over its phases, every thread; the 2 workers' and their parent's summed) per request sent, ${durationMs / 1000} s open phase of ${f.rps(RATE)} in total; ${of}, ratio the median of the paired ones`,
        lambdaload: describe(twos, us),
        reference: `1 process ${describe(ones, us)}`,
        ratio: `${f.ratio(ratio)}${paired(ratios)}`,
        target: `within ${TARGET_CPU_RATIO * 100}%`,
        pass: Math.abs(ratio - 1) <= TARGET_CPU_RATIO,
      },
      {
        benchmark: `workers: --workers 2 at ${f.rps(RATE)}, achieved rate and send lag`,
        measured: `the same runs on 2 workers: achieved req/s over the target; send-lag p99 of every send (the workers' delay histograms added); ${of}; errors ${errors2}, dropped ${dropped2}`,
        lambdaload: `${describe(achieved('open-2'), f.pct)}, lag p99 ${describe(lagP99('open-2'), f.ms)}`,
        reference: `1 process ${describe(achieved('open-1'), f.pct)}, lag p99 ${describe(lagP99('open-1'), f.ms)}`,
        ratio: f.pct(achieved2),
        target: `≥ ${TARGET_ACHIEVED * 100}%, < ${TARGET_SEND_LAG_P99_MS} ms`,
        pass: achieved2 >= TARGET_ACHIEVED && lag2 < TARGET_SEND_LAG_P99_MS && errors2 === 0,
      },
      {
        benchmark: `workers: CPU per request, --workers 2 vs two independent processes side by side (information)`,
        measured: `2 workers at ${f.rps(RATE / 2)} each (the runs above) against two separate \`lambdaload run\`s at ${f.rps(RATE / 2)} each started together, ${durationMs / 1000} s, interleaved; ${of}: the same processes on the same cores, so the difference is the split's own cost (parent, IPC, merge)`,
        lambdaload: describe(twos, us),
        reference: `2 processes side by side ${describe(pairs, us)}`,
        ratio: `${f.ratio(median(splitRatios))}${paired(splitRatios)}`,
        target: 'information',
      },
      {
        benchmark: `workers: CPU per request, two processes side by side vs one alone, ${f.rps(RATE / 2)} each (information)`,
        measured: `the pair above against one process alone at ${f.rps(RATE / 2)}; ${of}: what two generators contending for the 2 cores with the server cost per request, split or not (one alone at ${f.rps(RATE / 2)} against --workers 2: ${f.ratio(median(perProcessRatios))})`,
        lambdaload: describe(pairs, us),
        reference: `1 process alone ${describe(halves, us)}`,
        ratio: `${f.ratio(median(contentionRatios))}${paired(contentionRatios)}`,
        target: 'information',
      },
      {
        benchmark: `workers: CPU beyond the phases, per run (information)`,
        measured: `user+sys of the whole lambdaload process tree less the generators' own over the phases: Node's start, loading the scenario, the preflight and warm-up, writing the result; ${of}`,
        lambdaload: describe(fixedS('open-2'), seconds),
        reference: `1 process ${describe(fixedS('open-1'), seconds)}`,
        ratio: f.ratio(median(fixedS('open-2')) / median(fixedS('open-1'))),
        target: 'information',
      },
      {
        benchmark: `workers: CPU per request at saturation, closed ${CONNECTIONS} connections (information)`,
        measured: `the same CPU measure for a closed phase of ${CONNECTIONS} connections in total (5 + 5 on two workers), ${closedMs / 1000} s, one run each: each process sends as fast as the machine allows, so this measures batching at saturation (one busy process reads more responses per event-loop turn), not the split; achieved ${f.rps(runs['closed-2'].engine.achievedRps)} on 2 workers, ${f.rps(runs['closed-1'].engine.achievedRps)} on 1`,
        lambdaload: us(closedTwo),
        reference: `1 process ${us(closedOne)}`,
        ratio: f.ratio(closedTwo / closedOne),
        target: 'information',
      },
    ],
    raw: { rate: RATE, connections: CONNECTIONS, runs, cpuPerRequestUs: { one: ones, two: twos, half: halves, pair: pairs, closedOne, closedTwo }, ratios, perProcessRatios, splitRatios, contentionRatios, ratio },
  };
}
