/**
 * Open model accuracy: `lambdaload run` with one constant phase (uniform arrivals) at 1,000 and 5,000 req/s for
 * 10 s each, against the trivial "ok" server in its own process. Two figures per rate:
 *  - achieved rate / target: requests actually sent, per second of the phase, over the target rate (also reported:
 *    drops at the in-flight cap and errors, which would hide behind a good rate);
 *  - scheduler send lag p99: sent − intended time of each request, from the engine's own summary.
 * The same lambdaload process also runs its 1 s JIT warm-up (no request reaches the target) before the phase.
 */
import * as f from '../lib/format.js';
import { startOkServer } from '../lib/servers.js';
import { constantPhase, runLambdaload } from '../lib/tools.js';

export const name = 'open';
export const TARGET_ACHIEVED = 0.99;
export const TARGET_SEND_LAG_P99_MS = 2;
const RATES = [1_000, 5_000];

function durationMs(opts) {
  return opts.quick ? 3_000 : 10_000;
}

export function timeoutMs(opts) {
  return RATES.length * (durationMs(opts) + 30_000) + 15_000;
}

export async function run(opts, log) {
  const phaseMs = durationMs(opts);
  const rows = [];
  const raw = { durationMs: phaseMs, rates: {} };
  const server = await startOkServer({ name: 'ok-server-open' });
  try {
    for (const rate of RATES) {
      const { result, cpuSeconds } = await runLambdaload({
        url: server.url,
        phases: [constantPhase(rate, phaseMs)],
        timeoutMs: phaseMs + 30_000,
        name: `bench-open-${rate}`,
      });
      const e = result.engine;
      // lambdaload's own figure: requests sent / (first intended send → last response). Late sends stretch the
      // span, so a generator that falls behind and catches up after the phase shows a lower rate.
      const achievedRps = e.achievedRps;
      const achieved = achievedRps / rate;
      const errors = result.requests.errors;
      const all = result.latency.overall.all;
      raw.rates[rate] = {
        achievedRps,
        achievedFraction: achieved,
        engine: e,
        errors,
        latency: all,
        generatorCpuSeconds: cpuSeconds,
      };
      log(`open ${rate} req/s: sent ${e.sent}/${e.scheduled} scheduled, dropped ${e.dropped}, late ${e.lateSends}, lag p50 ${f.ms(e.sendLagMs.p50)} p99 ${f.ms(e.sendLagMs.p99)} max ${f.ms(e.sendLagMs.max)}, errors ${errors}`);
      const label = rate.toLocaleString('en-US');
      rows.push({
        benchmark: `open ${label} req/s: achieved rate`,
        measured: `achieved req/s (sent / span from first intended send to last response) of a ${phaseMs / 1000} s constant phase, uniform arrivals, over the target; dropped ${e.dropped}, errors ${errors}, latency p99 ${f.ms(all.p99Ms)}`,
        lambdaload: f.rps(achievedRps),
        reference: `target ${f.rps(rate)}`,
        ratio: f.pct(achieved),
        target: `≥ ${TARGET_ACHIEVED * 100}%`,
        pass: achieved >= TARGET_ACHIEVED && errors === 0 && e.dropped === 0,
      });
      rows.push({
        benchmark: `open ${label} req/s: send lag`,
        measured: `scheduler send lag (sent − intended) p99 over every request; p50 ${f.ms(e.sendLagMs.p50)}, max ${f.ms(e.sendLagMs.max)}, ${e.lateSends} sends > 1 ms late`,
        lambdaload: f.ms(e.sendLagMs.p99),
        reference: '',
        ratio: '',
        target: `< ${TARGET_SEND_LAG_P99_MS} ms`,
        pass: e.sendLagMs.p99 < TARGET_SEND_LAG_P99_MS,
      });
    }
  } finally {
    await server.stop();
  }
  return { rows, raw };
}
