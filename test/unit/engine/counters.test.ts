import { describe, expect, it } from 'vitest';
import { CONNECTION_WAIT_MS, DriveCounters, LATE_SEND_MS } from '../../../src/engine/counters.js';
import { addEncodedDelays, lagSummary, waitSummary } from '../../../src/measure/delays.js';

describe('drive counters', () => {
  it('report zeros before anything happened', () => {
    expect(new DriveCounters().summary(false)).toEqual({
      scheduled: 0,
      sent: 0,
      dropped: 0,
      lateSends: 0,
      sendLagMs: { p50: 0, p99: 0, max: 0 },
      connectionWaits: 0,
      connectionWaitMs: { p50: 0, p90: 0, p99: 0, max: 0 },
      retries: 0,
      maxInFlight: 0,
      aborted: false,
      delayHistograms: { sendLagUs: expect.stringMatching(/^HIST/), connectionWaitUs: expect.stringMatching(/^HIST/) },
    });
  });

  it('keep every open send\'s delays as histograms a merge can add: they decode to the counts and the percentiles', () => {
    const c = new DriveCounters();
    for (let i = 0; i < 100; i++) c.recordOpenSend(1_000, 1_000 + i * 0.1, 1_000 + i * 0.1 + (i < 5 ? 3 : 0.002));
    const summary = c.summary(false);
    const lag = addEncodedDelays([summary.delayHistograms!.sendLagUs]);
    const wait = addEncodedDelays([summary.delayHistograms!.connectionWaitUs]);
    expect(lag.totalCount).toBe(100);
    expect(wait.totalCount).toBe(100);
    expect(lagSummary(lag).p99).toBe(summary.sendLagMs.p99);
    expect(waitSummary(wait).p90).toBe(summary.connectionWaitMs.p90);
    expect(summary.connectionWaits).toBe(5);
  });

  it('count a send as late only past LATE_SEND_MS between its intended time and its hand-off', () => {
    const c = new DriveCounters();
    c.recordOpenSend(1_000, 1_000, 1_000);
    c.recordOpenSend(1_000, 1_000 + LATE_SEND_MS, 1_000 + LATE_SEND_MS);
    c.recordOpenSend(1_000, 1_000 + LATE_SEND_MS + 0.01, 1_000 + LATE_SEND_MS + 0.01);
    c.recordOpenSend(1_000, 1_250, 1_250);
    const summary = c.summary(false);
    expect(summary.sent).toBe(4);
    expect(summary.lateSends).toBe(2);
    expect(summary.sendLagMs.max).toBeCloseTo(250, 0);
    expect(summary.connectionWaits).toBe(0);
  });

  it('count a wait for a connection (hand-off to socket write) apart from generator lag', () => {
    const c = new DriveCounters();
    // Handed on time, written 300 ms later: the pool had no free connection.
    c.recordOpenSend(1_000, 1_000.1, 1_300);
    c.recordOpenSend(1_000, 1_000.1, 1_000.1 + CONNECTION_WAIT_MS);
    c.recordOpenSend(1_000, 1_000.1, 1_000.1 + CONNECTION_WAIT_MS + 0.01);
    const summary = c.summary(false);
    expect(summary.lateSends).toBe(0);
    expect(summary.sendLagMs.max).toBeCloseTo(0.1, 3);
    expect(summary.connectionWaits).toBe(2);
    expect(summary.connectionWaitMs.max).toBeCloseTo(299.9, 0);
  });

  it('keep send-lag and connection-wait percentiles in ms at microsecond resolution', () => {
    const c = new DriveCounters();
    // 98 sends 0.2 ms late, 2 sends 40 ms late: p50 is 0.2, p99 and max are 40.
    for (let i = 0; i < 98; i++) c.recordOpenSend(0, 0.2, 0.2);
    c.recordOpenSend(0, 40, 40);
    c.recordOpenSend(0, 40, 40);
    const { sendLagMs } = c.summary(false);
    expect(sendLagMs.p50).toBeCloseTo(0.2, 3);
    expect(sendLagMs.p99).toBeCloseTo(40, 1);
    expect(sendLagMs.max).toBeCloseTo(40, 1);

    // 80 sends written at once, 15 after 10 ms, 5 after 100 ms: p50 ~0, p90 10, p99 and max 100.
    const w = new DriveCounters();
    for (let i = 0; i < 80; i++) w.recordOpenSend(0, 0, 0);
    for (let i = 0; i < 15; i++) w.recordOpenSend(0, 0, 10);
    for (let i = 0; i < 5; i++) w.recordOpenSend(0, 0, 100);
    const { connectionWaitMs, connectionWaits } = w.summary(false);
    expect(connectionWaits).toBe(20);
    expect(connectionWaitMs.p50).toBe(0.001);
    expect(connectionWaitMs.p90).toBeCloseTo(10, 1);
    expect(connectionWaitMs.p99).toBeCloseTo(100, 0);
    expect(connectionWaitMs.max).toBeCloseTo(100, 0);
  });

  it('record a lag below 1 µs (or a clock tie) as 1 µs, and an absurd lag at the 1 h ceiling', () => {
    const c = new DriveCounters();
    c.recordOpenSend(5, 5, 5);
    expect(c.summary(false).sendLagMs.max).toBe(0.001);
    expect(c.summary(false).connectionWaitMs.max).toBe(0.001);
    c.recordOpenSend(0, 5 * 3_600_000, 10 * 3_600_000);
    expect(c.summary(false).sendLagMs.max).toBeCloseTo(3_600_000, -4);
    expect(c.summary(false).connectionWaitMs.max).toBeCloseTo(3_600_000, -4);
  });

  it('count closed-model sends without a lag, and keep the highest in-flight count and the abort flag', () => {
    const c = new DriveCounters();
    c.recordClosedSend();
    c.recordClosedSend();
    [1, 3, 2, 7, 4].forEach((n) => c.noteInFlight(n));
    c.scheduled = 5;
    c.dropped = 3;
    const summary = c.summary(true);
    expect(summary).toMatchObject({ sent: 2, lateSends: 0, connectionWaits: 0, maxInFlight: 7, scheduled: 5, dropped: 3, aborted: true });
    expect(summary.sendLagMs).toEqual({ p50: 0, p99: 0, max: 0 });
    expect(summary.connectionWaitMs).toEqual({ p50: 0, p90: 0, p99: 0, max: 0 });
  });
});
