/**
 * The metrics come in whole minutes; the REPORT lines must cover the same minutes, or other traffic to the function
 * in those minutes, just before the run, would make Invocations exceed the REPORT lines and every figure read from
 * them look incomplete ("logs not all arrived") when nothing is missing. A local emulator stands in for the deployed
 * API and for CloudWatch; a few requests reach it just before the run.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_API_NAME } from '../../../src/cloudwatch/queries.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import type { RunResult } from '../../../src/result/types.js';
import { run } from '../../../src/run/run.js';
import { pointCloudWatchAt } from './point-sdk.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const BEFORE = 3;

let emulator: RunningEmulator;
let result: RunResult;
let beforeAtMs: number;
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  emulator = await startEmulator(
    { type: 'emulator', api: { type: 'rest', stage: 'dev' }, functions: { hello: { code: './gateway', handler: 'hello.handler' } }, routes: [{ method: 'GET', path: '/hello', function: 'hello' }] },
    { scenarioDir: fixtures, region: 'us-east-1' },
  );
  restoreEnv = pointCloudWatchAt(emulator.url);
  beforeAtMs = Date.now();
  for (let i = 0; i < BEFORE; i++) await (await fetch(`${emulator.baseUrl}/hello`)).text();
  // A second apart, so the run starts in a later second than the traffic before it.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  result = await run({
    cwd: fixtures,
    seed: 5,
    scenario: {
      name: 'minute-window',
      target: { type: 'url', url: emulator.baseUrl, api: { type: 'rest' } },
      phases: [{ type: 'constant', duration: '1s', rate: 10 }],
      requests: [{ path: '/hello' }],
      evidence: { source: 'cloudwatch', api: { name: EMULATOR_API_NAME, stage: 'dev' }, functions: ['hello'], routes: [{ method: 'GET', path: '/hello', function: 'hello' }], wait: '0s' },
    },
  });
}, 120_000);

afterAll(async () => {
  restoreEnv?.();
  await emulator?.close();
});

describe('CloudWatch evidence over whole minutes', () => {
  it('reads the REPORT lines of the metrics’ minutes: traffic just before the run is in both, and nothing is incomplete', () => {
    const fn = result.evidence!.functions[0];
    const sameMinute = Math.floor(beforeAtMs / 60_000) === Math.floor(Date.parse(result.timing.startedAt) / 60_000);
    expect(fn.invocations).toEqual({ value: result.requests.completed + (sameMinute ? BEFORE : 0), status: 'complete' });
    expect(fn.reportLines).toEqual({ value: fn.invocations.value, status: 'complete' });
    expect(result.evidence!.notes).toEqual([]);
    expect(result.evidence!.complete).toBe(true);
    expect(result.warnings.map((w) => w.code)).not.toContain('EVIDENCE_INCOMPLETE');
  });
});
