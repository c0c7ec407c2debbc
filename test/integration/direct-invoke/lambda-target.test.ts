/**
 * The `lambda` target end to end against lambdaload's own emulator, through the real `@aws-sdk/client-lambda`:
 * the lookups (GetFunctionConfiguration, GetFunctionConcurrency, GetAccountSettings served by the emulator's
 * control-api) land in the resolved target; every Invoke's REPORT tail gives cold/warm and the invocation totals,
 * which must equal the emulator's own records; throttles are counted once, never retried by the SDK; an IAM refusal
 * names its action. The SDK signs with fake credentials from the environment, as the README tells users to do.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GetAccountSettingsCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListProvisionedConcurrencyConfigsCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFakeAwsEnv } from '../../support/aws-env.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { DENY_ENV } from '../../../src/emulator/lambda/control-api.js';
import { isLambdaloadError } from '../../../src/errors.js';
import type { InvocationRecord } from '../../../src/records/invocation.js';
import { run } from '../../../src/run/run.js';
import type { Phase, RequestSpec, Scenario } from '../../../src/scenario/types.js';

const FUNCTIONS = fileURLToPath(new URL('../../fixtures/functions/', import.meta.url));
const ENV_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_LAMBDA', DENY_ENV, 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED'];

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator(
    {
      type: 'emulator',
      invoke: 'direct',
      functionName: 'hello',
      accountConcurrency: 900,
      spareRuntimes: 0,
      functions: {
        hello: { code: path.join(FUNCTIONS, 'node-esm'), handler: 'index.handler', memoryMb: 256, timeout: '7s', architecture: 'arm64', ephemeralStorageMb: 1024, reservedConcurrency: 5 },
        sleeper: { code: path.join(FUNCTIONS, 'node-esm'), handler: 'index.sleep', reservedConcurrency: 1, timeout: '10s' },
        boom: { code: path.join(FUNCTIONS, 'node-errors'), handler: 'index.throws' },
        warm: { code: path.join(FUNCTIONS, 'node-esm'), handler: 'index.handler', provisionedConcurrency: 1 },
      },
    },
    { scenarioDir: FUNCTIONS, region: 'us-east-1' },
  );
}, 60_000);

afterAll(async () => {
  await emulator?.close();
});

useFakeAwsEnv(ENV_KEYS);

function scenario(functionName: string, phases: Phase[], requests: RequestSpec[] = [{ json: { n: '{{seq}}' } }]): Scenario {
  return { name: `direct-${functionName}`, target: { type: 'lambda', functionName, region: 'us-east-1', endpoint: emulator.url }, phases, requests };
}

/** The emulator's own records of one function, as its recent-records ring keeps them. */
function recordsOf(functionName: string): InvocationRecord[] {
  return emulator.lambda.recentRecords().records.filter((r) => r.functionName === functionName);
}

/** Nearest rank, as the result computes it, over values rounded to REPORT's 2 decimals. */
function percentile(values: number[], p: number): number {
  const sorted = values.map((v) => Number(v.toFixed(2))).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

describe('the emulator’s control API, read by the SDK’s own commands', () => {
  const client = () => new LambdaClient({ endpoint: emulator.url, region: 'us-east-1', maxAttempts: 1 });

  it('GetFunctionConfiguration, GetFunctionConcurrency, ListProvisionedConcurrencyConfigs and GetAccountSettings answer in the SDK’s shapes', async () => {
    const lambda = client();
    try {
      const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'arn:aws:lambda:us-east-1:012345678912:function:hello', Qualifier: '$LATEST' }));
      expect(config).toMatchObject({ FunctionName: 'hello', MemorySize: 256, Timeout: 7, Architectures: ['arm64'], Runtime: 'nodejs22.x', Handler: 'index.handler', EphemeralStorage: { Size: 1024 }, Version: '$LATEST', State: 'Active' });
      expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'sleeper' }))).ReservedConcurrentExecutions).toBe(1);
      expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'boom' }))).ReservedConcurrentExecutions).toBeUndefined();
      const provisioned = await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'warm' }));
      expect(provisioned.ProvisionedConcurrencyConfigs).toEqual([
        expect.objectContaining({ FunctionArn: 'arn:aws:lambda:us-east-1:012345678912:function:warm:$LATEST', AllocatedProvisionedConcurrentExecutions: 1, RequestedProvisionedConcurrentExecutions: 1, Status: 'READY' }),
      ]);
      expect((await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'hello' }))).ProvisionedConcurrencyConfigs).toEqual([]);
      const account = await lambda.send(new GetAccountSettingsCommand({}));
      // 900 − (5 + 1) reserved.
      expect(account.AccountLimit).toEqual({ ConcurrentExecutions: 900, UnreservedConcurrentExecutions: 894 });
      expect(account.AccountUsage).toEqual({ FunctionCount: 4 });
    } finally {
      lambda.destroy();
    }
  });

  it('an unknown function or a version the emulator does not have: ResourceNotFoundException', async () => {
    const lambda = client();
    try {
      for (const input of [{ FunctionName: 'nope' }, { FunctionName: 'hello', Qualifier: '7' }]) {
        const error = await lambda.send(new GetFunctionConfigurationCommand(input)).catch((e: unknown) => e);
        expect(error).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
      }
    } finally {
      lambda.destroy();
    }
  });
});

describe('lambda target: lookups', () => {
  it('fills memory, timeout, architecture, runtime, /tmp, reserved and account concurrency from the emulator’s control API', async () => {
    const result = await run({ scenario: scenario('hello', [{ type: 'closed', duration: '300ms', connections: 1 }]), seed: 1 });
    const target = result.scenario.target;
    expect(target.type).toBe('lambda');
    expect(target.invoke).toEqual({ functionName: 'hello', endpoint: emulator.url, functionArn: 'arn:aws:lambda:us-east-1:012345678912:function:hello' });
    expect(target.functions[0]).toMatchObject({ name: 'hello', memoryMb: 256, timeoutMs: 7_000, architecture: 'arm64', runtime: 'nodejs22.x', ephemeralStorageMb: 1024, reservedConcurrency: 5 });
    expect(target.accountConcurrency).toBe(900);
    expect(target.api).toBeUndefined();
    const sources = Object.fromEntries(target.defaults.map((d) => [d.path, d.source]));
    expect(sources['target.memoryMb']).toBe('AWS lookup: lambda:GetFunctionConfiguration');
    expect(sources['target.architecture']).toBe('AWS lookup: lambda:GetFunctionConfiguration');
    expect(sources['target.reservedConcurrency']).toBe('AWS lookup: lambda:GetFunctionConcurrency');
    expect(sources['target.accountConcurrency']).toBe('AWS lookup: lambda:GetAccountSettings');
    expect(target.functions[0]!.provisionedConcurrency).toBe(0);
    expect(sources['target.provisionedConcurrency']).toBe('AWS lookup: lambda:ListProvisionedConcurrencyConfigs (none on $LATEST)');
    expect(target.url).toBe(`${emulator.url}#hello`);
    // Priced as Lambda alone: no API Gateway line.
    const items = result.cost!.run.estimate.lines.map((l) => l.item);
    expect(items.some((item) => /lambda/i.test(item))).toBe(true);
    expect(items.filter((item) => /api|gateway/i.test(item))).toEqual([]);
  }, 60_000);

  it('provisioned concurrency of the version the run invokes, from ListProvisionedConcurrencyConfigs, priced in the projection', async () => {
    const result = await run({ scenario: scenario('warm', [{ type: 'closed', duration: '300ms', connections: 1 }]), seed: 1 });
    const target = result.scenario.target;
    expect(target.functions[0]).toMatchObject({ name: 'warm', provisionedConcurrency: 1 });
    const sources = Object.fromEntries(target.defaults.map((d) => [d.path, d.source]));
    expect(sources['target.provisionedConcurrency']).toBe('AWS lookup: lambda:ListProvisionedConcurrencyConfigs on $LATEST');
    expect(result.cost!.run.basis.functions[0]).toMatchObject({ name: 'warm', provisionedEnvironments: 1 });
  }, 60_000);

  it.each(['lambda:GetFunctionConfiguration', 'lambda:GetFunctionConcurrency', 'lambda:ListProvisionedConcurrencyConfigs', 'lambda:GetAccountSettings'])(
    'AccessDenied on %s becomes AWS_ACCESS_DENIED naming the action, the function and the grant; no Invoke is sent',
    async (action) => {
      process.env[DENY_ENV] = action;
      const before = recordsOf('hello').length;
      const error = await run({ scenario: scenario('hello', [{ type: 'closed', duration: '300ms', connections: 1 }]) }).catch((e: unknown) => e);
      expect(isLambdaloadError(error) && error.code).toBe('AWS_ACCESS_DENIED');
      const e = error as Error & { hint?: string; exitCode: number };
      expect(e.message).toContain(`${action} was denied on`);
      expect(e.message).toMatch(action === 'lambda:GetFunctionConfiguration' ? /on hello \(us-east-1\)/ : /arn:aws:lambda:us-east-1:012345678912:function:hello/);
      expect(e.hint).toContain(`Grant ${action}`);
      expect(e.exitCode).toBe(4);
      expect(recordsOf('hello').length).toBe(before);
    },
    60_000,
  );

  it('no credentials anywhere in the SDK default chain: AWS_CREDENTIALS_MISSING naming the chain', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_CONFIG_FILE = path.join(FUNCTIONS, 'no-such-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(FUNCTIONS, 'no-such-credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    const error = await run({ scenario: scenario('hello', [{ type: 'closed', duration: '300ms', connections: 1 }]) }).catch((e: unknown) => e);
    expect(isLambdaloadError(error) && error.code).toBe('AWS_CREDENTIALS_MISSING');
    expect((error as { hint?: string }).hint).toContain('AWS_ACCESS_KEY_ID');
  }, 60_000);

  it('a function that does not exist: LAMBDA_FUNCTION_NOT_FOUND', async () => {
    const error = await run({ scenario: scenario('nope', [{ type: 'closed', duration: '300ms', connections: 1 }]) }).catch((e: unknown) => e);
    expect(isLambdaloadError(error) && error.code).toBe('LAMBDA_FUNCTION_NOT_FOUND');
  }, 60_000);
});

describe('lambda target: evidence from the REPORT tails', () => {
  it('cold starts and Init Duration percentiles equal the emulator’s own records exactly', async () => {
    const before = new Set(recordsOf('hello').map((r) => r.requestId));
    // Four connections from nothing: up to four cold starts, then warm invocations on the same environments.
    const result = await run({ scenario: scenario('hello', [{ type: 'closed', duration: '2s', connections: 4 }]), seed: 2 });
    const records = recordsOf('hello').filter((r) => !before.has(r.requestId));
    const cold = records.filter((r) => r.cold);
    expect(cold.length).toBeGreaterThan(0);
    expect(result.requests.completed).toBe(records.length);
    expect(result.labelSources).toEqual({ 'report-tail': records.length });
    expect(result.coldStarts.count).toBe(cold.length);
    const summary = result.lambda!;
    expect(summary.source).toBe('report-tail');
    expect(summary.invocations).toBe(records.length);
    expect(summary.coldStarts).toBe(cold.length);
    expect(summary.reportsMissing).toBe(0);
    const inits = cold.map((r) => r.initMs!);
    expect(summary.functions[0]!.initMs).toEqual({ count: inits.length, p50Ms: percentile(inits, 50), p90Ms: percentile(inits, 90), p99Ms: percentile(inits, 99), maxMs: percentile(inits, 100) });
    // Billed duration as REPORT says it, summed: the cost basis.
    expect(summary.billedMsTotal).toBe(records.reduce((n, r) => n + r.billedMs, 0));
    expect(summary.maxMemoryUsedMb).toBe(Math.max(...records.map((r) => r.maxMemoryUsedMb)));
    expect(result.warnings.map((w) => w.code)).not.toContain('REPORT_TAIL_MISSING');
  }, 90_000);

  it('throttles (reserved concurrency 1 under 4 connections) are counted as throttles and never retried', async () => {
    const before = emulator.lambda.totals().functions.find((f) => f.functionName === 'sleeper');
    const sentBefore = (before?.invocations ?? 0) + (before?.outcomes.throttled ?? 0);
    const result = await run({ scenario: scenario('sleeper', [{ type: 'closed', duration: '1500ms', connections: 4 }], [{ json: { ms: 150 } }]), seed: 3 });
    const after = emulator.lambda.totals().functions.find((f) => f.functionName === 'sleeper')!;
    const throttled = (after.outcomes.throttled ?? 0) - (before?.outcomes.throttled ?? 0);
    expect(throttled).toBeGreaterThan(0);
    // Every request the engine sent reached the emulator exactly once: maxAttempts 1, no SDK retry.
    expect(after.invocations + (after.outcomes.throttled ?? 0) - sentBefore).toBe(result.engine.sent);
    expect(result.requests.completed).toBe(result.engine.sent);
    expect(result.lambda!.throttles).toBe(throttled);
    expect(result.statusCodes['429']).toBe(throttled);
    const kinds = result.errorKinds.requests.filter((k) => k.kind === 'TooManyRequestsException');
    expect(kinds.map((k) => [k.source, k.count])).toEqual([['lambda', throttled]]);
    expect(result.errorKinds.functions).toContainEqual(expect.objectContaining({ function: 'sleeper', errorType: 'TooManyRequestsException', count: throttled }));
  }, 90_000);

  it('open model: every scheduled arrival is one Invoke, latency from its intended time, the event expanded per request', async () => {
    const before = new Set(recordsOf('hello').map((r) => r.requestId));
    const result = await run({ scenario: scenario('hello', [{ type: 'constant', duration: '1s', rate: 20 }], [{ name: 'echo', json: { n: '{{seq}}' }, expect: { bodyContains: '"echo":{"n":"' } }]), seed: 5 });
    const records = recordsOf('hello').filter((r) => !before.has(r.requestId));
    expect(result.engine).toMatchObject({ scheduled: 20, sent: 20, dropped: 0 });
    // Throttled ones included: hello reserves 5 environments, and slow cold starts on a busy machine may need more.
    expect(records).toHaveLength(20);
    expect(result.requests.completed).toBe(20);
    expect(result.requests.errors).toBe(records.filter((r) => r.outcome === 'throttled').length);
    expect(result.requests.errors).toBe(result.lambda!.throttles);
    expect(result.scenario.requests).toEqual([{ name: 'echo', method: 'INVOKE', path: 'hello', weight: 1 }]);
    // Latency counts from the intended time, so it is never below the service time.
    expect(result.latency.overall.all.maxMs).toBeGreaterThanOrEqual(result.serviceTime.overall.all.maxMs);
  }, 60_000);

  it('a function error (X-Amz-Function-Error) is an error of its errorType, from the request and the function side', async () => {
    const result = await run({ scenario: scenario('boom', [{ type: 'closed', duration: '500ms', connections: 1 }]), seed: 4 });
    const n = result.requests.completed;
    expect(n).toBeGreaterThan(0);
    expect(result.requests.errors).toBe(n);
    expect(result.statusCodes).toEqual({ '200': n });
    expect(result.errorKinds.requests).toEqual([expect.objectContaining({ source: 'lambda', kind: 'Error', count: n, example: 'boom' })]);
    expect(result.errorKinds.functions).toEqual([expect.objectContaining({ function: 'boom', errorType: 'Error', count: n })]);
    expect(result.lambda!.functionErrors).toBe(n);
  }, 60_000);
});
