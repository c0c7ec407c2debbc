/**
 * Direct invoke as a user meets it, through the real CLI: the example scenario on the local emulator with no AWS
 * account (cold/warm from the REPORT tails, matching the emulator's own ledger), and the consent gate in front of a
 * Lambda endpoint beyond this machine (exit 5, the plan printed, no call made, the lookups included).
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedPort, readResult, runCli, useCliWorkspace } from '../cli/helpers.js';

const AWS_TARGET = 'test/integration/direct-invoke/fixtures/aws-lambda.ts';
const ws = useCliWorkspace('direct-invoke');
const exists = (file: string) => access(file).then(() => true, () => false);
/** No endpoint from the environment: the SDK would reach AWS. */
const NO_ENDPOINT_ENV = { AWS_ENDPOINT_URL_LAMBDA: '', AWS_ENDPOINT_URL: '', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };

describe('lambdaload run: direct invoke', () => {
  it('runs scenarios/direct-invoke.ts on the emulator: every invoke labelled from its REPORT tail, cold starts as the emulator counted them', async () => {
    const out = path.join(ws.dir, 'example.json');
    const ran = await runCli(['run', 'scenarios/direct-invoke.ts', '--quiet', '--out', out], {}, 180_000);
    // (On Node 20 the AWS SDK itself warns that its 2027 releases need Node 22: its warning, left as it is.)
    expect(ran.stderr).not.toContain('✗');
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    expect(result.scenario.target).toMatchObject({ type: 'emulator', invoke: { functionName: 'hello' }, routes: [] });
    expect(result.scenario.target.api).toBeUndefined();
    expect(result.scenario.requests).toEqual([{ name: 'hello', method: 'INVOKE', path: 'hello', weight: 1 }]);
    expect(result.requests.errors).toBe(0);
    expect(result.labelSources).toEqual({ 'report-tail': result.requests.completed });
    expect(result.emulator!.invocations).toBe(result.requests.completed);
    expect(result.coldStarts.count).toBe(result.emulator!.coldStarts);
    expect(result.coldStarts.initMs.count).toBe(result.emulator!.functions[0]!.initMs!.count);
    // Lambda alone is priced: no API Gateway in front.
    expect(result.cost!.run.estimate.lines.map((l) => l.item).filter((item) => /api|gateway/i.test(item))).toEqual([]);
  }, 200_000);

  it('exit 5 for a lambda target on AWS’s endpoint without --allow-remote: the plan, no call, no result', async () => {
    const out = path.join(ws.dir, 'aws.json');
    const ran = await runCli(['run', AWS_TARGET, '--quiet', '--out', out], NO_ENDPOINT_ENV);
    expect(ran.code).toBe(5);
    expect(ran.stderr).toContain('the target https://lambda.eu-west-1.amazonaws.com (Invoke orders:live) is not on this machine; no request was sent');
    expect(ran.stderr).toContain('peak 20 req/s · 200 requests');
    expect(ran.stderr).toContain('--allow-remote');
    expect(await exists(out)).toBe(false);
  });

  it('exit 5 when AWS_ENDPOINT_URL_LAMBDA points beyond this machine; none when it is loopback (then the lookups run)', async () => {
    const remote = await runCli(['run', AWS_TARGET, '--quiet'], { ...NO_ENDPOINT_ENV, AWS_ENDPOINT_URL_LAMBDA: 'https://lambda.example.com' });
    expect(remote.code).toBe(5);
    expect(remote.stderr).toContain('the target https://lambda.example.com (Invoke orders:live) is not on this machine');
    // Loopback: no consent asked; the lookups find nothing listening there (exit 4, not 5).
    const local = await runCli(['run', AWS_TARGET, '--quiet'], { ...NO_ENDPOINT_ENV, AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${await closedPort()}` });
    expect(local.code).toBe(4);
    expect(local.stderr).toContain('lambda:GetFunctionConfiguration on orders:live (eu-west-1) failed');
  });
});
