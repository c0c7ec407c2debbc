/**
 * Opt-in end-to-end suite against a real AWS account: the sample stack (examples/aws-stack) deployed, its outputs in
 * the environment (README: Trying it on AWS), credentials in the SDK's default chain, and LAMBDALOAD_E2E=1. It sends a
 * few thousand requests (cents) and reads CloudWatch. Everywhere else it is skipped with the reason printed; the local
 * suite proves the same paths against the emulator's AWS endpoints.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, readResult, runCli } from '../integration/cli/helpers.js';

const NEEDED = ['LAMBDALOAD_STACK_REST_URL', 'LAMBDALOAD_STACK_HTTP_URL', 'LAMBDALOAD_STACK_FUNCTION', 'AWS_REGION'] as const;
const missing = NEEDED.filter((name) => !process.env[name]);
const enabled = process.env.LAMBDALOAD_E2E === '1' && missing.length === 0;
if (!enabled) {
  const why = process.env.LAMBDALOAD_E2E !== '1' ? 'LAMBDALOAD_E2E is not 1' : `missing ${missing.join(', ')}`;
  console.warn(`test/e2e/aws-stack.test.ts skipped: ${why} (it runs against a deployed examples/aws-stack)`);
}

describe.runIf(enabled)('against the deployed sample stack', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(path.join(os.tmpdir(), 'lambdaload-e2e-'));
  }, 150_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['rest.ts', 'http.ts'])('%s: every request labelled by the wrapper; CloudWatch counts the same cold starts', async (scenario) => {
    const out = path.join(dir, `${scenario}.json`);
    const ran = await runCli(['run', `examples/aws-stack/${scenario}`, '--allow-remote', '--quiet', '--out', out], {}, 15 * 60_000);
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    expect(result.labelSources['wrapper-header']).toBe(result.requests.completed);
    // API discovery: every route of the stack's API leads to its one function, whose memory was read from Lambda.
    const target = result.scenario.target;
    expect(target.routes.length).toBeGreaterThan(0);
    expect(target.routes.every((r) => r.function === process.env.LAMBDALOAD_STACK_FUNCTION)).toBe(true);
    expect(target.functions[0]).toMatchObject({ memoryMb: 512, runtime: 'nodejs22.x' });
    const evidence = result.evidence!;
    const fn = evidence.functions[0]!;
    expect(fn.invocations.value).toBeGreaterThanOrEqual(result.requests.completed);
    // Every environment the run started answered one request cold; CloudWatch's Init Durations count the same ones
    // (more only if other traffic reached the function within the window).
    if (fn.coldStarts.status === 'complete') expect(fn.coldStarts.value).toBeGreaterThanOrEqual(result.coldStarts.count);
    expect(result.cost?.run.costPerMillionUsd).toBeGreaterThan(0);
  }, 20 * 60_000);

  it('direct.ts: cold and warm from each Invoke REPORT tail', async () => {
    const out = path.join(dir, 'direct.json');
    const ran = await runCli(['run', 'examples/aws-stack/direct.ts', '--allow-remote', '--quiet', '--out', out], {}, 10 * 60_000);
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    expect(result.labelSources['report-tail']).toBe(result.requests.completed);
    expect(result.scenario.target.functions[0]).toMatchObject({ memoryMb: 512, runtime: 'nodejs22.x' });
  }, 15 * 60_000);
});
