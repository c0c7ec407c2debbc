/**
 * The CloudWatch steps on a terminal: a TTY gets one line redrawn each second with the time spent (a fake clock
 * drives the redraw here; the stream is a real PassThrough marked as a TTY), a pipe one line per step, --quiet none.
 * The non-TTY path through the real CLI is in test/integration/evidence/cli-evidence-wait.test.ts.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EvidenceStep } from '../../../src/cloudwatch/steps.js';
import { createProgressPrinter, formatEvidenceStepLine } from '../../../src/cli/progress.js';

function stream(tty: boolean): { out: NodeJS.WriteStream; text: () => string } {
  const pass = new PassThrough();
  let text = '';
  pass.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { out: Object.assign(pass, { isTTY: tty, columns: 300 }) as unknown as NodeJS.WriteStream, text: () => text };
}

const wait = (startedAtMs: number): EvidenceStep => ({ step: 'wait', what: 'the data to arrive in CloudWatch (ingestion delay)', startedAtMs, upToMs: 120_000 });

afterEach(() => {
  vi.useRealTimers();
});

describe('formatEvidenceStepLine', () => {
  it('says what it waits for, the time spent and the most, and how to skip', () => {
    expect(formatEvidenceStepLine(wait(1_000), 13_400)).toBe(
      'CloudWatch evidence: waiting for the data to arrive in CloudWatch (ingestion delay) · 12 s / up to 2 min · Ctrl-C skips it (the result is kept, without evidence)',
    );
    expect(formatEvidenceStepLine({ step: 'metrics', what: '9 AWS/Lambda metrics (GetMetricData)', startedAtMs: 0 })).toBe(
      'CloudWatch evidence: reading 9 AWS/Lambda metrics (GetMetricData) · Ctrl-C skips it (the result is kept, without evidence)',
    );
  });
});

describe('createProgressPrinter: evidence steps', () => {
  it('redraws one line each second on a TTY and clears it when done', async () => {
    vi.useFakeTimers({ now: 50_000, toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { out, text } = stream(true);
    const printer = createProgressPrinter(out, { quiet: false });
    printer.evidence(wait(50_000));
    vi.advanceTimersByTime(2_000);
    printer.done();
    await new Promise((resolve) => setImmediate(resolve));
    const frames = text().split('\r\u001b[2K').filter(Boolean);
    expect(frames.map((f) => /· (\d+ s) \/ up to 2 min/.exec(f)?.[1])).toEqual(['0 s', '1 s', '2 s']);
    expect(text().endsWith('\r\u001b[2K')).toBe(true);
    vi.advanceTimersByTime(5_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(text().split('\r\u001b[2K').filter(Boolean)).toHaveLength(3);
  });

  it('writes one plain line per step on a pipe, and nothing with --quiet', async () => {
    const plain = stream(false);
    const printer = createProgressPrinter(plain.out, { quiet: false });
    printer.evidence(wait(0));
    printer.evidence({ step: 'logs', what: 'REPORT lines of 2 log groups (Logs Insights)', startedAtMs: 0, upToMs: 60_000 });
    printer.done();
    const quiet = stream(false);
    createProgressPrinter(quiet.out, { quiet: true }).evidence(wait(0));
    await new Promise((resolve) => setImmediate(resolve));
    expect(plain.text()).toBe(
      'CloudWatch evidence: waiting for the data to arrive in CloudWatch (ingestion delay) · up to 2 min · Ctrl-C skips it (the result is kept, without evidence)\n' +
        'CloudWatch evidence: querying REPORT lines of 2 log groups (Logs Insights) · up to 60 s · Ctrl-C skips it (the result is kept, without evidence)\n',
    );
    expect(quiet.text()).toBe('');
  });
});
