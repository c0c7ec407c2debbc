/**
 * Closed model against a real local server: N connections, each sending its next request when the previous one
 * ends, so the server never sees more than N at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from './collect.js';
import { answerOk, startServer, type TestServer } from './servers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('closed model', () => {
  it('keeps N requests in flight on N sockets, no more, for the phase duration', async () => {
    server = await startServer(answerOk(10));
    const connections = 4;
    const { summary, samples, ticks, runMs } = await collect({
      baseUrl: server.url,
      phases: [{ type: 'closed', connections, durationMs: 1_000 }],
    });
    // At most 4 loops × 1 s / 10 ms; a loaded machine gets fewer, never none.
    expect(samples.length).toBeGreaterThan(50);
    expect(samples.length).toBeLessThanOrEqual(4 * 100 + connections);
    expect(summary.scheduled).toBe(samples.length);
    expect(summary.sent).toBe(samples.length);
    expect(summary.dropped).toBe(0);
    expect(summary.lateSends).toBe(0);
    expect(summary.maxInFlight).toBe(connections);
    expect(server.maxConcurrent).toBe(connections);
    // One socket per loop, plus the preflight connect.
    expect(server.connections).toBeLessThanOrEqual(connections + 1);
    expect(server.received).toBe(samples.length);
    for (const s of samples) {
      expect(s.status).toBe(200);
      // No schedule in a closed loop: latency is service time.
      expect(s.intendedAtMs).toBe(s.sentAtMs);
      expect(s.endedAtMs - s.sentAtMs).toBeGreaterThanOrEqual(9);
    }
    // No request is sent after the phase end; those in flight then finish.
    const firstSentAtMs = Math.min(...samples.map((s) => s.sentAtMs));
    expect(Math.max(...samples.map((s) => s.sentAtMs)) - firstSentAtMs).toBeLessThan(1_000 + 200);
    expect(runMs).toBeLessThan(5_000);
    expect(ticks.at(-1)).toMatchObject({ targetRps: undefined, inFlight: 0, completed: samples.length });
  });

  it('sends the next request of a loop after a timeout, without exceeding N in flight', async () => {
    // Every 5th request hangs; the rest answer at once.
    server = await startServer((req, res, index) => answerOk(index % 5 === 4 ? 10_000 : 0)(req, res, index));
    const connections = 3;
    const { summary, samples } = await collect({
      baseUrl: server.url,
      phases: [{ type: 'closed', connections, durationMs: 800 }],
      http: { timeoutMs: 100 },
    });
    const timeouts = samples.filter((s) => s.errorCode === 'TIMEOUT');
    expect(timeouts.length).toBeGreaterThan(0);
    expect(timeouts.every((s) => s.status === 0)).toBe(true);
    // The loops went on after their timeouts: far more requests than connections × (timeouts before stalling).
    expect(samples.filter((s) => s.status === 200).length).toBeGreaterThan(timeouts.length);
    expect(summary.maxInFlight).toBeLessThanOrEqual(connections);
    expect(samples).toHaveLength(summary.scheduled);
  });

  it('runs an open phase after a closed one, each with its own phase index', async () => {
    server = await startServer(answerOk());
    const { summary, samples } = await collect({
      baseUrl: server.url,
      phases: [
        { type: 'closed', connections: 2, durationMs: 300 },
        { type: 'constant', rate: 100, durationMs: 300 },
      ],
    });
    const open = samples.filter((s) => s.phaseIndex === 1);
    expect(samples.filter((s) => s.phaseIndex === 0).length).toBeGreaterThan(10);
    expect(open).toHaveLength(30);
    expect(open.every((s) => s.intendedAtMs <= s.sentAtMs && s.status === 200)).toBe(true);
    expect(summary.scheduled).toBe(samples.length);
  });
});
