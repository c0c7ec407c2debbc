import { describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../../src/measure/classify-error.js';
import { createRequestErrorCounter, functionErrorKinds, MAX_ERROR_KINDS } from '../../../src/measure/error-kinds.js';
import { emptyFunctionTotals, emptyInvocationTotals } from '../../../src/measure/invocation-totals.js';

const gateway502: ErrorKind = { source: 'gateway', kind: 'Internal server error', status: 502, example: '{"message": "Internal server error"}' };

describe('request error counter', () => {
  it('counts per request name and kind, keeps the first example, most frequent first', () => {
    const counter = createRequestErrorCounter();
    counter.add('GET /a', { source: 'client', kind: 'ECONNRESET', example: 'first' });
    for (let i = 0; i < 3; i++) counter.add('GET /a', gateway502);
    counter.add('GET /b', gateway502);
    counter.add('GET /a', { source: 'client', kind: 'ECONNRESET', example: 'second' });
    // Same message, other status: another kind (a 500 throttle is not a 502 function failure).
    counter.add('GET /a', { ...gateway502, status: 500 });
    const { requests, otherCount } = counter.finish();
    expect(requests.map((k) => [k.request, k.kind, k.status, k.count])).toEqual([
      ['GET /a', 'Internal server error', 502, 3],
      ['GET /a', 'ECONNRESET', undefined, 2],
      ['GET /b', 'Internal server error', 502, 1],
      ['GET /a', 'Internal server error', 500, 1],
    ]);
    expect(requests.find((k) => k.kind === 'ECONNRESET')!.example).toBe('first');
    expect(otherCount).toBe(0);
  });

  it('keeps at most MAX_ERROR_KINDS kinds and counts the rest, however many distinct errors arrive', () => {
    const counter = createRequestErrorCounter();
    for (let i = 0; i < MAX_ERROR_KINDS * 10; i++) counter.add('GET /a', { source: 'http', kind: `HTTP 500 #${i}`, status: 500, example: `${i}` });
    counter.add('GET /a', { source: 'http', kind: 'HTTP 500 #0', status: 500, example: 'again' });
    const { requests, otherCount } = counter.finish();
    expect(requests).toHaveLength(MAX_ERROR_KINDS);
    expect(requests[0]).toMatchObject({ kind: 'HTTP 500 #0', count: 2, example: '0' });
    expect(otherCount).toBe(MAX_ERROR_KINDS * 9);
    // Every error is accounted for: itemised or in otherCount.
    expect(requests.reduce((n, k) => n + k.count, 0) + otherCount).toBe(MAX_ERROR_KINDS * 10 + 1);
  });
});

describe('functionErrorKinds', () => {
  it('joins memory sizes per function, adds throttles by reason, and respects the cap', () => {
    const totals = emptyInvocationTotals();
    const small = emptyFunctionTotals('api', 128);
    small.errorTypes = { 'Runtime.ImportModuleError': { count: 4, example: "Error: Cannot find module 'x'" } };
    small.errorTypesDropped = 2;
    const large = emptyFunctionTotals('api', 1024);
    large.errorTypes = { 'Runtime.ImportModuleError': { count: 1, example: 'later' }, 'Sandbox.Timedout': { count: 3, example: 'Task timed out after 3.00 seconds' } };
    const worker = emptyFunctionTotals('worker', 128);
    worker.throttleReasons = { ReservedFunctionConcurrentInvocationLimitExceeded: 7 };
    totals.functions.push(small, large, worker);
    const { functions, otherCount } = functionErrorKinds(totals);
    expect(functions).toEqual([
      { function: 'worker', errorType: 'TooManyRequestsException', count: 7, example: 'throttled: ReservedFunctionConcurrentInvocationLimitExceeded' },
      { function: 'api', errorType: 'Runtime.ImportModuleError', count: 5, example: "Error: Cannot find module 'x'" },
      { function: 'api', errorType: 'Sandbox.Timedout', count: 3, example: 'Task timed out after 3.00 seconds' },
    ]);
    expect(otherCount).toBe(2);
    // One kind allowed: the second type of api is only counted.
    expect(functionErrorKinds(totals, 1).otherCount).toBe(2 + 3);
  });

  it('reads totals saved before error types were kept', () => {
    const totals = emptyInvocationTotals();
    const old = emptyFunctionTotals('api', 128);
    delete old.errorTypes;
    delete old.errorTypesDropped;
    totals.functions.push(old);
    expect(functionErrorKinds(totals)).toEqual({ functions: [], otherCount: 0 });
  });
});
