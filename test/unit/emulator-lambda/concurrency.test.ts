/** Lambda's concurrency rules as pure checks (aws-facts §3.1, §4.3). */
import { describe, expect, it } from 'vitest';
import { checkAdmission, createScalingBucket, takeScalingToken, unreservedCapacity } from '../../../src/emulator/lambda/concurrency.js';

describe('checkAdmission', () => {
  it('limits a function with reserved concurrency to it, whatever the account has left', () => {
    expect(checkAdmission({ reservedConcurrency: 2, functionInUse: 1, unreservedInUse: 999, unreservedCapacity: 10 })).toBeUndefined();
    expect(checkAdmission({ reservedConcurrency: 2, functionInUse: 2, unreservedInUse: 0, unreservedCapacity: 10 })).toBe(
      'ReservedFunctionConcurrentInvocationLimitExceeded',
    );
    expect(checkAdmission({ reservedConcurrency: 0, functionInUse: 0, unreservedInUse: 0, unreservedCapacity: 10 })).toBe(
      'ReservedFunctionConcurrentInvocationLimitExceeded',
    );
  });

  it('limits the other functions to the unreserved pool they share', () => {
    expect(checkAdmission({ functionInUse: 0, unreservedInUse: 899, unreservedCapacity: 900 })).toBeUndefined();
    expect(checkAdmission({ functionInUse: 0, unreservedInUse: 900, unreservedCapacity: 900 })).toBe('ConcurrentInvocationLimitExceeded');
  });

  it('computes the unreserved pool as account concurrency minus every reservation', () => {
    expect(unreservedCapacity(1_000, [undefined, 100, 50])).toBe(850);
    expect(unreservedCapacity(10, [20])).toBe(0);
  });
});

describe('scaling rate (1,000 environments per 10 s per function)', () => {
  it('allows a burst of 1,000 new environments, then refills at 100 per second without accruing more', () => {
    const bucket = createScalingBucket(0);
    for (let i = 0; i < 1_000; i++) expect(takeScalingToken(bucket, 0)).toBe(true);
    expect(takeScalingToken(bucket, 0)).toBe(false);
    expect(takeScalingToken(bucket, 9)).toBe(false);
    expect(takeScalingToken(bucket, 10)).toBe(true);
    // A quiet minute refills to 1,000, not 6,000.
    let granted = 0;
    while (takeScalingToken(bucket, 70_000)) granted++;
    expect(granted).toBe(1_000);
  });
});
