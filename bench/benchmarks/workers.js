/**
 * `run --workers 2` against one process (issue 16), against the trivial "ok" server:
 *  - generator CPU per request, closed model (the same 10 connections in total, split 5 + 5): user+sys of the whole
 *    lambdaload process tree (the workers are its waited-for children), taken as the slope between a short and a
 *    long run of each, (CPU(long) − CPU(short)) / (requests(long) − requests(short)), so the fixed start-up cost
 *    (Node and the scenario loaded once per process: 3 processes for --workers 2) drops out and what remains is the
 *    cost of each request. Closed, because an open phase above ~500 req/s polls its clock continuously
 *    (src/engine/open-phase.ts): that CPU is per process and per second, not per request, and N workers spend it N
 *    times (the open runs' CPU is in the raw results);
 *  - an open-model run at 2,000 req/s split over 2 workers: achieved rate over the target and send-lag p99 (the
 *    highest worker's), with the same run in one process beside it.
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
  return s.repetitions * (2 * (s.shortMs + s.longMs) + 4 * 30_000) + 2 * (s.longMs + 30_000);
}

export async function run(opts, log) {
  const { shortMs, longMs, repetitions } = settings(opts);
  const server = await startOkServer({ name: 'ok-server-workers' });
  const runs = {};
  try {
    // Interleaved, so a machine that gets busier during the benchmark weighs on both sides alike.
    const once = async (key, workers, durationMs, phase) => {
      const { result, cpuSeconds } = await runLambdaload({ url: server.url, phases: [phase], timeoutMs: durationMs + 60_000, name: `bench-workers-${workers}`, args: ['--workers', String(workers)] });
      runs[key] = { workers, durationMs, requests: result.requests.completed, cpuSeconds, engine: result.engine, errors: result.requests.errors };
      log(`workers ${key}: ${f.int(result.requests.completed)} requests, CPU ${cpuSeconds.toFixed(2)} s, achieved ${f.rps(result.engine.achievedRps)}, lag p99 ${f.ms(result.engine.sendLagMs.p99)}`);
    };
    for (let rep = 0; rep < repetitions; rep++) {
      for (const durationMs of [shortMs, longMs]) {
        for (const workers of [1, 2]) await once(`${workers}-${durationMs}-${rep}`, workers, durationMs, closedPhase(CONNECTIONS, durationMs));
      }
    }
    // The same open run in one process beside it: on a shared machine the send lag is mostly the machine's.
    await once('open-1', 1, longMs, constantPhase(RATE, longMs));
    await once('open-2', 2, longMs, constantPhase(RATE, longMs));
  } finally {
    await server.stop();
  }
  const perRequestUs = (workers, rep) => {
    const a = runs[`${workers}-${shortMs}-${rep}`];
    const b = runs[`${workers}-${longMs}-${rep}`];
    return ((b.cpuSeconds - a.cpuSeconds) / (b.requests - a.requests)) * 1e6;
  };
  const reps = Array.from({ length: repetitions }, (_, rep) => rep);
  const ones = reps.map((rep) => perRequestUs(1, rep));
  const twos = reps.map((rep) => perRequestUs(2, rep));
  // Each repetition's pair ran minutes apart at most: its ratio is the paired comparison; the median of those is the figure.
  const ratios = reps.map((rep) => twos[rep] / ones[rep]);
  const one = median(ones);
  const two = median(twos);
  const ratio = median(ratios);
  const us = (v) => `${v.toFixed(1)} µs`;
  const long2 = runs['open-2'];
  const long1 = runs['open-1'];
  const achieved = long2.engine.achievedRps / RATE;
  return {
    rows: [
      {
        benchmark: `workers: CPU per request, --workers 2 vs 1, closed ${CONNECTIONS} connections`,
        measured: `user+sys of the lambdaload process tree per request, slope between a ${shortMs / 1000} s and a ${longMs / 1000} s closed phase of ${CONNECTIONS} connections in total (start-up cost excluded); ${repetitions > 1 ? `median (min–max) of ${repetitions} interleaved repetitions, ratio the median of the paired ones` : 'one run each'}`,
        lambdaload: describe(twos, us),
        reference: `1 process ${describe(ones, us)}`,
        ratio: `${f.ratio(ratio)}${repetitions > 1 ? ` (${ratios.map((r) => f.ratio(r)).join(', ')})` : ''}`,
        target: `within ${TARGET_CPU_RATIO * 100}%`,
        pass: Math.abs(ratio - 1) <= TARGET_CPU_RATIO,
      },
      {
        benchmark: `workers: --workers 2 at ${f.rps(RATE)}, achieved rate and send lag`,
        measured: `the ${longMs / 1000} s run on 2 workers: achieved req/s over the target; send-lag p99 (the highest worker's); errors ${long2.errors}, dropped ${long2.engine.dropped}`,
        lambdaload: `${f.pct(achieved)}, lag p99 ${f.ms(long2.engine.sendLagMs.p99)}`,
        reference: `1 process ${f.pct(long1.engine.achievedRps / RATE)}, lag p99 ${f.ms(long1.engine.sendLagMs.p99)}`,
        ratio: f.pct(achieved),
        target: `≥ ${TARGET_ACHIEVED * 100}%, < ${TARGET_SEND_LAG_P99_MS} ms`,
        pass: achieved >= TARGET_ACHIEVED && long2.engine.sendLagMs.p99 < TARGET_SEND_LAG_P99_MS && long2.errors === 0,
      },
    ],
    raw: { rate: RATE, connections: CONNECTIONS, runs, cpuPerRequestUs: { one: ones, two: twos }, ratios, ratio },
  };
}
