/**
 * `--evidence cloudwatch` on a run of the local emulator (for trying the evidence without an AWS account): the
 * emulator process the run starts serves CloudWatch and CloudWatch Logs itself, with no endpoint or credentials to
 * set, no wait, and the figures agree with its own ledger; the terminal summary shows them beside the client's.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderRunSummary } from '../../../src/report/summary.js';
import { run } from '../../../src/run/run.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');

describe('run --evidence cloudwatch on the emulator', () => {
  it('reads the evidence from the emulator it started, equal to its ledger', async () => {
    const result = await run({
      cwd: fixtures,
      seed: 3,
      evidence: 'cloudwatch',
      scenario: {
        name: 'emulator-evidence',
        target: {
          type: 'emulator',
          api: { type: 'http' },
          functions: { hello: { code: './gateway', handler: 'hello.handler' } },
          routes: [{ method: 'GET', path: '/hello', function: 'hello' }],
        },
        phases: [{ type: 'constant', duration: '1s', rate: 10 }],
        requests: [{ path: '/hello' }],
      },
    });
    const ledger = result.emulator!.functions.find((f) => f.name === 'hello')!;
    const ev = result.evidence!;
    expect(ev.waited).toEqual({ ms: 0, source: 'the local emulator: its figures are there as soon as the run ends' });
    const fn = ev.functions[0];
    expect(fn.invocations).toEqual({ value: ledger.invocations, status: 'complete' });
    expect(fn.coldStarts).toEqual({ value: ledger.coldStarts, status: 'complete' });
    expect(ev.api?.dimensions).toEqual({ ApiId: 'lambdaload-emulator', Stage: '$default' });
    expect(ev.api?.count).toEqual({ value: ledger.invocations, status: 'complete' });
    expect(ev.api?.routes.map((r) => [r.route, r.count.value])).toEqual([['GET /hello', ledger.invocations]]);
    expect(ev.complete).toBe(true);

    const summary = renderRunSummary(result);
    expect(summary).toContain('Server side (CloudWatch');
    expect(summary).toMatch(new RegExp(`hello\\s+│?\\s*${ledger.invocations}\\b`));
    expect(summary).toMatch(/API Gateway: \d+ requests .* client p50 .* ⇒ network ≈/s);
    expect(summary).toContain(`routes, most called first: GET /hello ${ledger.invocations}`);
  }, 120_000);
});
