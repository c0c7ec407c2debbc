/**
 * The emulator's CloudWatch front through the real SDK client, for what a run's evidence test does not reach: an
 * invocation whose API Gateway integration timed out (the caller stopped waiting, the function ran on) is counted
 * once its REPORT line comes, as on AWS; the 504 is a 5XXError; its IntegrationLatency is the wait up to the timeout.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_API_NAME } from '../../../src/cloudwatch/queries.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { eventually } from '../../support/processes.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator(
    {
      type: 'emulator',
      api: { type: 'rest', stage: 'dev', integrationTimeout: '100ms' },
      functions: { slow: { code: './gateway', handler: 'slow.handler', timeout: '10s' } },
      routes: [{ method: 'GET', path: '/slow', function: 'slow' }],
    },
    { scenarioDir: fixtures, region: 'us-east-1' },
  );
}, 60_000);
afterAll(async () => emulator?.close());

describe('emulator CloudWatch: an integration timeout', () => {
  it('counts the invocation when its REPORT line comes, and the 504 as a 5XXError', async () => {
    const startMs = Date.now();
    const res = await fetch(`${emulator.baseUrl}/slow`);
    await res.text();
    expect(res.status).toBe(504);
    expect(await eventually(() => emulator.lambda.recentRecords().records.length === 1, 30_000)).toBe(true);

    const client = new CloudWatchClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const stat = (Id: string, Namespace: string, MetricName: string, dims: Record<string, string>, Stat: string) => ({
      Id,
      MetricStat: { Metric: { Namespace, MetricName, Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })) }, Period: 600, Stat },
    });
    const api = { ApiName: EMULATOR_API_NAME, Stage: 'dev' };
    const out = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(startMs - 60_000),
        EndTime: new Date(startMs + 540_000),
        MetricDataQueries: [
          stat('inv', 'AWS/Lambda', 'Invocations', { FunctionName: 'slow' }, 'Sum'),
          stat('dur', 'AWS/Lambda', 'Duration', { FunctionName: 'slow' }, 'Maximum'),
          stat('e5', 'AWS/ApiGateway', '5XXError', api, 'Sum'),
          stat('il', 'AWS/ApiGateway', 'IntegrationLatency', api, 'Maximum'),
        ],
      }),
    );
    const value = (id: string) => out.MetricDataResults?.find((r) => r.Id === id)?.Values;
    expect(value('inv')).toEqual([1]);
    expect(value('dur')![0]).toBeGreaterThanOrEqual(1_400);
    expect(value('e5')).toEqual([1]);
    expect(value('il')![0]).toBeGreaterThanOrEqual(100);
    expect(value('il')![0]).toBeLessThan(value('dur')![0]);
    expect(out.MetricDataResults?.every((r) => r.StatusCode === 'Complete')).toBe(true);
  }, 60_000);
});
