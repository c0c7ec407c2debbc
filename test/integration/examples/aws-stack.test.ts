/**
 * examples/aws-stack, the deployable sample stack: its SAM template names a handler file that exists and exports the
 * handler, with the routes and the runtime its scenarios use; each scenario loads through the real CLI with the stack's
 * outputs in the environment and is stopped before any request (a deployed target needs consent), printing its plan.
 * Deploying it needs an AWS account: the opt-in suite test/e2e/aws-stack.test.ts runs it for real.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt, ROOT, runCli } from '../cli/helpers.js';

const STACK = path.join(ROOT, 'examples', 'aws-stack');
const OUTPUTS = {
  LAMBDALOAD_STACK_REST_URL: 'https://abc123defg.execute-api.eu-west-1.amazonaws.com/Prod',
  LAMBDALOAD_STACK_HTTP_URL: 'https://xyz987abcd.execute-api.eu-west-1.amazonaws.com',
  LAMBDALOAD_STACK_FUNCTION: 'lambdaload-sample-hello',
  AWS_REGION: 'eu-west-1',
};

interface SamFunction {
  Type: string;
  Properties: { CodeUri: string; Handler: string; Runtime: string; MemorySize: number; Events: Record<string, { Type: string; Properties: { Path: string; Method: string } }> };
}

let fn: SamFunction;

beforeAll(async () => {
  await ensureBuilt();
  const template = parse(await readFile(path.join(STACK, 'template.yaml'), 'utf8')) as { Resources: Record<string, SamFunction> };
  fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Serverless::Function')!;
}, 150_000);

describe('examples/aws-stack', () => {
  it('deploys a handler that exists, wrapped with the cold/warm header, behind a REST and an HTTP API route', async () => {
    const [file, exported] = fn.Properties.Handler.split('.');
    const source = await readFile(path.join(STACK, fn.Properties.CodeUri, `${file}.mjs`), 'utf8');
    expect(source).toContain(`export const ${exported} = withStartHeader(`);
    expect(source).toContain("from 'lambdaload/wrapper'");
    const events = Object.values(fn.Properties.Events).map((e) => `${e.Type} ${e.Properties.Method} ${e.Properties.Path}`);
    expect(events.sort()).toEqual(['Api GET /hello', 'HttpApi GET /hello']);
    expect(fn.Properties.Runtime).toBe('nodejs22.x');
  });

  it.each(['rest.ts', 'http.ts', 'direct.ts'])('%s loads with the stack outputs and stops for consent before any request (exit 5)', async (scenario) => {
    const ran = await runCli(['run', path.join('examples', 'aws-stack', scenario)], OUTPUTS);
    expect(ran.code).toBe(5);
    expect(ran.stderr).toContain('is not on this machine; no request was sent');
    expect(ran.stderr).toContain('--allow-remote');
    if (scenario !== 'direct.ts') {
      // The function's memory in the scenario is the template's, so the plan prices the test as deployed.
      expect(ran.stderr).toContain(`each invocation at ${fn.Properties.MemorySize} MB`);
    }
  });

  it('says which stack output is missing', async () => {
    const ran = await runCli(['run', 'examples/aws-stack/rest.ts'], { ...OUTPUTS, LAMBDALOAD_STACK_REST_URL: '' });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain("LAMBDALOAD_STACK_REST_URL is not set: export it from the sample stack's outputs");
  });
});
