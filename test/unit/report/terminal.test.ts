import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderTerminalSummary } from '../../../src/report/terminal.js';
import type { RunResult } from '../../../src/result/types.js';

// A real result of `lambdaload run scenarios/hello.ts` (histograms and timeline trimmed).
const result = JSON.parse(readFileSync(new URL('../../fixtures/results/hello.json', import.meta.url), 'utf8')) as RunResult;

/** The lines of the "Requests" section. */
function requestsSection(r: RunResult): string[] {
  const lines = renderTerminalSummary(r).split('\n');
  const start = lines.indexOf('Requests');
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

describe('terminal summary, Requests section', () => {
  it('shows late sends and connection waits side by side, each with its own p99', () => {
    const stalled: RunResult = {
      ...result,
      engine: { ...result.engine, lateSends: 3, sendLagMs: { p50: 0.2, p99: 4.43, max: 6.1 }, connectionWaits: 11_249, connectionWaitMs: { p50: 0.002, p90: 180, p99: 412.5, max: 498 } },
    };
    const section = requestsSection(stalled).join('\n');
    expect(section).toContain('late sends 3 (lag p99 4.43 ms)');
    expect(section).toContain('connection waits 11,249 (wait p99 413 ms)');
    for (const line of requestsSection(stalled)) expect([...line].length).toBeLessThanOrEqual(80);
  });
});
