/**
 * The local emulator against serverless-offline, both serving the same handler file
 * (scenarios/functions/hello/index.mjs) on GET /hello, each in its own process, both on the host's whole CPU (the
 * emulator with `cpu: 'host'`: bench/scenarios/hello-rest.ts, hello-http.ts):
 *  1. throughput under load: autocannon CLI at 1, 10 and 50 connections (-d 4) after a warm-up at 50 (discarded), REST
 *     and HTTP API routes, repetitions interleaved with alternating order; req/s ratio (target ≥ 2×), p50/p99, server
 *     CPU and RSS. Each concurrency is its own row: the emulator runs one OS process per concurrent invocation (as
 *     Lambda runs one environment per concurrent request), so at 50 connections 51 processes share the 2 cores, where
 *     serverless-offline runs handlers in worker threads of one process;
 *  2. added latency: p50 through the emulator's gateway minus p50 of the trivial node:http server, both measured by
 *     `lambdaload run` at a low constant rate (target < 1 ms);
 *  3. cold start of the Node hello handler in `real` mode, from the x-lambdaload-start header (target < 150 ms);
 *     bursts of cold starts are in environments.js.
 * If serverless-offline cannot be installed or started, its rows say so and the rest still runs.
 */
import path from 'node:path';
import * as f from '../lib/format.js';
import { BENCH_DIR, LAMBDALOAD_BIN, LOG_DIR, ROOT } from '../lib/paths.js';
import { ensurePeers, peersInstalled, startServerlessOffline } from '../lib/peers.js';
import { runCommand, startServer, treeCpuSeconds, treeRssBytes } from '../lib/processes.js';
import { startOkServer } from '../lib/servers.js';
import { describe, median, medianPairedRatio, percentile } from '../lib/stats.js';
import { constantPhase, runAutocannon, runLambdaload } from '../lib/tools.js';

export const name = 'emulator';
export const TARGET_THROUGHPUT_RATIO = 2;
export const AIM_THROUGHPUT_RATIO = 3;
export const TARGET_ADDED_LATENCY_MS = 1;
export const TARGET_COLD_START_MS = 150;
const CONNECTION_LEVELS = [1, 10, 50];
const WARM_UP_CONNECTIONS = 50;
const LOW_RATE = 200;
const HELLO_BODY = 'Hello from Lambda!';

function settings(opts) {
  return opts.quick
    ? { warmUpS: 2, durationS: 2, repetitions: 1, latencyMs: 2_000, latencyRepetitions: 1, coldStarts: 3, burst: 0 }
    : { warmUpS: 5, durationS: 4, repetitions: 3, latencyMs: 3_000, latencyRepetitions: 3, coldStarts: 10, burst: 0 };
}

export function timeoutMs(opts) {
  const s = settings(opts);
  const install = peersInstalled() ? 0 : 300_000;
  const throughput = 4 * (s.warmUpS + 15) * 1_000 + 4 * CONNECTION_LEVELS.length * s.repetitions * (s.durationS * 1_000 + 10_000);
  const latency = 3 * s.latencyRepetitions * (s.latencyMs + 15_000);
  return install + 120_000 + throughput + latency + s.coldStarts * 5_000 + 30_000;
}

/** `lambdaload serve <scenario> --port 0` in its own process, with its defaults (function logs to its log file). */
async function startLambdaloadServe(scenario, label) {
  const server = await startServer(process.execPath, [LAMBDALOAD_BIN, 'serve', scenario, '--port', '0'], {
    cwd: ROOT,
    ready: /listening on (http:\/\/\S+)/,
    logFile: path.join(LOG_DIR, `lambdaload-serve-${label}.log`),
    timeoutMs: 30_000,
    name: `lambdaload serve (${label})`,
  });
  return { ...server, url: server.match[1] };
}

/** One GET, checked: the route must answer the hello body before it is benchmarked. */
async function checkRoute(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = await res.text();
  if (res.status !== 200 || !body.includes(HELLO_BODY)) throw new Error(`GET ${url} answered ${res.status} ${body.slice(0, 200)}`);
}

async function autocannonRun(target, durationS, connections) {
  const cpuBefore = treeCpuSeconds(target.server.pid);
  const ac = await runAutocannon({ url: target.url, args: ['-c', String(connections), '-d', String(durationS)], timeoutMs: durationS * 1_000 + 30_000 });
  const cpuSeconds = treeCpuSeconds(target.server.pid) - cpuBefore;
  const rss = treeRssBytes(target.server.pid);
  const r = ac.result;
  return {
    rps: ac.rps,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    serverCpuSeconds: cpuSeconds,
    serverRssBytes: rss.bytes,
    serverProcesses: rss.processes,
  };
}

async function throughput(opts, log, servers, soProblem) {
  const s = settings(opts);
  const targets = [
    { key: 'lambdaload REST', api: 'REST', tool: 'lambdaload', server: servers.rest, url: `${servers.rest?.url}/dev/hello` },
    { key: 'lambdaload HTTP API', api: 'HTTP API', tool: 'lambdaload', server: servers.http, url: `${servers.http?.url}/hello` },
  ];
  if (servers.so) {
    targets.push({ key: 'serverless-offline REST', api: 'REST', tool: 'serverless-offline', server: servers.so, url: `${servers.so.url}/dev/hello` });
    targets.push({ key: 'serverless-offline HTTP API', api: 'HTTP API', tool: 'serverless-offline', server: servers.so, url: `${servers.so.url}/hello` });
  }
  for (const t of targets) await checkRoute(t.url);
  for (const t of targets) {
    await autocannonRun(t, s.warmUpS, WARM_UP_CONNECTIONS);
    log(`emulator: warmed up ${t.key}`);
  }
  // Interleaved: REST pair, HTTP API pair, alternating which tool goes first.
  const order = [targets.find((t) => t.key === 'lambdaload REST'), servers.so ? targets[2] : undefined, targets[1], servers.so ? targets[3] : undefined].filter(Boolean);
  const rows = [];
  const runsByLevel = {};
  for (const connections of CONNECTION_LEVELS) {
    const runs = Object.fromEntries(['lambdaload REST', 'lambdaload HTTP API', 'serverless-offline REST', 'serverless-offline HTTP API'].map((key) => [key, []]));
    runsByLevel[connections] = runs;
    for (let rep = 0; rep < s.repetitions; rep++) {
      const pass = rep % 2 === 0 ? order : [order[1], order[0], ...order.slice(2).reverse()].filter(Boolean);
      for (const t of pass) {
        const r = await autocannonRun(t, s.durationS, connections);
        runs[t.key].push(r);
        log(`emulator -c ${connections} rep ${rep + 1}: ${t.key} ${f.rps(r.rps)} p50 ${f.ms(r.p50Ms)} p99 ${f.ms(r.p99Ms)} errors ${r.errors} server CPU ${f.seconds(r.serverCpuSeconds)} RSS ${f.mb(r.serverRssBytes)} (${r.serverProcesses} processes)`);
      }
    }
    rows.push(...throughputRows(s, runs, connections, soProblem));
  }
  return { rows, raw: { connectionLevels: CONNECTION_LEVELS, durationS: s.durationS, warmUpS: s.warmUpS, runs: runsByLevel } };
}

function throughputRows(s, runs, connections, soProblem) {
  const rows = [];
  const med = (key, field) => median(runs[key].map((r) => r[field]));
  for (const api of ['REST', 'HTTP API']) {
    const ours = `lambdaload ${api}`;
    const theirs = `serverless-offline ${api}`;
    const oursRps = runs[ours].map((r) => r.rps);
    const errors = runs[ours].reduce((sum, r) => sum + r.errors, 0);
    const measured = `req/s of GET /hello (hello handler), autocannon CLI -c ${connections} -d ${s.durationS} after a ${s.warmUpS} s warm-up at -c ${WARM_UP_CONNECTIONS}; median (min–max) of ${s.repetitions} interleaved runs, ratio of medians (median of the per-repetition ratios); lambdaload serve (one runtime process per concurrent invocation) vs serverless-offline default (worker threads)`;
    if (runs[theirs].length === 0) {
      rows.push({ benchmark: `emulator throughput (${api}, -c ${connections})`, measured, lambdaload: `${describe(oursRps, f.int)} req/s`, unavailable: `serverless-offline: ${soProblem}` });
    } else {
      const theirRps = runs[theirs].map((r) => r.rps);
      const ratio = median(oursRps) / median(theirRps);
      const paired = medianPairedRatio(oursRps, theirRps);
      const theirErrors = runs[theirs].reduce((sum, r) => sum + r.errors, 0);
      rows.push({
        benchmark: `emulator throughput (${api}, -c ${connections})`,
        measured: `${measured}${errors + theirErrors > 0 ? `; errors lambdaload ${errors}, serverless-offline ${theirErrors}` : ''}`,
        lambdaload: `${describe(oursRps, f.int)} req/s`,
        reference: `serverless-offline ${describe(theirRps, f.int)} req/s`,
        ratio: s.repetitions > 1 ? `${f.ratio(ratio)} (paired ${f.ratio(paired)})` : f.ratio(ratio),
        target: `≥ ${TARGET_THROUGHPUT_RATIO}× (aim ${AIM_THROUGHPUT_RATIO}×)`,
        pass: ratio >= TARGET_THROUGHPUT_RATIO && errors === 0,
      });
    }
    const side = (key) =>
      `p50 ${f.ms(med(key, 'p50Ms'))} / p99 ${f.ms(med(key, 'p99Ms'))}; server CPU ${f.seconds(med(key, 'serverCpuSeconds'))} per ${s.durationS} s; RSS ${f.mb(med(key, 'serverRssBytes'))} (${med(key, 'serverProcesses')} processes)`;
    rows.push({
      benchmark: `emulator under load (${api}, -c ${connections})`,
      measured: `the same runs: autocannon's latency (ms, closed loop), user+sys CPU of the server process tree (/proc), RSS of the tree after the run`,
      lambdaload: side(ours),
      reference: runs[theirs].length > 0 ? `serverless-offline ${side(theirs)}` : '',
      ratio: '',
      target: '',
      ...(runs[theirs].length > 0 ? {} : { unavailable: `serverless-offline: ${soProblem}` }),
    });
  }
  return rows;
}

async function addedLatency(opts, log, servers) {
  const s = settings(opts);
  const ok = await startOkServer({ name: 'ok-server-emulator' });
  const targets = [
    { key: 'ok server', url: ok.url, path: '/' },
    { key: 'REST', url: `${servers.rest.url}/dev`, path: '/hello' },
    { key: 'HTTP API', url: servers.http.url, path: '/hello' },
  ];
  const p50 = Object.fromEntries(targets.map((t) => [t.key, []]));
  const raw = {};
  try {
    for (let rep = 0; rep < s.latencyRepetitions; rep++) {
      for (const t of rep % 2 === 0 ? targets : [...targets].reverse()) {
        const { result } = await runLambdaload({
          url: t.url,
          requests: [{ path: t.path }],
          phases: [constantPhase(LOW_RATE, s.latencyMs)],
          timeoutMs: s.latencyMs + 30_000,
          name: 'bench-emulator-latency',
        });
        const all = result.latency.overall.all;
        if (result.requests.errors > 0) throw new Error(`${t.key}: ${result.requests.errors} errors at ${LOW_RATE} req/s`);
        p50[t.key].push(all.p50Ms);
        (raw[t.key] ??= []).push(all);
        log(`emulator latency rep ${rep + 1}: ${t.key} p50 ${f.ms(all.p50Ms, 3)} p99 ${f.ms(all.p99Ms)}`);
      }
    }
  } finally {
    await ok.stop();
  }
  const base = median(p50['ok server']);
  const rows = ['REST', 'HTTP API'].map((api) => {
    const added = median(p50[api]) - base;
    return {
      benchmark: `emulator added latency (${api})`,
      measured: `p50 of GET /hello through the emulator (gateway + Lambda invoke of a warm environment) minus p50 of the trivial node:http server, lambdaload run at ${LOW_RATE} req/s for ${s.latencyMs / 1000} s; median of ${s.latencyRepetitions}`,
      lambdaload: `${f.ms(median(p50[api]), 3)} − ${f.ms(base, 3)} = ${f.ms(added, 3)}`,
      reference: '',
      ratio: '',
      target: `< ${TARGET_ADDED_LATENCY_MS} ms`,
      pass: added < TARGET_ADDED_LATENCY_MS,
    };
  });
  return { rows, raw: { rate: LOW_RATE, durationMs: s.latencyMs, p50, stats: raw } };
}

async function coldStarts(opts, log) {
  const s = settings(opts);
  const res = await runCommand(process.execPath, [path.join(BENCH_DIR, 'children', 'cold-starts.js'), String(s.coldStarts), String(s.burst)], {
    cwd: ROOT,
    timeoutMs: s.coldStarts * 5_000 + 30_000,
  });
  if (res.timedOut || res.code !== 0) throw new Error(`cold-start probe ${res.timedOut ? 'timed out' : `exited with code ${res.code}`}: ${res.stderr.slice(-800)}`);
  const { sequential, concurrent } = JSON.parse(res.stdout);
  const seqInit = sequential.filter((r) => r.start === 'cold').map((r) => r.initMs);
  const burstInit = concurrent.filter((r) => r.start === 'cold').map((r) => r.initMs);
  if (seqInit.length !== sequential.length) throw new Error(`cold-start probe: ${sequential.length - seqInit.length} first requests were not cold starts`);
  const seqMedian = median(seqInit);
  log(`emulator cold starts: sequential init ${seqInit.map((x) => x.toFixed(0)).join(', ')} ms; burst of ${s.burst}: ${burstInit.map((x) => x.toFixed(0)).join(', ')} ms`);
  const rows = [
    {
      benchmark: 'emulator cold start (Node hello, real mode)',
      measured: `init ms from x-lambdaload-start of the first request to ${seqInit.length} fresh emulators, one after another; median, p90 ${f.ms(percentile(seqInit, 90))}, max ${f.ms(Math.max(...seqInit))}; first-response latency median ${f.ms(median(sequential.map((r) => r.latencyMs)))}`,
      lambdaload: f.ms(seqMedian),
      reference: '',
      ratio: '',
      target: `< ${TARGET_COLD_START_MS} ms`,
      pass: seqMedian < TARGET_COLD_START_MS,
    },
  ];
  if (concurrent.length > 0) {
    rows.push({
      benchmark: `emulator cold starts, burst of ${s.burst}`,
      measured: `${burstInit.length} of ${concurrent.length} concurrent first requests to a fresh emulator were cold starts (one environment each, initialising at once on the shared cores); init median, max ${f.ms(Math.max(...burstInit))}`,
      lambdaload: f.ms(median(burstInit)),
      reference: '',
      ratio: '',
      target: '',
    });
  }
  return { rows, raw: { sequential, concurrent } };
}

export async function run(opts, log) {
  const raw = {};
  const rows = [];
  const peers = await ensurePeers(log);
  let soProblem = peers.ok ? undefined : peers.reason;
  raw.peers = peers;
  const servers = {};
  try {
    servers.rest = await startLambdaloadServe('bench/scenarios/hello-rest.ts', 'rest');
    servers.http = await startLambdaloadServe('bench/scenarios/hello-http.ts', 'http-api');
    if (peers.ok) {
      try {
        servers.so = await startServerlessOffline();
        await checkRoute(`${servers.so.url}/dev/hello`);
        await checkRoute(`${servers.so.url}/hello`);
      } catch (error) {
        soProblem = `could not start: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
        await servers.so?.stop();
        servers.so = undefined;
      }
    }
    if (soProblem) log(`emulator: serverless-offline unavailable (${soProblem}); measuring lambdaload alone`);
    const t = await throughput(opts, log, servers, soProblem);
    rows.push(...t.rows);
    raw.throughput = t.raw;
    // serverless-offline's idle workers would only add noise to the latency measurements.
    await servers.so?.stop();
    servers.so = undefined;
    const l = await addedLatency(opts, log, servers);
    rows.push(...l.rows);
    raw.addedLatency = l.raw;
  } finally {
    await Promise.all(Object.values(servers).map((server) => server?.stop()));
  }
  // On a quiet machine: the emulators above are stopped.
  const c = await coldStarts(opts, log);
  rows.push(...c.rows);
  raw.coldStarts = c.raw;
  return { rows, raw };
}
