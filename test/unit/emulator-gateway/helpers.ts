/**
 * Test helpers: AWS sample events from test/fixtures/aws-events, gateway configs, and a fake Lambda service.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmulatorApiSpec, RouteSpec } from '../../../src/scenario/types.js';
import { resolveGatewayConfig, type ResolvedGateway } from '../../../src/emulator/gateway/config.js';
import { targetProblems } from '../../../src/scenario/validate-target.js';
import { resolveTarget } from '../../../src/target/resolve.js';
import type { GatewayRequest, RequestStamp } from '../../../src/emulator/gateway/types.js';
import type { InvokeOptions, InvokeResult, LambdaService } from '../../../src/emulator/lambda/types.js';
import type { InvocationRecord } from '../../../src/records/invocation.js';

/** Verbatim copies of AWS / Powertools sample events, with their provenance in `SOURCES.md` there. */
export const EVENTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/aws-events');

export function loadFixture<T = Record<string, any>>(relative: string): T {
  return JSON.parse(readFileSync(path.join(EVENTS_DIR, relative), 'utf8')) as T;
}

/** Resolves a gateway for tests; fails the test on any config problem. */
export function gatewayFor(api: EmulatorApiSpec, routes: RouteSpec[]): ResolvedGateway {
  const functions = Object.fromEntries(routes.map((r) => [r.function, { handler: 'index.handler' }]));
  const target = { type: 'emulator' as const, api, functions, routes };
  const problems = targetProblems(target);
  const resolved = problems.length === 0 ? resolveGatewayConfig(resolveTarget(target), problems) : undefined;
  if (!resolved || problems.length > 0) throw new Error(problems.join('\n'));
  return resolved;
}

export function request(over: Partial<GatewayRequest> & { headers?: Record<string, string | string[]> }): GatewayRequest {
  const rawHeaders: string[] = [];
  for (const [name, value] of Object.entries(over.headers ?? { Host: 'abc123defg.execute-api.us-east-1.amazonaws.com' })) {
    for (const v of Array.isArray(value) ? value : [value]) rawHeaders.push(name, v);
  }
  return {
    method: 'GET',
    rawPath: '/',
    rawQuery: '',
    rawHeaders,
    body: Buffer.alloc(0),
    sourceIp: '192.0.2.1',
    protocol: 'HTTP/1.1',
    localPort: 3000,
    ...over,
  };
}

export const STAMP_REST: RequestStamp = {
  requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  extendedRequestId: 'ZhDrKF5dDoEEHfA=',
  traceId: 'Root=1-66704cad-0fbaf1491365339d168b2a7d',
  timeEpochMs: 1718635693506,
};
export const STAMP_HTTP: RequestStamp = { ...STAMP_REST, requestId: 'ZhDrKF5dDoEEHfA=' };

export function record(over: Partial<InvocationRecord> = {}): InvocationRecord {
  return {
    requestId: 'lambda-req-1',
    functionName: 'fn',
    environmentId: 'env-1',
    cold: false,
    provisioned: false,
    startedAtMs: 0,
    durationMs: 1.2,
    billedMs: 2,
    memoryMb: 128,
    maxMemoryUsedMb: 40,
    outcome: 'success',
    ...over,
  };
}

export interface FakeLambda extends Pick<LambdaService, 'invoke'> {
  calls: { functionName: string; payload: Buffer; options?: InvokeOptions }[];
  /** What the next invocations return (the last one repeats). */
  results: Array<Partial<InvokeResult> & { payloadJson?: unknown }>;
}

/** A hand-written LambdaService stand-in: records calls and answers from `results`. */
export function fakeLambda(...results: FakeLambda['results']): FakeLambda {
  const fake: FakeLambda = {
    calls: [],
    results,
    async invoke(functionName, payload, options) {
      fake.calls.push({ functionName, payload, options });
      const next = fake.results.length > 1 ? fake.results.shift()! : fake.results[0];
      const { payloadJson, ...rest } = next;
      return {
        payload: payloadJson === undefined ? (rest.payload ?? Buffer.alloc(0)) : Buffer.from(JSON.stringify(payloadJson)),
        record: rest.record ?? record(),
        logTail: '',
        waitTimedOut: rest.waitTimedOut,
      };
    },
  };
  return fake;
}

/** Header value by case-insensitive name from an alternating list; all values joined by `\n`. */
export function header(headers: readonly string[], name: string): string | undefined {
  const values: string[] = [];
  for (let i = 0; i < headers.length; i += 2) if (headers[i].toLowerCase() === name.toLowerCase()) values.push(headers[i + 1]);
  return values.length ? values.join('\n') : undefined;
}
