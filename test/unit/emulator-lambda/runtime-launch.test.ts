/** How a runtime process is started: command, heap flags and the environment Lambda sets (aws-facts §7.2). */
import { describe, expect, it } from 'vitest';
import { planLaunch, type LaunchContext } from '../../../src/emulator/lambda/runtime-launch.js';
import type { FunctionConfig } from '../../../src/emulator/lambda/types.js';

const fn: FunctionConfig = {
  name: 'hello',
  codeDir: '/srv/hello',
  handler: 'index.handler',
  runtime: 'nodejs22.x',
  memoryMb: 128,
  timeoutMs: 3_000,
  architecture: 'x86_64',
  environment: { MY_SETTING: 'on', AWS_LAMBDA_FUNCTION_NAME: 'spoofed', TZ: 'Europe/Paris' },
  provisionedConcurrency: 0,
  ephemeralStorageMb: 512,
  cpu: 'host',
};
const ctx: LaunchContext = {
  runtimeApi: '127.0.0.1:41234',
  region: 'eu-west-1',
  provisioned: false,
  logStreamName: '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
  invokeEndpointUrl: 'http://127.0.0.1:3000',
  pythonPath: '/usr/bin/python3',
  nodePath: '/usr/bin/node',
  pathVariable: '/usr/bin:/bin',
};

describe('planLaunch', () => {
  it("runs Node.js with AWS's heap flags for the memory size", () => {
    const plan = planLaunch(fn, ctx);
    expect(plan.command).toBe('/usr/bin/node');
    // 128 MB: new space 12, semi space 6, old space 116 (AWS's /var/runtime/bootstrap arithmetic).
    expect(plan.args).toContain('--max-semi-space-size=6');
    expect(plan.args).toContain('--max-old-space-size=116');
    expect(plan.args.at(-1)).toMatch(/runtimes\/node\/bootstrap\.mjs$/);
    expect(plan.cwd).toBe('/srv/hello');
    expect(planLaunch({ ...fn, memoryMb: 1024 }, ctx).args).toContain('--max-old-space-size=922');
  });

  it('sets the reserved variables over the function’s own, and keeps its other ones', () => {
    const { env } = planLaunch(fn, ctx);
    expect(env).toMatchObject({
      _HANDLER: 'index.handler',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_LAMBDA_FUNCTION_NAME: 'hello',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/hello',
      AWS_LAMBDA_LOG_STREAM_NAME: ctx.logStreamName,
      AWS_LAMBDA_RUNTIME_API: '127.0.0.1:41234',
      LAMBDA_TASK_ROOT: '/srv/hello',
      AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:3000',
      MY_SETTING: 'on',
      // TZ is unreserved: the function may set it.
      TZ: 'Europe/Paris',
      LANG: 'en_US.UTF-8',
      PATH: '/usr/bin:/bin',
    });
    expect(env.AWS_ACCESS_KEY_ID).toBeTruthy();
    expect(env.AWS_SECRET_ACCESS_KEY).toBeTruthy();
  });

  it('runs Python unbuffered and a custom runtime from its own bootstrap, without AWS_EXECUTION_ENV', () => {
    const py = planLaunch({ ...fn, runtime: 'python3.12', handler: 'app.handler' }, { ...ctx, provisioned: true });
    expect(py.command).toBe('/usr/bin/python3');
    expect(py.args[0]).toBe('-u');
    expect(py.env.AWS_LAMBDA_INITIALIZATION_TYPE).toBe('provisioned-concurrency');
    const custom = planLaunch({ ...fn, runtime: 'provided.al2023' }, ctx);
    expect(custom.command).toBe('/srv/hello/bootstrap');
    expect(custom.env.AWS_EXECUTION_ENV).toBeUndefined();
    const noEndpoint = planLaunch(fn, { ...ctx, invokeEndpointUrl: undefined });
    expect(noEndpoint.env.AWS_ENDPOINT_URL_LAMBDA).toBeUndefined();
  });
});
