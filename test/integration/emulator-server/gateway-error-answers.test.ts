/**
 * What API Gateway answers when the function behind it fails, through `startEmulator` with the real Lambda service
 * (real runtime processes, test/fixtures/functions): the README's promise "502/500 for function errors, 504/503 for
 * integration timeouts", byte for byte as AWS answers (aws-facts §4.1 (b1) (b2) (c), §4.2; gateway-errors.ts):
 *
 * - a function error, a crash (the process exits), an init error and a function timeout: REST 502
 *   `{"message": "Internal server error"}` with `x-amzn-ErrorType: InternalServerErrorException`, HTTP API 500
 *   `{"message":"Internal Server Error"}`;
 * - the integration timeout (the function still running): REST 504 `{"message": "Endpoint request timed out"}`,
 *   HTTP API 503 `{"message":"Service Unavailable"}`.
 *
 * Timeouts are short to keep the file quick, with room for a slow cold start on a busy machine: the function timeout
 * (1 s) sits far below the first API's integration timeout (15 s), and the second API's integration timeout (1.5 s)
 * far below its function's timeout (60 s).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import type { ApiType, EmulatorTarget } from '../../../src/scenario/types.js';

const scenarioDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/functions');

const FUNCTION_ERROR = {
  rest: { status: 502, body: '{"message": "Internal server error"}', errorType: 'InternalServerErrorException' },
  http: { status: 500, body: '{"message":"Internal Server Error"}', errorType: null },
} as const;
const INTEGRATION_TIMEOUT = {
  rest: { status: 504, body: '{"message": "Endpoint request timed out"}' },
  http: { status: 503, body: '{"message":"Service Unavailable"}' },
} as const;

function failingFunctions(apiType: ApiType, integrationTimeout: EmulatorTarget['api']['integrationTimeout']): EmulatorTarget {
  return {
    type: 'emulator',
    api: { type: apiType, integrationTimeout },
    functions: {
      throws: { code: './node-errors', handler: 'index.throws' },
      exits: { code: './node-errors', handler: 'index.exits' },
      badInit: { code: './node-bad-import', handler: 'index.handler' },
      timesOut: { code: './node-errors', handler: 'index.hangs', timeout: '1s' },
      hangs: { code: './node-errors', handler: 'index.hangs', timeout: '60s' },
    },
    routes: [
      { method: 'GET', path: '/throws', function: 'throws' },
      { method: 'GET', path: '/exits', function: 'exits' },
      { method: 'GET', path: '/bad-init', function: 'badInit' },
      { method: 'GET', path: '/times-out', function: 'timesOut' },
      { method: 'GET', path: '/hangs', function: 'hangs' },
    ],
  };
}

interface Answer {
  status: number;
  body: string;
  errorType: string | null;
  contentType: string | null;
  start: string | null;
}

async function get(url: string): Promise<Answer> {
  const res = await fetch(url);
  return {
    status: res.status,
    body: await res.text(),
    errorType: res.headers.get('x-amzn-errortype'),
    contentType: res.headers.get('content-type'),
    start: res.headers.get('x-lambdaload-start'),
  };
}

describe.each(['rest', 'http'] as const)('%s API: a failing function behind the real Lambda service', (apiType) => {
  let emulator: RunningEmulator;
  const expected = FUNCTION_ERROR[apiType];

  beforeAll(async () => {
    emulator = await startEmulator(failingFunctions(apiType, '15s'), { scenarioDir });
  }, 60_000);
  afterAll(async () => {
    await emulator?.close();
  }, 60_000);

  it.each([
    ['a function error (the handler throws)', '/throws'],
    ['a crash (the process exits mid-invocation)', '/exits'],
    ['an init error (an import that fails)', '/bad-init'],
    ['a function timeout (killed at its own 1 s timeout)', '/times-out'],
  ])(`%s: ${expected.status} ${expected.body}`, async (_, route) => {
    const answer = await get(`${emulator.baseUrl}${route}`);
    expect(answer).toMatchObject({ status: expected.status, body: expected.body, errorType: expected.errorType, contentType: 'application/json' });
    // An invocation ran (and failed): the answer still carries its cold/warm evidence.
    expect(answer.start).toMatch(/^(cold|warm)/);
  }, 60_000);

  it('records each failure as an invocation with its outcome', async () => {
    const res = await fetch(`${emulator.url}/__lambdaload/invocations`);
    const { records } = (await res.json()) as { records: { functionName: string; outcome: string }[] };
    const outcomes = Object.fromEntries(records.map((r) => [r.functionName, r.outcome]));
    expect(outcomes).toEqual({ throws: 'function-error', exits: 'crash', badInit: 'init-error', timesOut: 'timeout' });
  });
});

describe.each(['rest', 'http'] as const)('%s API: the integration timeout', (apiType) => {
  let emulator: RunningEmulator;
  const expected = INTEGRATION_TIMEOUT[apiType];

  beforeAll(async () => {
    emulator = await startEmulator(failingFunctions(apiType, '1500ms'), { scenarioDir });
  }, 60_000);
  afterAll(async () => {
    await emulator?.close();
  }, 60_000);

  it(`a function still running at the integration timeout: ${expected.status} ${expected.body}`, async () => {
    const answer = await get(`${emulator.baseUrl}/hangs`);
    expect(answer).toMatchObject({ status: expected.status, body: expected.body, contentType: 'application/json' });
    // The gateway gave up on an invocation that had started: its evidence still rides on the answer. REST sets no
    // error type for a timeout.
    expect(answer.start).toMatch(/^cold/);
    expect(answer.errorType).toBeNull();
  }, 60_000);
});
