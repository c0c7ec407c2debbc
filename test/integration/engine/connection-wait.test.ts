/**
 * The two delays an open-model request can meet before its bytes reach a socket, against real local servers, and
 * that the summary keeps them apart (issue 18: requests queued for a connection were reported as late sends):
 * - connection wait: every connection is busy with a slow answer, so the pool queues the request;
 * - generator lag: the event loop is blocked, so the scheduler hands requests to the client late.
 *
 * Counts are asserted with wide margins (a loaded 2-core machine adds its own lag); each test's two counts differ
 * by an order of magnitude when the engine is right.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import type { Sample } from '../../../src/records/sample.js';
import { collect } from './collect.js';
import { answerOk, startServer, type TestServer } from './servers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const latencyMs = (s: Sample): number => s.endedAtMs - s.intendedAtMs;
const serviceMs = (s: Sample): number => s.endedAtMs - s.sentAtMs;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('connection waits', () => {
  it('counts requests queued behind busy connections as connection waits, not late sends', async () => {
    // 2 connections, each answer held 40 ms: at most 50 req/s get through; 100 req/s arrive, so nearly every
    // request after the first two queues in the pool, and the queue grows for the whole second (~1 s at the end).
    const holdMs = 40;
    server = await startServer(answerOk(holdMs));
    const { summary, samples } = await collect({
      baseUrl: server.url,
      phases: [{ type: 'constant', rate: 100, durationMs: 1_000 }],
      http: { connections: 2 },
    });
    expect(summary.scheduled).toBe(100);
    expect(summary.sent).toBe(100);
    expect(samples.every((s) => s.status === 200)).toBe(true);
    expect(server.maxConcurrent).toBeLessThanOrEqual(2);

    expect(summary.connectionWaits).toBeGreaterThanOrEqual(80);
    // The generator kept its schedule: its late sends are a machine's hiccups, far fewer than the waits.
    expect(summary.lateSends).toBeLessThan(summary.connectionWaits);
    expect(summary.connectionWaitMs.max).toBeGreaterThanOrEqual(500);
    expect(summary.connectionWaitMs.p50).toBeGreaterThan(holdMs);
    expect(summary.connectionWaitMs.p50).toBeLessThanOrEqual(summary.connectionWaitMs.p90);
    expect(summary.connectionWaitMs.p90).toBeLessThanOrEqual(summary.connectionWaitMs.p99);
    expect(summary.connectionWaitMs.p99).toBeLessThanOrEqual(summary.connectionWaitMs.max);

    // Latency from the intended time carries the wait; service time starts at the socket write and does not.
    expect(Math.max(...samples.map(latencyMs))).toBeGreaterThanOrEqual(500);
    expect(median(samples.map(serviceMs))).toBeLessThan(median(samples.map(latencyMs)) / 2);
    expect(median(samples.map(serviceMs))).toBeGreaterThanOrEqual(holdMs - 1);
  });

  it('counts requests held back by a blocked event loop as late sends, not connection waits', async () => {
    // Plenty of connections for an instant server at 200 req/s: a request never waits for one, unless the machine
    // stalls for longer than 50 connections take to fill (250 ms).
    server = await startServer(answerOk());
    const blockMs = 100;
    const { summary } = await collect({
      baseUrl: server.url,
      phases: [{ type: 'constant', rate: 200, durationMs: 1_500 }],
      http: { connections: 50 },
      onSample(_sample, index) {
        // Blocks the event loop once: the ~20 arrivals due meanwhile are handed to the client late, in one batch.
        if (index !== 100) return;
        const untilMs = performance.now() + blockMs;
        while (performance.now() < untilMs);
      },
    });
    expect(summary.sent).toBe(300);
    expect(summary.lateSends).toBeGreaterThanOrEqual(10);
    expect(summary.sendLagMs.max).toBeGreaterThanOrEqual(blockMs * 0.9);
    expect(summary.connectionWaits).toBeLessThan(summary.lateSends / 5);
  });
});
