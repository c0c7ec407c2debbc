/**
 * `run --workers 2` against one process (issue 16), against the trivial "ok" server:
 *  - generator CPU per request at the same offered load: an open phase of 2,000 req/s in total (2 × 1,000 on two
 *    workers), user+sys of the whole lambdaload process tree (the workers are its waited-for children), taken as the
 *    slope between a short and a long run of each, (CPU(long) − CPU(short)) / (requests(long) − requests(short)), so
 *    the fixed start-up cost (Node and the scenario loaded once per process: 3 processes for --workers 2) drops out
 *    and what remains is the cost of each request. An open phase because the load is then the same on both sides;
 *  - from the same long runs: the achieved rate over the target and the send-lag p99 (the highest worker's);
 *  - for information, the same slope for a closed phase of 10 connections in total (5 + 5 on two workers): that is
 *    a saturation run, where each process answers as fast as the 2 cores allow and one busy process reads more
 *    responses per event-loop turn than two half-busy ones, so its CPU per request measures the machine's batching
 *    at saturation rather than what the split costs.
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
  return opts.quick ? { shortMs: 2_000, longMs: 5_000, repetitions: 1 } : { shortMs: 5_000, longMs: 20_000, repetitions: 3 };
}

export function timeoutMs(opts) {
  const s = settings(opts);
  return (s.repetitions + 1) * (2 * (s.shortMs + s.longMs) + 4 * 30_000);
}

export async function run(opts, log) {
  const { shortMs, longMs, repetitions } = settings(opts);
  const server = await startOkServer({ name: 'ok-server-workers' });
  const runs = {};
  try {
    const once = async (key, workers, durationMs, phase) => {
      const { result, cpuSeconds } = await runLambdaload({ url: server.url, phases: [phase], timeoutMs: durationMs + 60_000, name: `bench-workers-${workers}`, args: ['--workers', String(workers)] });
      runs[key] = { workers, durationMs, requests: result.requests.completed, cpuSeconds, engine: result.engine, errors: result.requests.errors };
      log(`workers ${key}: ${f.int(result.requests.completed)} requests, CPU ${cpuSeconds.toFixed(2)} s, achieved ${f.rps(result.engine.achievedRps)}, lag p99 ${f.ms(result.engine.sendLagMs.p99)}`);
    };
    // Interleaved, so a machine that gets busier during the benchmark weighs on both sides alike.
    for (let rep = 0; rep < repetitions; rep++) {
      for (const durationMs of [shortMs, longMs]) {
        for (const workers of [1, 2]) await once(`open-${workers}-${durationMs}-${rep}`, workers, durationMs, constantPhase(RATE, durationMs));
      }
    }
    for (const durationMs of [shortMs, longMs]) {
      for (const workers of [1, 2]) await once(`closed-${workers}-${durationMs}`, workers, durationMs, closedPhase(CONNECTIONS, durationMs));
    }
  } finally {
    await server.stop();
  }
  const slopeUs = (shortKey, longKey) => {
    const a = runs[shortKey];
    const b = runs[longKey];
    return ((b.cpuSeconds - a.cpuSeconds) / (b.requests - a.requests)) * 1e6;
  };
  const reps = Array.from({ length: repetitions }, (_, rep) => rep);
  const ones = reps.map((rep) => slopeUs(`open-1-${shortMs}-${rep}`, `open-1-${longMs}-${rep}`));
  const twos = reps.map((rep) => slopeUs(`open-2-${shortMs}-${rep}`, `open-2-${longMs}-${rep}`));
  // Each repetition's pair ran minutes apart at most: its ratio is the paired comparison; the median of those is the figure.
  const ratios = reps.map((rep) => twos[rep] / ones[rep]);
  const ratio = median(ratios);
  const closedOne = slopeUs(`closed-1-${shortMs}`, `closed-1-${longMs}`);
  const closedTwo = slopeUs(`closed-2-${shortMs}`, `closed-2-${longMs}`);
  const us = (v) => `${v.toFixed(1)} µs`;
  const longs = (workers) => reps.map((rep) => runs[`open-${workers}-${longMs}-${rep}`]);
  const achieved = (workers) => longs(workers).map((r) => r.engine.achievedRps / RATE);
  const lagP99 = (workers) => longs(workers).map((r) => r.engine.sendLagMs.p99);
  const achieved2 = median(achieved(2));
  const lag2 = median(lagP99(2));
  const errors2 = longs(2).reduce((n, r) => n + r.errors, 0);
  const dropped2 = longs(2).reduce((n, r) => n + r.engine.dropped, 0);
  const of = repetitions > 1 ? `median (min–max) of ${repetitions} interleaved repetitions` : 'one run each';
  return {
    rows: [
      {
        benchmark: `workers: CPU per request, --workers 2 vs 1, open ${f.rps(RATE)} in total`,
        measured: `user+sys of the lambdaload process tree per request, slope between a ${shortMs / 1000} s and a ${longMs / 1000} s open phase of ${f.rps(RATE)} in total (start-up cost excluded); ${of}, ratio the median of the paired ones`,
        lambdaload: describe(twos, us),
        reference: `1 process ${describe(ones, us)}`,
        ratio: `${f.ratio(ratio)}${repetitions > 1 ? ` (${ratios.map((r) => f.ratio(r)).join(', ')})` : ''}`,
        target: `within ${TARGET_CPU_RATIO * 100}%`,
        pass: Math.abs(ratio - 1) <= TARGET_CPU_RATIO,
      },
      {
        benchmark: `workers: --workers 2 at ${f.rps(RATE)}, achieved rate and send lag`,
        measured: `the ${longMs / 1000} s runs on 2 workers: achieved req/s over the target; send-lag p99 (the highest worker's); ${of}; errors ${errors2}, dropped ${dropped2}`,
        lambdaload: `${describe(achieved(2), f.pct)}, lag p99 ${describe(lagP99(2), f.ms)}`,
        reference: `1 process ${describe(achieved(1), f.pct)}, lag p99 ${describe(lagP99(1), f.ms)}`,
        ratio: f.pct(achieved2),
        target: `≥ ${TARGET_ACHIEVED * 100}%, < ${TARGET_SEND_LAG_P99_MS} ms`,
        pass: achieved2 >= TARGET_ACHIEVED && lag2 < TARGET_SEND_LAG_P99_MS && errors2 === 0,
      },
      {
        benchmark: `workers: CPU per request at saturation, closed ${CONNECTIONS} connections (information)`,
        measured: `the same slope for a closed phase of ${CONNECTIONS} connections in total (5 + 5 on two workers), one run each: each process sends as fast as the machine allows, so this measures batching at saturation (one busy process reads more responses per event-loop turn), not the split`,
        lambdaload: us(closedTwo),
        reference: `1 process ${us(closedOne)}`,
        ratio: f.ratio(closedTwo / closedOne),
        target: 'information',
      },
    ],
    raw: { rate: RATE, connections: CONNECTIONS, runs, cpuPerRequestUs: { one: ones, two: twos, closedOne, closedTwo }, ratios, ratio },
  };
}
