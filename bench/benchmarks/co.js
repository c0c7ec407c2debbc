/**
 * Coordinated omission: a server that stalls for 1 s every 5 s (bench/servers/stall-server.js: requests arriving
 * during a stall are held and answered when it ends), driven at a constant 1,000 req/s for 30 s (uniform arrivals).
 * lambdaload's latency from the intended send time is compared with the analytic distribution; its service-time view
 * (from the actual send) and autocannon's figures for the same server and rate are shown beside it.
 *
 * Analytic distribution (derived in `analyticQuantileMs`): requests arrive uniformly at rate λ; the server stalls S
 * at the start of every period P. A request arriving u ms into a stall (0 ≤ u < S) waits until the stall ends,
 * S − u, plus the normal service time; one arriving outside a stall waits only the service time. Over whole periods
 * a fraction f = S/P of arrivals fall inside a stall, and their waits S − u are uniform on (0, S]. So, ignoring the
 * sub-millisecond service time, the latency L has
 *     P(L ≤ x) = (1 − f) + f · x / S   for 0 ≤ x ≤ S,
 * and the q-quantile is  0 (service time only) for q ≤ 1 − f,  else  S · (q − (1 − f)) / f.
 * With S = 1,000 ms, P = 5,000 ms (f = 0.2): p50 ≈ service time, p90 = 500 ms, p99 = 950 ms, p99.9 = 995 ms.
 * This holds for any alignment of the stall cycle with the run, provided the run lasts a whole number of periods:
 * a stall cut by the run's start and the one cut by its end together contribute waits uniform on (0, S], like one
 * whole stall. (Requests queued in the client pool during a stall would be sent a few ms after it ends; that drain is
 * avoided by giving the client more sockets than one stall's requests: see CONNECTIONS.)
 */
import * as f from '../lib/format.js';
import { startStallServer } from '../lib/servers.js';
import { constantPhase, runAutocannon, runLambdaload } from '../lib/tools.js';

export const name = 'co';
export const TARGET_P99_TOLERANCE = 0.1;
const PERIOD_MS = 5_000;
const STALL_MS = 1_000;
const RATE = 1_000;
/**
 * lambdaload's sockets: more than the requests of one stall (RATE × STALL_MS), so every request is on the wire when
 * it is due and the server holds it, as the analytic model assumes. With the default 100 sockets the rest of a
 * stall's requests queue in the client and are sent in rounds of 100 after the stall, which adds a drain of some
 * ms (measured: p90 about 10% above the model); that latency is real, but it is the client's, not the stall's.
 */
const CONNECTIONS = 1_200;
/** autocannon's connections: its rate limit is spread over them, as in the reference measurement. */
const AUTOCANNON_CONNECTIONS = 50;

function durationMs(opts) {
  return opts.quick ? 10_000 : 30_000;
}

/** q-quantile (0 < q < 1) of the latency, ms, for stalls of `stallMs` every `periodMs`; see the derivation above. */
export function analyticQuantileMs(q, { stallMs = STALL_MS, periodMs = PERIOD_MS, serviceMs = 0 } = {}) {
  const fraction = stallMs / periodMs;
  if (q <= 1 - fraction) return serviceMs;
  return serviceMs + (stallMs * (q - (1 - fraction))) / fraction;
}

export function timeoutMs(opts) {
  // lambdaload, autocannon with its default correction and, in the full run, autocannon -C.
  const runs = opts.quick ? 2 : 3;
  return runs * (durationMs(opts) + 30_000) + 15_000;
}

const triple = (p50, p90, p99) => `p50 ${f.ms(p50)} / p90 ${f.ms(p90)} / p99 ${f.ms(p99)}`;

export async function run(opts, log) {
  const phaseMs = durationMs(opts);
  if (phaseMs % PERIOD_MS !== 0) throw new Error('the run must last a whole number of stall periods (see the derivation)');
  const seconds = phaseMs / 1000;
  const analytic = { p50: analyticQuantileMs(0.5), p90: analyticQuantileMs(0.9), p99: analyticQuantileMs(0.99), p999: analyticQuantileMs(0.999) };
  // The analytic p50 is the service time alone (the model leaves it out: 0), so it is written as such.
  const analyticText = `analytic p50 ≈ service time / p90 ${f.ms(analytic.p90)} / p99 ${f.ms(analytic.p99)}`;
  const rows = [];
  const raw = { periodMs: PERIOD_MS, stallMs: STALL_MS, rate: RATE, durationMs: phaseMs, analytic };
  const server = await startStallServer({ periodMs: PERIOD_MS, stallMs: STALL_MS });
  try {
    const { result } = await runLambdaload({ url: server.url, phases: [constantPhase(RATE, phaseMs)], http: { connections: CONNECTIONS }, timeoutMs: phaseMs + 30_000, name: 'bench-co' });
    const lat = result.latency.overall.all;
    const svc = result.serviceTime.overall.all;
    raw.lambdaload = { latency: lat, serviceTime: svc, engine: result.engine, requests: result.requests };
    log(`co lambdaload: intended ${triple(lat.p50Ms, lat.p90Ms, lat.p99Ms)}; service ${triple(svc.p50Ms, svc.p90Ms, svc.p99Ms)}; sent ${result.engine.sent}, dropped ${result.engine.dropped}, errors ${result.requests.errors}`);

    const p99Ratio = lat.p99Ms / analytic.p99;
    rows.push({
      benchmark: 'coordinated omission: lambdaload (intended time)',
      measured: `latency from intended send time, ${RATE.toLocaleString('en-US')} req/s constant for ${seconds} s, server stalls ${STALL_MS / 1000} s every ${PERIOD_MS / 1000} s; reference = analytic distribution for that pattern; p99.9 ${f.ms(lat.p999Ms)} (analytic ${f.ms(analytic.p999)}); errors ${result.requests.errors}, dropped ${result.engine.dropped}`,
      lambdaload: triple(lat.p50Ms, lat.p90Ms, lat.p99Ms),
      reference: analyticText,
      ratio: `p99 ${f.ratio(p99Ratio)}, p90 ${f.ratio(lat.p90Ms / analytic.p90)}`,
      target: `p99 within ±${TARGET_P99_TOLERANCE * 100}%`,
      pass: Math.abs(p99Ratio - 1) <= TARGET_P99_TOLERANCE && result.requests.errors === 0,
    });
    rows.push({
      benchmark: 'coordinated omission: lambdaload (service time)',
      measured: 'the same run from the actual send time (what a tool that omits the queueing would report); shown, not used',
      lambdaload: triple(svc.p50Ms, svc.p90Ms, svc.p99Ms),
      reference: analyticText,
      ratio: `p99 ${f.ratio(svc.p99Ms / analytic.p99)}`,
      target: '',
    });

    const variants = opts.quick ? [['default correction', []]] : [['default correction', []], ['-C (correction off)', ['-C']]];
    raw.autocannon = {};
    for (const [label, extra] of variants) {
      const ac = await runAutocannon({
        url: `${server.url}/`,
        args: ['-c', String(AUTOCANNON_CONNECTIONS), '-d', String(seconds), '-R', String(RATE), ...extra],
        timeoutMs: phaseMs + 30_000,
      });
      const l = ac.result.latency;
      raw.autocannon[label] = { latency: l, rps: ac.rps, requests: ac.result.requests.total, errors: ac.result.errors };
      log(`co autocannon ${label}: ${triple(l.p50, l.p90, l.p99)}, ${f.rps(ac.rps)}`);
      rows.push({
        benchmark: `coordinated omission: autocannon ${label}`,
        measured: `autocannon CLI -c ${AUTOCANNON_CONNECTIONS} -R ${RATE} -d ${seconds} ${extra.join(' ')} on the same server; achieved ${f.rps(ac.rps)}`,
        lambdaload: '',
        reference: triple(l.p50, l.p90, l.p99),
        ratio: `p99 ${f.ratio(l.p99 / analytic.p99)} of analytic`,
        target: '',
      });
    }
  } finally {
    await server.stop();
  }
  return { rows, raw };
}
