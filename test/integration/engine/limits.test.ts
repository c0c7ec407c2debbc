/**
 * The engine's limits and failure paths against real local servers: drops at `maxInFlight`, late sends, the
 * whole-request timeout, abort with its grace period, and an unreachable target.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { createDriver, drive } from '../../../src/engine/drive.js';
import { LambdaloadError } from '../../../src/errors.js';
import type { RequestSpec } from '../../../src/scenario/types.js';
import { closedPort, collect, sleep } from './collect.js';
import { answerOk, startServer, type TestServer } from './servers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('maxInFlight', () => {
  it('drops arrivals beyond the cap and counts them: scheduled = sent + dropped', async () => {
    server = await startServer(answerOk(300));
    const { summary, samples } = await collect({
      baseUrl: server.url,
      phases: [{ type: 'constant', rate: 100, durationMs: 1_000 }],
      http: { connections: 5, maxInFlight: 5 },
    });
    expect(summary.scheduled).toBe(100);
    // 100/s × 0.3 s would keep 30 in flight; 5 are allowed, so most arrivals are dropped.
    expect(summary.dropped).toBeGreaterThan(50);
    expect(summary.scheduled).toBe(summary.sent + summary.dropped);
    expect(samples).toHaveLength(summary.sent);
    expect(samples.every((s) => s.status === 200)).toBe(true);
    expect(summary.maxInFlight).toBe(5);
    expect(server.maxConcurrent).toBeLessThanOrEqual(5);
    expect(server.received).toBe(summary.sent);
  });
});

describe('late sends', () => {
  it('counts sends held back by a blocked event loop, with their lag', async () => {
    server = await startServer(answerOk());
    const blockMs = 100;
    const { summary, samples } = await collect({
      baseUrl: server.url,
      phases: [{ type: 'constant', rate: 200, durationMs: 1_500 }],
      onSample(_sample, index) {
        // A consumer that blocks the event loop once: the ~20 arrivals due meanwhile go out late, in one batch.
        if (index !== 100) return;
        const untilMs = performance.now() + blockMs;
        while (performance.now() < untilMs);
      },
    });
    expect(summary.scheduled).toBe(300);
    expect(summary.sent).toBe(300);
    expect(summary.lateSends).toBeGreaterThanOrEqual(10);
    expect(summary.sendLagMs.max).toBeGreaterThanOrEqual(blockMs * 0.9);
    // The samples carry the lag: latency from the intended time includes it. A sample's delay before its socket write
    // is its send lag plus any wait for a free connection (on a busy machine the batch may find the sockets busy),
    // so the most delayed sample lies between the largest send lag and that plus the largest connection wait
    // (both from histograms: 3 significant digits).
    const lags = samples.map((s) => s.sentAtMs - s.intendedAtMs);
    expect(lags.filter((lag) => lag >= blockMs * 0.5).length).toBeGreaterThanOrEqual(5);
    const precision = 1.01;
    expect(Math.max(...lags) * precision).toBeGreaterThanOrEqual(summary.sendLagMs.max);
    expect(Math.max(...lags)).toBeLessThanOrEqual((summary.sendLagMs.max + summary.connectionWaitMs.max) * precision);
  });
});

describe('timeout', () => {
  it('ends a request past http.timeoutMs with TIMEOUT and status 0', async () => {
    server = await startServer(answerOk(2_000));
    const timeoutMs = 200;
    const { summary, samples, runMs } = await collect({
      baseUrl: server.url,
      phases: [{ type: 'constant', rate: 20, durationMs: 500 }],
      http: { timeoutMs },
    });
    expect(summary.sent).toBe(10);
    expect(samples).toHaveLength(10);
    for (const s of samples) {
      expect(s.errorCode).toBe('TIMEOUT');
      expect(s.status).toBe(0);
      expect(s.expectationFailed).toBeUndefined();
      // From the hand-off to the client; the sweep runs every timeoutMs/20 (loose upper bound for a loaded machine).
      expect(s.endedAtMs - s.intendedAtMs).toBeGreaterThanOrEqual(timeoutMs - 1);
      expect(s.endedAtMs - s.intendedAtMs).toBeLessThan(timeoutMs + 1_000);
    }
    // The run did not wait for the server's 2 s answers.
    expect(runMs).toBeLessThan(1_900);
  });
});

describe('abort', () => {
  it('stops scheduling at once; in-flight requests get graceMs, then end as ABORTED', async () => {
    // Even requests answer in 100 ms (within the grace), odd ones in 10 s (never).
    server = await startServer((req, res, index) => answerOk(index % 2 === 0 ? 100 : 10_000)(req, res, index));
    const controller = new AbortController();
    const graceMs = 400;
    const abortAfterMs = 600;
    const startedAtMs = performance.now();
    const run = collect({
      baseUrl: server.url,
      phases: [{ type: 'constant', rate: 50, durationMs: 5_000 }],
      signal: controller.signal,
      graceMs,
      http: { timeoutMs: 30_000 },
    });
    await sleep(abortAfterMs);
    const abortedAtMs = performance.now();
    controller.abort();
    const { summary, samples } = await run;
    const resolvedAfterMs = performance.now() - abortedAtMs;

    expect(summary.aborted).toBe(true);
    expect(resolvedAfterMs).toBeGreaterThanOrEqual(graceMs - 5);
    expect(resolvedAfterMs).toBeLessThan(graceMs + 1_500);
    // Scheduling stopped at the abort: ~30 arrivals in 0.6 s, far from the 250 of the full phase.
    expect(summary.scheduled).toBeLessThanOrEqual(((abortedAtMs - startedAtMs) * 50) / 1_000 + 1);
    expect(samples.every((s) => s.intendedAtMs <= abortedAtMs)).toBe(true);
    // Every sent request has exactly one sample.
    expect(samples).toHaveLength(summary.sent);
    const finished = samples.filter((s) => s.status === 200);
    const aborted = samples.filter((s) => s.errorCode === 'ABORTED');
    expect(finished.length + aborted.length).toBe(samples.length);
    expect(finished.length).toBeGreaterThan(0);
    expect(aborted.length).toBeGreaterThan(0);
    for (const s of aborted) {
      expect(s.status).toBe(0);
      expect(s.endedAtMs - abortedAtMs).toBeGreaterThanOrEqual(graceMs - 5);
    }
    expect(performance.now() - startedAtMs).toBeLessThan(4_000);
  });

  it('honours the grace period when the abort comes after the last phase, while requests are draining', async () => {
    server = await startServer(answerOk(5_000));
    const controller = new AbortController();
    const graceMs = 200;
    const run = collect({
      baseUrl: server.url,
      phases: [{ type: 'constant', rate: 20, durationMs: 300 }],
      signal: controller.signal,
      graceMs,
      http: { timeoutMs: 30_000 },
    });
    // The phase is over by then; its 6 requests wait on the 5 s server.
    await sleep(700);
    const abortedAtMs = performance.now();
    controller.abort();
    const { summary, samples } = await run;
    expect(performance.now() - abortedAtMs).toBeLessThan(graceMs + 1_500);
    expect(summary.aborted).toBe(true);
    expect(summary.sent).toBe(6);
    expect(samples).toHaveLength(6);
    expect(samples.every((s) => s.errorCode === 'ABORTED' && s.status === 0)).toBe(true);
  });

  it('returns at once, with nothing sent, when the signal is already aborted', async () => {
    server = await startServer(answerOk());
    const { summary, samples } = await collect({
      baseUrl: server.url,
      phases: [{ type: 'constant', rate: 100, durationMs: 1_000 }],
      signal: AbortSignal.abort(),
    });
    expect(summary).toMatchObject({ aborted: true, scheduled: 0, sent: 0 });
    expect(samples).toHaveLength(0);
    expect(server.received).toBe(0);
  });
});

describe('a target that goes away mid-run', () => {
  it('turns the rest of the run into error samples with socket codes, and still ends on time', async () => {
    const dying = await startServer(answerOk(5));
    const { summary, samples, runMs } = await collect({
      baseUrl: dying.url,
      phases: [{ type: 'constant', rate: 100, durationMs: 1_000 }],
      onSample(_sample, index) {
        if (index === 30) void dying.close();
      },
    });
    expect(summary.scheduled).toBe(100);
    expect(samples).toHaveLength(100);
    const failed = samples.filter((s) => s.errorCode !== undefined);
    // The last ~two thirds of the run found nothing listening.
    expect(failed.length).toBeGreaterThan(40);
    for (const s of failed) {
      expect(s.status).toBe(0);
      expect(['ECONNREFUSED', 'ECONNRESET', 'SOCKET_CLOSED']).toContain(s.errorCode);
    }
    expect(samples.filter((s) => s.status === 200).length).toBeGreaterThanOrEqual(30);
    expect(runMs).toBeLessThan(5_000);
  });
});

describe('a consumer that throws', () => {
  it('stops the run and rejects with the consumer\'s error', async () => {
    server = await startServer(answerOk());
    const bug = new Error('bug in onSample');
    const startedAtMs = performance.now();
    const outcome = await collect({
      baseUrl: server.url,
      phases: [{ type: 'constant', rate: 100, durationMs: 5_000 }],
      onSample(_sample, index) {
        if (index === 5) throw bug;
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(outcome).toBe(bug);
    // Stopped at the 6th sample, not at the end of the 5 s phase.
    expect(performance.now() - startedAtMs).toBeLessThan(4_000);
    expect(server.received).toBeLessThan(100);
  });
});

describe('requests the HTTP client refuses', () => {
  it('fail the run up front with SCENARIO_INVALID naming each request, without touching the target', async () => {
    server = await startServer(answerOk());
    const attempt = (requests: RequestSpec[]): unknown => {
      try {
        createDriver({ baseUrl: server!.url, phases: [], requests, http: { connections: 2, maxInFlight: 10, timeoutMs: 1_000 }, onSample() {} });
        return undefined;
      } catch (error) {
        return error;
      }
    };
    const error = attempt([
      { path: '/ok' },
      { name: 'spaced', path: '/items/a b' },
      { path: '/crlf', headers: { 'x-bad': 'a\r\nb' } },
      { path: '/expect', method: 'POST', body: 'x', headers: { expect: '100-continue' } },
      { path: '/length', method: 'POST', body: 'x', headers: { 'Content-Length': '1' } },
    ]) as LambdaloadError;
    expect(error).toBeInstanceOf(LambdaloadError);
    expect(error.code).toBe('SCENARIO_INVALID');
    expect(error.message).toContain('"spaced"');
    expect(error.message).not.toContain('/ok');
    expect(error.problems).toEqual([
      '"spaced": invalid request path',
      '"GET /crlf": invalid x-bad header',
      '"POST /expect": expect header not supported',
      '"POST /length": content-length is set from the body by lambdaload: remove the header',
    ]);
    expect(error.hint).toBeTruthy();
    // Valid requests (templates included) pass, and the check never connects.
    expect(
      attempt([
        { path: '/items/{{seq}}', query: { q: 'a b' }, headers: { 'x-id': '{{uuid}}', connection: 'keep-alive' }, json: { n: 1 } },
        { path: '/never', weight: 0 },
      ]),
    ).toBeUndefined();
    await sleep(50);
    expect(server.connections).toBe(0);
  });
});

describe('unreachable target', () => {
  it('rejects with TARGET_UNREACHABLE naming the URL and ECONNREFUSED, before any phase', async () => {
    const port = await closedPort();
    const baseUrl = `http://127.0.0.1:${port}/dev`;
    let samples = 0;
    const error = await drive({
      baseUrl,
      phases: [{ type: 'constant', rate: 100, durationMs: 1_000 }],
      requests: [{ path: '/hello' }],
      http: { connections: 2, maxInFlight: 100, timeoutMs: 2_000 },
      warmUpMs: 0,
      onSample: () => samples++,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LambdaloadError);
    const e = error as LambdaloadError;
    expect(e.code).toBe('TARGET_UNREACHABLE');
    expect(e.exitCode).toBe(4);
    expect(e.message).toContain(baseUrl);
    expect(e.message).toContain('ECONNREFUSED');
    expect(e.hint).toBeTruthy();
    expect((e.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    expect(samples).toBe(0);
  });

  it('rejects an invalid or non-HTTP base URL as SCENARIO_INVALID', () => {
    const base = { phases: [], requests: [{ path: '/' }], http: { connections: 1, maxInFlight: 1, timeoutMs: 1_000 }, onSample() {} };
    expect(() => drive({ ...base, baseUrl: 'not a url' })).toThrow(expect.objectContaining({ code: 'SCENARIO_INVALID' }));
    expect(() => drive({ ...base, baseUrl: 'ftp://127.0.0.1/' })).toThrow(expect.objectContaining({ code: 'SCENARIO_INVALID' }));
  });
});
