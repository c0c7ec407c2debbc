/**
 * The fuzz benchmark's client (bench/benchmarks/fuzz.js), run as `node --import tsx bench/children/fuzz-client.ts
 * --url http://127.0.0.1:PORT --api rest|http --server-pid PID --requests N [--seed S] [--concurrency C]`
 * against a `lambdaload serve bench/scenarios/fuzz.ts` of its own. 127.0.0.1 only.
 *
 * Sends N hostile requests (test/support/hostile-http.ts: 90% at the API Gateway front, 10% at the Runtime API of the
 * `probe` function's live environment), C sockets at a time, judges every exchange by the fuzz test's rules, and
 * prints one JSON object: counts by kind and by outcome, the first problems, the duration, and the server's health
 * before and after (its open descriptors, its runtime processes against environments + spares, GET /hello, the
 * fuzzed environment still serving with the same process). Progress goes to stderr.
 */
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import {
  describeRequest,
  emptyReport,
  gatewayRequests,
  judgeGatewayAnswer,
  judgeRuntimeApiAnswer,
  runBatch,
  runtimeApiRequests,
  stagePrefixOf,
  type BatchReport,
  type HostileRequest,
} from '../../test/support/hostile-http.js';
import { eventually, runtimesOf } from '../../test/support/processes.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    api: { type: 'string', default: 'rest' },
    'server-pid': { type: 'string' },
    requests: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20181' },
    concurrency: { type: 'string', default: '32' },
  },
});
if (values.url === undefined || values['server-pid'] === undefined) throw new Error('usage: fuzz-client.ts --url URL --server-pid PID [--api rest|http] [--requests N] [--seed S] [--concurrency C]');
const url = new URL(values.url);
if (url.hostname !== '127.0.0.1') throw new Error(`the fuzz goes to 127.0.0.1 only, not ${url.hostname}`);
const apiType = values.api === 'http' ? 'http' : 'rest';
const serverPid = Number(values['server-pid']);
const total = Number(values.requests);
const seed = Number(values.seed);
const concurrency = Number(values.concurrency);
const port = Number(url.port);
const prefix = stagePrefixOf(apiType);
/** A stuck exchange fails the property; this only bounds it. */
const EXCHANGE_TIMEOUT_MS = 30_000;
/** Requests generated at a time: a sample of 100,000 hostile requests (some of 300 KB) would not fit in memory. */
const CHUNK = 500;
/** Descriptors the server may hold above its count before the fuzz (none are expected). */
const FD_SLACK = 4;

const log = (message: string) => process.stderr.write(`[fuzz ${apiType}] ${message}\n`);

/** `count` requests from `arb`, made `CHUNK` at a time; chunk k is fast-check's sample for seed `base + k`. */
function* stream(arb: fc.Arbitrary<HostileRequest>, base: number, count: number, report: BatchReport): Generator<HostileRequest> {
  for (let done = 0, k = 0; done < count; done += CHUNK, k++) {
    if (k > 0 && k % 20 === 0) log(`${done} of ${count} sent, ${report.problemCount} problems`);
    yield* fc.sample(arb, { seed: base + k, numRuns: Math.min(CHUNK, count - done) });
  }
}

async function probe(): Promise<{ port: number; pid: number }> {
  const res = await fetch(`${url.origin}/2015-03-31/functions/probe/invocations`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS) });
  const seen = (await res.json()) as { pid: number; env: { AWS_LAMBDA_RUNTIME_API: string } };
  return { port: Number(seen.env.AWS_LAMBDA_RUNTIME_API.split(':')[1]), pid: seen.pid };
}

async function helloStatus(): Promise<number> {
  const res = await fetch(`${url.origin}${prefix}/hello`, { signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS) });
  await res.arrayBuffer();
  return res.status;
}

async function health(): Promise<{ fds: number; runtimes: number; environments: number; spares: number }> {
  const res = await fetch(`${url.origin}/__lambdaload/stats`, { signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS) });
  const { lambda } = (await res.json()) as { lambda: { environments: number; spares: number } };
  return {
    fds: readdirSync(`/proc/${serverPid}/fd`).length,
    runtimes: (await runtimesOf(serverPid)).length,
    environments: lambda.environments,
    spares: lambda.spares,
  };
}

function summary(report: BatchReport) {
  return { ...report, problems: report.problems.map((p) => ({ problem: p.problem, request: describeRequest(p.request) })) };
}

// Warm: each function has its one environment, and the spares are back, before the counts are taken.
if ((await helloStatus()) !== 200) throw new Error('GET /hello did not answer 200 before the fuzz');
const environment = await probe();
await eventually(async () => {
  const h = await health();
  return h.runtimes === h.environments + h.spares && h.spares === 2;
}, 30_000);
const before = await health();
log(`${total} requests, ${concurrency} sockets, seed ${seed}; server pid ${serverPid}: ${before.fds} descriptors, ${before.runtimes} runtime processes`);

const runtimeCount = Math.round(total / 10);
const gateway = emptyReport();
const runtimeApi = emptyReport();
const startedMs = performance.now();
await runBatch(port, stream(gatewayRequests(prefix), seed, total - runtimeCount, gateway), (a) => judgeGatewayAnswer(a, apiType), { concurrency, timeoutMs: EXCHANGE_TIMEOUT_MS, report: gateway });
const gatewayMs = performance.now() - startedMs;
await runBatch(environment.port, stream(runtimeApiRequests(), seed + 1_000_000, runtimeCount, runtimeApi), judgeRuntimeApiAnswer, { concurrency, timeoutMs: EXCHANGE_TIMEOUT_MS, report: runtimeApi });
const durationMs = performance.now() - startedMs;
log(`done in ${(durationMs / 1000).toFixed(1)} s: ${gateway.problemCount + runtimeApi.problemCount} problems`);

const helloAfter = await helloStatus();
const environmentAfter = await probe();
const fdsSettled = await eventually(async () => (await health()).fds <= before.fds + FD_SLACK, 30_000);
const runtimesSettled = await eventually(async () => {
  const h = await health();
  return h.runtimes <= h.environments + h.spares;
}, 30_000);
const after = await health();

process.stdout.write(
  `${JSON.stringify({
    api: apiType,
    seed,
    concurrency,
    requests: gateway.requests + runtimeApi.requests,
    durationMs,
    gatewayMs,
    gateway: summary(gateway),
    runtimeApi: summary(runtimeApi),
    health: {
      before,
      after,
      helloAfter,
      sameEnvironment: environmentAfter.port === environment.port && environmentAfter.pid === environment.pid,
      fdsSettled,
      runtimesSettled,
    },
  })}\n`,
);
