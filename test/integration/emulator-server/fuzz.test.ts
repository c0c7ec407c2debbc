/**
 * Hostile HTTP at the emulator (issue 18): property-based fuzzing of its two HTTP fronts with raw HTTP/1.1 over
 * `node:net`, 127.0.0.1 only. The emulator (a REST API and an HTTP API, test/support/hostile-http.ts `fuzzTarget`)
 * starts once; then malformed and oversized requests of every sort (bad methods and paths, header floods, invalid
 * encodings, Content-Length lies, chunked garbage, pipelined garbage, half-closed sockets, bodies over 10 MB,
 * slowloris clients) go at the API Gateway front and at the Runtime API of a live environment.
 *
 * Properties (what counts as well-formed is written out in hostile-http.ts): every answer parses as HTTP and is one
 * the front in question gives (AWS's error shapes, or node:http's own refusal of bytes it cannot parse), or the socket
 * closes; well-formed requests are answered; a head or framing line past the limit is refused, not buffered; the
 * gateway never fails internally; afterwards the emulator still serves GET /hello, the fuzzed environment keeps
 * serving, and no runtime process or file descriptor is left behind.
 *
 * A few thousand requests here; the long variant (100,000 and more) is the bench's `fuzz` benchmark. The seed is
 * fixed (FUZZ_SEED overrides it); fast-check prints it with the shrunk counterexample on failure. No timing is
 * asserted: the limits below only bound a stuck exchange.
 */
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import type { ApiType } from '../../../src/scenario/types.js';
import { eventually, runtimesOf } from '../../support/processes.js';
import {
  describeRequest,
  emptyReport,
  exchange,
  fuzzTarget,
  gatewayRequests,
  judgeExchange,
  judgeGatewayAnswer,
  judgeRuntimeApiAnswer,
  openFds,
  record,
  runBatch,
  runtimeApiRequests,
  stagePrefixOf,
  type Answer,
  type BatchReport,
  wellFormedGatewayRequest,
  type HostileRequest,
  type Verdict,
} from '../../support/hostile-http.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_181);
const BATCHES = ['rest gateway', 'http gateway', 'rest gateway, concurrent', 'http gateway, concurrent', 'rest runtime API', 'http runtime API', 'rest absolute form', 'http absolute form'];
/** Each batch its own seed (the same requests twice would find nothing new), all derived from SEED. */
const seedOf = (batch: string) => SEED + BATCHES.indexOf(batch);
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
/** Bounds one exchange on a busy machine; a server that neither answers nor closes by then fails the property. */
const EXCHANGE_TIMEOUT_MS = 15_000;
const GATEWAY_RUNS = 1_000;
const CONCURRENT_RUNS = 400;
const RUNTIME_API_RUNS = 600;
const ABSOLUTE_FORM_RUNS = 100;
/** Descriptors the test process may hold above its count before the fuzz (none are expected; this absorbs noise). */
const FD_SLACK = 4;

interface Api {
  type: ApiType;
  emulator: RunningEmulator;
  port: number;
  prefix: string;
  /** Failures of the emulator itself while serving (the gateway's `onError`): each answered 500, none expected. */
  internalErrors: string[];
  /** The fuzzed environment of `probe`: its Runtime API port and its runtime's pid. */
  probe: { port: number; pid: number };
}

const apis: Api[] = [];
const reports = new Map<string, BatchReport>();
let baseline: { fds: number; sockets: number };

async function probeEnvironment(emulator: RunningEmulator): Promise<{ port: number; pid: number }> {
  const result = await emulator.lambda.invoke('probe', Buffer.from('{}'));
  expect(result.record.outcome).toBe('success');
  const seen = JSON.parse(result.payload.toString('utf8')) as { pid: number; env: { AWS_LAMBDA_RUNTIME_API: string } };
  const [host, port] = seen.env.AWS_LAMBDA_RUNTIME_API.split(':');
  expect(host).toBe('127.0.0.1');
  return { port: Number(port), pid: seen.pid };
}

async function getHello(api: Api): Promise<{ status: number; body: string }> {
  const res = await fetch(`${api.emulator.baseUrl}/hello`, { signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS) });
  return { status: res.status, body: await res.text() };
}

/** Runtime processes of this test process (the emulators run in it) against what the services account for. */
async function runtimeCounts(): Promise<{ running: number; accounted: number }> {
  const accounted = apis.reduce((sum, api) => {
    const stats = api.emulator.lambda.stats();
    return sum + stats.environments + stats.spares;
  }, 0);
  return { running: (await runtimesOf(process.pid)).length, accounted };
}

function reportOf(name: string): BatchReport {
  let report = reports.get(name);
  if (!report) reports.set(name, (report = emptyReport()));
  return report;
}

/** The property: one exchange, judged; an internal failure of the gateway during it fails it too. */
async function checkOne(api: Api, port: number, request: HostileRequest, judge: (a: Answer) => Verdict, report: BatchReport): Promise<void> {
  const failuresBefore = api.internalErrors.length;
  const judgement = judgeExchange(request, await exchange(port, request, EXCHANGE_TIMEOUT_MS), judge);
  if (api.internalErrors.length > failuresBefore) judgement.problems.push(`the gateway failed: ${api.internalErrors.at(-1)}`);
  record(report, request, judgement);
  if (judgement.problems.length > 0) throw new Error(`${judgement.problems.join('\n')}\nrequest: ${describeRequest(request)}`);
}

describe('hostile HTTP at the emulator (issue 18)', () => {
  beforeAll(async () => {
    for (const type of ['rest', 'http'] as const) {
      const internalErrors: string[] = [];
      const emulator = await startEmulator(fuzzTarget(type, '.'), {
        scenarioDir: FIXTURES,
        onLog: (name, line) => {
          if (name === 'lambdaload') internalErrors.push(line);
        },
      });
      const api: Api = { type, emulator, port: Number(new URL(emulator.url).port), prefix: stagePrefixOf(type), internalErrors, probe: { port: 0, pid: 0 } };
      apis.push(api);
      // Warm: each function's one environment exists before the counts are taken.
      expect((await getHello(api)).status).toBe(200);
      api.probe = await probeEnvironment(emulator);
    }
    // Spares refill in the background after the cold starts: count once every process is accounted for.
    expect(await eventually(async () => {
      const { running, accounted } = await runtimeCounts();
      return running === accounted && apis.every((a) => a.emulator.lambda.stats().spares === 2);
    }, 20_000)).toBe(true);
    const fds = openFds();
    baseline = { fds: fds.total, sockets: fds.sockets };
  }, 60_000);

  afterAll(async () => {
    await Promise.all(apis.map((api) => api.emulator.close()));
    // The figures behind the properties, for whoever reads the log.
    for (const [name, report] of reports) console.log(`${name}: ${report.requests} requests`, JSON.stringify(report.outcomes));
  }, 60_000);

  it.each(['rest', 'http'] as const)('%s API front, one socket at a time: every answer is an AWS answer or node:http refusal, or the socket closes', async (type) => {
    const api = apis.find((a) => a.type === type)!;
    const report = reportOf(`${type} gateway`);
    await fc.assert(
      fc.asyncProperty(gatewayRequests(api.prefix), (request) => checkOne(api, api.port, request, (a) => judgeGatewayAnswer(a, type), report)),
      { seed: seedOf(`${type} gateway`), numRuns: GATEWAY_RUNS },
    );
    // The generators reach every front and both sorts of ending (a guard against a generator gone dull).
    const fronts = Object.keys(report.outcomes).join(' ');
    for (const expected of ['gateway 200', 'gateway 4', 'node 400', 'node 431', 'invoke', 'admin', 'closed without an answer']) expect(fronts).toContain(expected);
  }, 180_000);

  it('both API fronts, 16 sockets at a time: the same properties under concurrency', async () => {
    for (const api of apis) {
      const report = reportOf(`${api.type} gateway, concurrent`);
      const failuresBefore = api.internalErrors.length;
      const seed = seedOf(`${api.type} gateway, concurrent`);
      const requests = fc.sample(gatewayRequests(api.prefix), { seed, numRuns: CONCURRENT_RUNS });
      await runBatch(api.port, requests, (a) => judgeGatewayAnswer(a, api.type), { concurrency: 16, timeoutMs: EXCHANGE_TIMEOUT_MS, report });
      const shown = report.problems.map((p) => `${p.problem}\n  request: ${describeRequest(p.request)}`).join('\n');
      expect(report.problemCount, `seed ${seed}:\n${shown}`).toBe(0);
      expect(api.internalErrors.slice(failuresBefore)).toEqual([]);
      expect((await getHello(api)).status).toBe(200);
    }
  }, 180_000);

  it('the Runtime API of a live environment: bad ids, bodies and paths get its error shapes, and the environment keeps serving', async () => {
    for (const api of apis) {
      const report = reportOf(`${api.type} runtime API`);
      await fc.assert(
        fc.asyncProperty(runtimeApiRequests(), (request) => checkOne(api, api.probe.port, request, judgeRuntimeApiAnswer, report)),
        { seed: seedOf(`${api.type} runtime API`), numRuns: RUNTIME_API_RUNS / 2 },
      );
      const outcomes = Object.keys(report.outcomes).join(' ');
      for (const expected of ['runtime-api 400', 'runtime-api 404', 'wire 400', 'wire 431', 'closed without an answer']) expect(outcomes).toContain(expected);
      // The same environment (same runtime process, same Runtime API) still serves invocations.
      expect(await probeEnvironment(api.emulator)).toEqual(api.probe);
    }
  }, 180_000);

  it('a target in absolute form (`GET http://host/dev/hello`) gets the answer its path gets', async () => {
    for (const api of apis) {
      const host = `http://127.0.0.1:${api.port}`;
      const asked = (bytes: string, method: string): HostileRequest => ({ kind: 'absolute form', writes: [bytes], after: 'answers', answers: 1, heads: [method === 'HEAD'] });
      await fc.assert(
        fc.asyncProperty(wellFormedGatewayRequest(api.prefix).filter((r) => r.target.startsWith('/')), async (r) => {
          const absolute = `${r.method} ${host}${r.bytes.slice(r.method.length + 1)}`;
          const [origin, other] = [await exchange(api.port, asked(r.bytes, r.method), EXCHANGE_TIMEOUT_MS), await exchange(api.port, asked(absolute, r.method), EXCHANGE_TIMEOUT_MS)];
          const statuses = [origin, other].map((e) => e.answers[0]?.status);
          // A Lambda throttle (an Event invocation may still hold the function's one environment) depends on timing.
          if (statuses.some((s) => s === 500 || s === 429)) return;
          expect(statuses[1], `${describeRequest(asked(absolute, r.method))}`).toBe(statuses[0]);
        }),
        { seed: seedOf(`${api.type} absolute form`), numRuns: ABSOLUTE_FORM_RUNS },
      );
    }
  }, 120_000);

  it('bodies just over 10 MB: 413 as API Gateway answers it, or a closed socket; over 6 MB at the Runtime API: its 400 or 413', async () => {
    const overLimit = 10 * 1024 * 1024 + 1;
    const megabyte = 'x'.repeat(1024 * 1024);
    const body = (bytes: number) => [...Array.from({ length: Math.floor(bytes / megabyte.length) }, () => megabyte), 'x'.repeat(bytes % megabyte.length)];
    const chunked = (bytes: number) => body(bytes).map((part) => `${part.length.toString(16)}\r\n${part}\r\n`).concat('0\r\n\r\n');
    for (const api of apis) {
      const cases: HostileRequest[] = [
        { kind: 'over 10 MB, Content-Length', writes: [`POST ${api.prefix}/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${overLimit}\r\n\r\n`, ...body(overLimit)], after: 'answers', answers: 1, heads: [] },
        { kind: 'over 10 MB, chunked', writes: [`POST ${api.prefix}/any/x HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n`, ...chunked(overLimit)], after: 'answers', answers: 1, heads: [] },
      ];
      for (const request of cases) {
        const result = await exchange(api.port, request, 60_000);
        const judgement = judgeExchange(request, result, (a) => judgeGatewayAnswer(a, api.type));
        record(reportOf(`${api.type} over 10 MB`), request, { labels: judgement.labels, problems: [] });
        // The answer may be lost to a reset (the server stops reading the rest): a closed socket is an answer too.
        const problems = judgement.problems.filter((p) => !(result.end !== 'timeout' && result.answers.length === 0 && p.includes('well-formed requests got')));
        expect(problems, `${api.type}: ${request.kind}`).toEqual([]);
        expect(result.answers.map((a) => a.status).filter((s) => s !== 413), `${api.type}: ${request.kind}`).toEqual([]);
      }
    }
    const api = apis[0]!;
    const overSixMb = 6 * 1024 * 1024 + 200;
    const request: HostileRequest = {
      kind: 'over 6 MB at the Runtime API',
      writes: [`POST /2018-06-01/runtime/invocation/not-an-id/response HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${overSixMb}\r\n\r\n`, ...body(overSixMb)],
      after: 'answers',
      answers: 1,
      heads: [],
    };
    const result = await exchange(api.probe.port, request, 60_000);
    expect(judgeExchange(request, result, judgeRuntimeApiAnswer).problems).toEqual([]);
    expect(result.answers.map((a) => a.status)).toEqual([400]);
  }, 180_000);

  it('slowloris: sockets dribbling an endless head do not stop anyone else being served', async () => {
    const ports = [...apis.map((a) => a.port), ...apis.map((a) => a.port), apis[0]!.probe.port, apis[1]!.probe.port];
    const slow = ports.map((port) => net.connect({ port, host: '127.0.0.1' }).on('error', () => undefined));
    // A head that never ends within the test: a byte every 50 ms.
    const head = `GET /dev/hello HTTP/1.1\r\nHost: 127.0.0.1\r\n${'X-Slow: 1\r\n'.repeat(1_000)}`;
    let sent = 0;
    const dribble = setInterval(() => {
      for (const socket of slow) if (!socket.destroyed) socket.write(head[sent]!);
      sent++;
    }, 50);
    try {
      for (let round = 0; round < 5; round++) {
        for (const api of apis) {
          expect((await getHello(api)).status).toBe(200);
          expect(await probeEnvironment(api.emulator)).toEqual(api.probe);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      clearInterval(dribble);
      for (const socket of slow) socket.destroy();
    }
  }, 120_000);

  it('afterwards: GET /hello answers 200, nothing failed inside, no runtime process or file descriptor is left behind', async () => {
    for (const api of apis) {
      const hello = await getHello(api);
      expect(hello).toMatchObject({ status: 200, body: expect.stringContaining('hello from hello') });
      expect(api.internalErrors).toEqual([]);
    }
    expect(await eventually(async () => {
      const { running, accounted } = await runtimeCounts();
      return running <= accounted;
    }, 20_000), JSON.stringify(await runtimeCounts())).toBe(true);
    // Every fuzz socket is closed on the client's side; the servers' ends close as the FINs and resets arrive.
    expect(await eventually(() => openFds().total <= baseline.fds + FD_SLACK, 20_000), `fds ${JSON.stringify(openFds())}, before ${JSON.stringify(baseline)}`).toBe(true);
  }, 60_000);
});
