import { describe, expect, it } from 'vitest';
import { classifyError, EXAMPLE_MAX_CHARS, gatewayMessageOf } from '../../../src/measure/classify-error.js';
import { GATEWAY_ERRORS } from '../../../src/emulator/gateway/gateway-errors.js';
import type { Sample } from '../../../src/records/sample.js';

type Seen = Pick<Sample, 'status' | 'errorCode' | 'expectationFailed' | 'failedCheck' | 'errorBody'>;
const failedStatus = (status: number, errorBody: string): Seen => ({ status, expectationFailed: true, failedCheck: 'status', errorBody });

describe('classifyError', () => {
  it.each([
    // Bodies byte for byte as API Gateway answers (REST has a space after the colon, HTTP APIs none).
    ['REST: the function failed', failedStatus(502, '{"message": "Internal server error"}'), { source: 'gateway', kind: 'Internal server error', status: 502 }],
    ['HTTP API: the function failed', failedStatus(500, '{"message":"Internal Server Error"}'), { source: 'gateway', kind: 'Internal Server Error', status: 500 }],
    ['REST: integration timeout', failedStatus(504, '{"message": "Endpoint request timed out"}'), { source: 'gateway', kind: 'Endpoint request timed out', status: 504 }],
    ['gateway throttle', failedStatus(429, '{"message":"Too Many Requests"}'), { source: 'gateway', kind: 'Too Many Requests', status: 429 }],
    ['REST: no route', failedStatus(403, '{"message":"Missing Authentication Token"}'), { source: 'gateway', kind: 'Missing Authentication Token', status: 403 }],
    ['REST: request over 10 MB (plain text)', failedStatus(413, 'HTTP content length exceeded 10485760 bytes.'), { source: 'gateway', kind: 'Request Entity Too Large', status: 413 }],
    ["the function's own 500", failedStatus(500, '{"error":"db down"}'), { source: 'http', kind: 'HTTP 500', status: 500, example: '{"error":"db down"}' }],
    ["the function's own message that is not a gateway one", failedStatus(400, '{"message":"name is required"}'), { source: 'http', kind: 'HTTP 400' }],
    ['an empty 503', failedStatus(503, ''), { source: 'http', kind: 'HTTP 503', example: '(empty body, status 503)' }],
    ['a 2xx the rule did not list', failedStatus(200, 'ok'), { source: 'expectation', kind: 'status 200 not expected', status: 200 }],
    ['a missing text', { status: 200, expectationFailed: true, failedCheck: 'body', errorBody: 'hello' } as Seen, { source: 'expectation', kind: 'bodyContains not found', status: 200 }],
    ['connection refused', { status: 0, errorCode: 'ECONNREFUSED' } as Seen, { source: 'client', kind: 'ECONNREFUSED', example: 'connection refused: nothing listening at the target' }],
    ['connection reset', { status: 0, errorCode: 'ECONNRESET' } as Seen, { source: 'client', kind: 'ECONNRESET' }],
    ['client timeout', { status: 0, errorCode: 'TIMEOUT' } as Seen, { source: 'client', kind: 'TIMEOUT', example: 'no complete response within http.timeout' }],
    ['an unknown code', { status: 0, errorCode: 'EHOSTUNREACH' } as Seen, { source: 'client', kind: 'EHOSTUNREACH', example: 'EHOSTUNREACH' }],
  ])('%s', (_name, sample, expected) => {
    expect(classifyError(sample)).toMatchObject(expected);
  });

  it('leaves a passing response alone, whatever its status (a rule may accept a 404)', () => {
    expect(classifyError({ status: 404 })).toBeUndefined();
    expect(classifyError({ status: 200 })).toBeUndefined();
  });

  it("recognises every error body the emulator's gateway answers", () => {
    for (const [kind, shapes] of Object.entries(GATEWAY_ERRORS)) {
      for (const shape of Object.values(shapes)) expect(gatewayMessageOf(shape.body), `${kind}: ${shape.body}`).toBeDefined();
    }
  });

  it('keeps a one-line example of at most EXAMPLE_MAX_CHARS (a stack trace in a 500 body)', () => {
    const body = `Error: boom\n    at handler (/var/task/index.js:3:9)\n${'    at x\n'.repeat(100)}`;
    const kind = classifyError(failedStatus(500, body))!;
    expect(kind.example).not.toContain('\n');
    expect([...kind.example].length).toBeLessThanOrEqual(EXAMPLE_MAX_CHARS);
    expect(kind.example.startsWith('Error: boom at handler')).toBe(true);
  });

  it('does not take a body cut mid-JSON for a gateway message', () => {
    expect(gatewayMessageOf('{"message": "Internal server error", "detail": "xxxx')).toBeUndefined();
  });
});
