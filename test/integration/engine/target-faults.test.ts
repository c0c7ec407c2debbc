/**
 * Target faults during a run (issue 18): the target disappears (and comes back, or not), resets connections,
 * answers slowly, answers storms of 500/502/503/429, closes keep-alive connections right after an answer, and closes
 * a connection in the middle of a body. For each, the engine keeps its schedule (every arrival of the open phase is
 * scheduled, none dropped), accounts for every request exactly once (one sample per intended time, with either a
 * status or an error code), counts each outcome under the code the server's fault calls for (held to the server's
 * own counts), and finishes. The slow target's queued requests are connection waits, not generator lag. A GET caught
 * by an unannounced keep-alive close is written once more on a fresh connection (the target never saw it); a POST is
 * not. The CLI runs of three faults end `completed` with a result that holds to the result contract.
 *
 * Faults are triggered by request number, never by the clock, and only counts are asserted.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Sample } from '../../../src/records/sample.js';
import type { RunResult } from '../../../src/result/types.js';
import { ensureBuilt, readResult, runCli } from '../cli/helpers.js';
import { collect, type Collected } from './collect.js';
import {
  closeAfterAnswer,
  cutBodyEvery,
  holdAnswers,
  resetEvery,
  startFaultServer,
  startVanishingServer,
  stormBetween,
  STORM_STATUSES,
  total,
  type FaultServer,
} from './fault-servers.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Outcomes of the samples: statuses of the answers, codes of the errors. */
function tally(samples: readonly Sample[]): { statuses: Map<number, number>; errors: Map<string, number> } {
  const statuses = new Map<number, number>();
  const errors = new Map<string, number>();
  for (const s of samples) {
    if (s.errorCode === undefined) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
    else errors.set(s.errorCode, (errors.get(s.errorCode) ?? 0) + 1);
  }
  return { statuses, errors };
}

/**
 * The bookkeeping every fault must leave intact: the open phase scheduled all its arrivals, none was dropped, each
 * intended time has exactly one sample, and each sample is either an answer (a status, no error code) or an error
 * (status 0 and a code). A request reaches a socket at most once, so `sent` never passes the samples.
 */
function expectEveryRequestAccountedFor({ summary, samples }: Collected, arrivals: number): void {
  expect(summary.aborted).toBe(false);
  expect(summary.scheduled).toBe(arrivals);
  expect(summary.dropped).toBe(0);
  expect(samples).toHaveLength(arrivals);
  expect(new Set(samples.map((s) => s.intendedAtMs)).size).toBe(arrivals);
  const malformed = samples.filter((s) => (s.status > 0) === (s.errorCode !== undefined));
  expect(malformed).toEqual([]);
  expect(summary.sent).toBeLessThanOrEqual(arrivals);
}

/** The last `n` samples in schedule order. */
const lastByIntended = (samples: readonly Sample[], n: number): Sample[] => [...samples].sort((a, b) => a.intendedAtMs - b.intendedAtMs).slice(-n);

describe('target faults: the engine keeps its schedule and counts every outcome', () => {
  it('the target disappears mid-run and comes back: refused connects while it is gone, 200 again after', async () => {
    // 200 req/s for 2 s; gone after its 100th request (~0.5 s in) for 500 ms.
    const vanishing = await startVanishingServer(100, 500);
    server = vanishing;
    const run = await collect({ baseUrl: vanishing.url, phases: [{ type: 'constant', rate: 200, durationMs: 2_000 }] });
    expectEveryRequestAccountedFor(run, 400);
    expect(vanishing.cameBack).toBe(true);
    const { statuses, errors } = tally(run.samples);
    // Every answer the server wrote was received; nothing else is a 200.
    expect(statuses).toEqual(new Map([[200, total(vanishing.answered)]]));
    // The request that tripped it and those on its sockets then were cut; the rest found nobody listening.
    expect(errors.get('ECONNREFUSED')).toBeGreaterThan(0);
    expect([...errors.keys()].every((code) => ['ECONNREFUSED', 'ECONNRESET', 'SOCKET_CLOSED', 'EPIPE'].includes(code))).toBe(true);
    // A refused connect never wrote its request; every other request reached a socket. The requests cut when it
    // went were written, then tried again (their connection closed before an answer) and refused.
    expect(run.summary.sent).toBeGreaterThanOrEqual(400 - errors.get('ECONNREFUSED')!);
    expect(run.summary.sent).toBeLessThanOrEqual(400 - errors.get('ECONNREFUSED')! + run.summary.retries!);
    // Back up: the end of the schedule was answered again.
    expect(lastByIntended(run.samples, 50).every((s) => s.status === 200)).toBe(true);
  });

  it('the target disappears mid-run for good: the run still ends, every later request refused', async () => {
    const vanishing = await startVanishingServer(100, undefined);
    server = vanishing;
    const run = await collect({ baseUrl: vanishing.url, phases: [{ type: 'constant', rate: 200, durationMs: 1_500 }] });
    expectEveryRequestAccountedFor(run, 300);
    const { statuses, errors } = tally(run.samples);
    expect(statuses).toEqual(new Map([[200, total(vanishing.answered)]]));
    expect(lastByIntended(run.samples, 100).every((s) => s.errorCode === 'ECONNREFUSED')).toBe(true);
    expect(run.summary.sent).toBeGreaterThanOrEqual(300 - errors.get('ECONNREFUSED')!);
    expect(run.summary.sent).toBeLessThanOrEqual(300 - errors.get('ECONNREFUSED')! + run.summary.retries!);
  });

  it('connection resets: each reset is one ECONNRESET, every other request answered', async () => {
    server = await startFaultServer(resetEvery(7));
    const run = await collect({ baseUrl: server.url, phases: [{ type: 'constant', rate: 200, durationMs: 1_500 }] });
    expectEveryRequestAccountedFor(run, 300);
    const { statuses, errors } = tally(run.samples);
    expect(server.faulted).toBe(Math.floor(300 / 7));
    expect(errors).toEqual(new Map([['ECONNRESET', server.faulted]]));
    expect(statuses).toEqual(new Map([[200, 300 - server.faulted]]));
    expect(run.summary.sent).toBe(300);
  });

  it('a slow target exhausts the connections: queued requests are connection waits, and time out as TIMEOUT', async () => {
    // 4 connections × one answer per 100 ms = 40 req/s against 80 req/s arriving for 1.5 s: the queue grows all
    // along, and with a 1 s timeout the later requests end in the queue or on their connection.
    server = await startFaultServer(holdAnswers(100));
    const run = await collect({
      baseUrl: server.url,
      phases: [{ type: 'constant', rate: 80, durationMs: 1_500 }],
      http: { connections: 4, timeoutMs: 1_000 },
    });
    expectEveryRequestAccountedFor(run, 120);
    const { statuses, errors } = tally(run.samples);
    // An answer can cross its request's timeout on the wire: the server counts it, the client already gave up.
    expect(statuses.get(200)).toBeLessThanOrEqual(total(server.answered));
    expect([...errors.keys()]).toEqual(['TIMEOUT']);
    expect(statuses.get(200)! + errors.get('TIMEOUT')!).toBe(120);
    // A request that timed out in the queue never reached a socket; one that reached the server was written.
    expect(run.summary.sent).toBeGreaterThanOrEqual(server.received);
    // The wait for a connection is reported as such, not as a generator behind its schedule.
    expect(run.summary.connectionWaits).toBeGreaterThanOrEqual(run.summary.sent / 2);
    expect(run.summary.lateSends).toBeLessThan(run.summary.connectionWaits);
  });

  it('a storm of 500/502/503/429: each answer counted under its status, the 502s closing their connections', async () => {
    server = await startFaultServer(stormBetween(60, 260));
    const run = await collect({ baseUrl: server.url, phases: [{ type: 'constant', rate: 200, durationMs: 2_000 }] });
    expectEveryRequestAccountedFor(run, 400);
    const { statuses, errors } = tally(run.samples);
    expect(errors.size).toBe(0);
    expect(statuses).toEqual(server.answered);
    expect(statuses).toEqual(new Map([[200, 200], ...STORM_STATUSES.map((s) => [s, 50] as [number, number])]));
    expect(run.summary.sent).toBe(400);
  });

  it('keep-alive connections closed right after each answer without Connection: close: every answer counted', async () => {
    // 4 connections at 400 req/s: requests queue for a connection, so a connection is taken again the moment its
    // answer ends, when the server's close may not have been read yet. Every answer costs a new connection here, so
    // a busy machine serves fewer than 400 a second: the timeout is long enough for the queue to drain instead.
    server = await startFaultServer(closeAfterAnswer());
    const run = await collect({
      baseUrl: server.url,
      phases: [{ type: 'constant', rate: 400, durationMs: 1_500 }],
      http: { connections: 4, timeoutMs: 30_000 },
    });
    expectEveryRequestAccountedFor(run, 600);
    const { statuses, errors } = tally(run.samples);
    // The fault happened: no connection carried two answers.
    expect(server.connections).toBeGreaterThanOrEqual(server.received);
    // A request written into a connection the server was closing never reached it: it is written once more on a
    // fresh connection (one request still, counted once), so every request is answered and the server saw each once.
    expect(errors.size).toBe(0);
    expect(statuses).toEqual(new Map([[200, 600]]));
    expect(server.received).toBe(600);
    expect(run.summary.sent).toBe(600);
    expect(run.summary.retries).toBeGreaterThan(0);
  });

  it('a POST caught by such a close is not written twice: it ends as SOCKET_CLOSED (the target may have acted on it)', async () => {
    server = await startFaultServer(closeAfterAnswer());
    const run = await collect({
      baseUrl: server.url,
      phases: [{ type: 'constant', rate: 400, durationMs: 1_500 }],
      http: { connections: 4, timeoutMs: 30_000 },
      requests: [{ method: 'POST', path: '/orders', body: '{"item":1}' }],
    });
    expectEveryRequestAccountedFor(run, 600);
    const { statuses, errors } = tally(run.samples);
    expect(run.summary.retries).toBe(0);
    expect(statuses).toEqual(new Map([[200, server.received]]));
    // Requests queue for 4 connections at this rate, so many are written into one the server is closing.
    expect(total(errors)).toBeGreaterThan(0);
    expect(total(errors)).toBe(600 - server.received);
    expect([...errors.keys()].every((code) => ['SOCKET_CLOSED', 'ECONNRESET', 'EPIPE'].includes(code))).toBe(true);
  });

  it('closed model: the target disappears and comes back; each connection loop goes on, every request accounted for', async () => {
    const vanishing = await startVanishingServer(100, 300);
    server = vanishing;
    const run = await collect({ baseUrl: vanishing.url, phases: [{ type: 'closed', connections: 4, durationMs: 1_500 }] });
    const { summary, samples } = run;
    expect(vanishing.cameBack).toBe(true);
    expect(summary.aborted).toBe(false);
    expect(samples).toHaveLength(summary.scheduled);
    const { statuses, errors } = tally(samples);
    expect(statuses).toEqual(new Map([[200, total(vanishing.answered)]]));
    expect(errors.get('ECONNREFUSED')).toBeGreaterThan(0);
    expect(summary.sent).toBeGreaterThanOrEqual(samples.length - errors.get('ECONNREFUSED')!);
    expect(summary.sent).toBeLessThanOrEqual(samples.length - errors.get('ECONNREFUSED')! + summary.retries!);
    // Every loop found the target again after it came back.
    expect(samples.filter((s) => s.status === 200).length).toBeGreaterThan(100);
  });

  it('a connection closed in the middle of a body (length-framed or chunked): SOCKET_CLOSED, not a short 200', async () => {
    server = await startFaultServer(cutBodyEvery(5));
    const run = await collect({ baseUrl: server.url, phases: [{ type: 'constant', rate: 200, durationMs: 1_500 }] });
    expectEveryRequestAccountedFor(run, 300);
    const { statuses, errors } = tally(run.samples);
    expect(server.faulted).toBe(60);
    expect(errors).toEqual(new Map([['SOCKET_CLOSED', 60]]));
    expect(statuses).toEqual(new Map([[200, 240]]));
    expect(run.samples.filter((s) => s.errorCode === 'SOCKET_CLOSED').every((s) => s.bytesReceived === 100)).toBe(true);
  });
});

describe('target faults through the CLI: the run completes with a result that holds to the contract', () => {
  let dir = '';
  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-target-faults-'));
    return () => rm(dir, { recursive: true, force: true });
  }, 150_000);

  async function runAgainst(url: string, name: string, env: Record<string, string>): Promise<RunResult> {
    const out = path.join(dir, `${name}.json`);
    const ran = await runCli(['run', 'test/fixtures/cli/target-faults.ts', '--quiet', '--out', out], { LAMBDALOAD_TEST_URL: url, ...env }, 60_000);
    expect(ran.code, ran.stderr).toBe(0);
    const result = await readResult(out);
    expect(result.status).toBe('completed');
    expect(result.abort).toBeUndefined();
    return result;
  }

  /** The result's own bookkeeping: arrivals = completed requests, each counted once by status or by error code. */
  function expectResultAccountedFor(result: RunResult, arrivals: number): void {
    expect(result.engine.scheduled).toBe(arrivals);
    expect(result.engine.dropped).toBe(0);
    expect(result.requests.completed).toBe(arrivals);
    expect(result.requests.ok + result.requests.errors).toBe(arrivals);
    expect(total(result.statusCodes) + total(result.errorCodes)).toBe(arrivals);
    expect(result.latency.overall.all.count).toBe(arrivals);
  }

  it('a storm of 500/502/503/429: statusCodes and errors equal what the server answered', async () => {
    server = await startFaultServer(stormBetween(40, 160));
    const result = await runAgainst(server.url, 'storm', { LAMBDALOAD_TEST_RATE: '100', LAMBDALOAD_TEST_DURATION: '2s' });
    expectResultAccountedFor(result, 200);
    expect(result.statusCodes).toEqual({ '200': 80, '429': 30, '500': 30, '502': 30, '503': 30 });
    expect(result.errorCodes).toEqual({});
    expect(result.requests.errors).toBe(120);
    expect(result.errorKinds.requests.map((k) => [k.status, k.count]).sort()).toEqual([[429, 30], [500, 30], [502, 30], [503, 30]]);
  }, 90_000);

  it('the target disappears and comes back: refused requests counted as ECONNREFUSED, the rest answered', async () => {
    const vanishing = await startVanishingServer(50, 500);
    server = vanishing;
    const result = await runAgainst(server.url, 'vanish', { LAMBDALOAD_TEST_RATE: '100', LAMBDALOAD_TEST_DURATION: '2s' });
    expectResultAccountedFor(result, 200);
    expect(result.statusCodes).toEqual({ '200': total(vanishing.answered) });
    expect(result.errorCodes.ECONNREFUSED).toBeGreaterThan(0);
    expect(result.engine.sent).toBeGreaterThanOrEqual(200 - result.errorCodes.ECONNREFUSED!);
    expect(result.engine.sent).toBeLessThanOrEqual(200 - result.errorCodes.ECONNREFUSED! + result.engine.retries!);
    expect(result.requests.errors).toBe(total(result.errorCodes));
  }, 90_000);

  it('a slow target: the result reports connection waits with their warning, apart from late sends', async () => {
    server = await startFaultServer(holdAnswers(100));
    const result = await runAgainst(server.url, 'slow', {
      LAMBDALOAD_TEST_RATE: '60',
      LAMBDALOAD_TEST_DURATION: '2s',
      LAMBDALOAD_TEST_CONNECTIONS: '4',
      LAMBDALOAD_TEST_TIMEOUT: '1s',
    });
    expectResultAccountedFor(result, 120);
    expect(result.statusCodes['200']).toBeLessThanOrEqual(total(server.answered));
    expect(Object.keys(result.errorCodes)).toEqual(['TIMEOUT']);
    expect(result.engine.connectionWaits).toBeGreaterThanOrEqual(result.engine.sent / 2);
    expect(result.engine.lateSends).toBeLessThan(result.engine.connectionWaits);
    expect(result.warnings.map((w) => w.code)).toContain('CONNECTION_WAITS');
  }, 90_000);
});
