/**
 * Where a run's cold/warm labels come from, as the README promises: a `url` target's labels come from the
 * `x-lambdaload-start` header that lambdaload's wrapper sets (source `wrapper-header`), and requests without evidence
 * are labelled unknown with a COLD_WARM_UNLABELLED warning worded for the target type. The real CLI, a real
 * `node:http` server that answers the way the wrapper does, and the real emulator.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readResult, runCli, startTarget, useCliWorkspace, type TestTarget } from './helpers.js';

const URL_SCENARIO = 'test/fixtures/cli/url-target.ts';
const ws = useCliWorkspace('evidence');

let server: TestTarget | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a url target: cold/warm from the wrapper header', () => {
  it('labels every request from the header (source wrapper-header) and counts the one cold start with its INIT', async () => {
    server = await startTarget((n) => (n === 1 ? 'cold; init-ms=120.0; env=e-1' : 'warm; env=e-1'));
    const out = path.join(ws.dir, 'wrapper-header.json');
    const ran = await runCli(['run', URL_SCENARIO, '--quiet', '--out', out], { LAMBDALOAD_TEST_URL: server.url }, 60_000);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    // 1 s at 20 req/s.
    expect(result.requests.completed).toBe(20);
    expect(server.received).toBe(20);
    expect(result.labelSources).toEqual({ 'wrapper-header': 20 });
    expect(result.coldStarts.count).toBe(1);
    expect(result.coldStarts.initMs.p50Ms).toBeCloseTo(120, 0);
    expect(result.warnings.map((w) => w.code)).not.toContain('COLD_WARM_UNLABELLED');
  }, 90_000);

  it('without the header: every request unknown, and COLD_WARM_UNLABELLED says how many and how to get evidence', async () => {
    server = await startTarget(() => undefined);
    const out = path.join(ws.dir, 'no-header.json');
    const ran = await runCli(['run', URL_SCENARIO, '--quiet', '--out', out], { LAMBDALOAD_TEST_URL: server.url }, 60_000);
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    expect(result.requests.completed).toBe(20);
    expect(result.labelSources).toEqual({ none: 20 });
    expect(result.coldStarts.count).toBe(0);
    const warning = result.warnings.find((w) => w.code === 'COLD_WARM_UNLABELLED');
    expect(warning?.message).toBe(
      "20 requests carry no x-lambdaload-start header: labelled unknown (wrap the handler with lambdaload's wrapper, or wait for REPORT-log evidence)",
    );
  }, 90_000);
});

describe('the emulator: requests no invocation answered', () => {
  it('an unknown route gets no evidence: COLD_WARM_UNLABELLED in the emulator wording, with the count', async () => {
    const out = path.join(ws.dir, 'unknown-route.json');
    const ran = await runCli(['run', 'test/fixtures/cli/emulator-unknown-route.ts', '--quiet', '--out', out], {}, 90_000);
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    // 1 s at 5 req/s, each answered 404 by the gateway itself.
    expect(result.requests.completed).toBe(5);
    expect(result.statusCodes).toEqual({ '404': 5 });
    expect(result.labelSources).toEqual({ none: 5 });
    expect(result.emulator).toMatchObject({ invocations: 0 });
    const warning = result.warnings.find((w) => w.code === 'COLD_WARM_UNLABELLED');
    expect(warning?.message).toBe(
      '5 requests got no cold/warm evidence (no invocation behind them: throttled, unknown route, or network error): labelled unknown',
    );
  }, 120_000);
});
