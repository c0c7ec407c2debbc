import { describe, expect, it } from 'vitest';
import type { DriveSummary } from '../../../src/records/sample.js';
import { engineWarnings } from '../../../src/run/summaries.js';

/** A clean run of 40,000 sends; each case changes what it needs. */
function drive(overrides: Partial<DriveSummary>): DriveSummary {
  return {
    scheduled: 40_000,
    sent: 40_000,
    dropped: 0,
    lateSends: 0,
    sendLagMs: { p50: 0.1, p99: 0.6, max: 2 },
    connectionWaits: 0,
    connectionWaitMs: { p50: 0.001, p90: 0.001, p99: 0.002, max: 0.05 },
    maxInFlight: 200,
    aborted: false,
    ...overrides,
  };
}

const codes = (d: DriveSummary): string[] => engineWarnings(d, d.sent, { header: d.sent }, 'url', false).map((w) => w.code);

describe('engine warnings: late sends and connection waits', () => {
  it('warn of neither on a clean run, nor at 1% or less', () => {
    expect(codes(drive({}))).toEqual([]);
    expect(codes(drive({ lateSends: 400, connectionWaits: 400 }))).toEqual([]);
  });

  it('name requests queued for a connection as CONNECTION_WAITS, with the figures, and not as late sends', () => {
    // The stalled target of issue 18: 2,000 req/s on 200 connections, answers held 500 ms every 2 s.
    const d = drive({ sent: 39_955, lateSends: 12, connectionWaits: 11_249, connectionWaitMs: { p50: 0.002, p90: 210, p99: 452.3, max: 499.8 } });
    const warnings = engineWarnings(d, d.sent, { header: d.sent }, 'url', false);
    expect(warnings.map((w) => w.code)).toEqual(['CONNECTION_WAITS']);
    expect(warnings[0]!.message).toContain('11249 of 39955 requests waited for a free connection');
    expect(warnings[0]!.message).toContain('wait p99 452.3 ms');
    expect(warnings[0]!.message).toContain('http.connections');
  });

  it('keep LATE_SENDS for a generator that was behind', () => {
    const d = drive({ lateSends: 900, sendLagMs: { p50: 0.2, p99: 48.1, max: 52 } });
    const warnings = engineWarnings(d, d.sent, { header: d.sent }, 'url', false);
    expect(warnings.map((w) => w.code)).toEqual(['LATE_SENDS']);
    expect(warnings[0]!.message).toContain('900 of 40000');
    expect(warnings[0]!.message).toContain('send lag p99 48.1 ms');
    expect(warnings[0]!.message).toContain('load generator was behind');
  });

  it('name requests written again after the target closed their keep-alive connection, and not on a clean run', () => {
    expect(codes(drive({ retries: 0 }))).toEqual([]);
    const d = drive({ retries: 37 });
    const warnings = engineWarnings(d, d.sent, { header: d.sent }, 'url', false);
    expect(warnings.map((w) => w.code)).toEqual(['CONNECTIONS_CLOSED_BY_TARGET']);
    expect(warnings[0]!.message).toContain('37 requests met a keep-alive connection the target had closed');
    expect(warnings[0]!.message).toContain('each still counts once');
  });

  it('give both when both happened', () => {
    expect(codes(drive({ lateSends: 900, sendLagMs: { p50: 0.2, p99: 6.5, max: 30 }, connectionWaits: 5_000 }))).toEqual(['LATE_SENDS', 'CONNECTION_WAITS']);
  });

  it('leave the wake-up tail of a sleeping scheduler alone: over 1% of sends past 1 ms, but a lag p99 within 2 ms', () => {
    // The quiet open benchmark at 5,000 req/s: 793 of 50,000 sends over 1 ms late, p99 1.65 ms.
    expect(codes(drive({ sent: 50_000, scheduled: 50_000, lateSends: 793, sendLagMs: { p50: 0.11, p99: 1.65, max: 12.7 } }))).toEqual([]);
    expect(codes(drive({ sent: 50_000, scheduled: 50_000, lateSends: 793, sendLagMs: { p50: 0.11, p99: 2.4, max: 12.7 } }))).toEqual(['LATE_SENDS']);
  });
});

describe('engine warnings: a busy generator', () => {
  const load = (eventLoopBusy: number) => ({ cpuMs: 18_400, wallMs: 20_000, eventLoopBusy, processes: 1 });

  it('warn when the event loop was busy past 90% of the run, with the figures and what to do', () => {
    const d = drive({ generator: load(0.97) });
    const warnings = engineWarnings(d, d.sent, { header: d.sent }, 'url', false);
    expect(warnings.map((w) => w.code)).toEqual(['GENERATOR_BUSY']);
    expect(warnings[0]!.message).toContain('busy 97% of the run (CPU 18.4 s over 20.0 s)');
    expect(warnings[0]!.message).toContain('--workers');
  });

  it('stay quiet at 90% or less, and for results without the measurement', () => {
    expect(codes(drive({ generator: load(0.9) }))).toEqual([]);
    expect(codes(drive({ generator: load(0.25) }))).toEqual([]);
    expect(codes(drive({}))).toEqual([]);
  });
});
