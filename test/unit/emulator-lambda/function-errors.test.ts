/** Lambda's own error payloads (aws-facts §4.3, §5.1 and the real payloads cited in function-errors.ts). */
import { describe, expect, it } from 'vitest';
import { describeExit, errorTypeOf, runtimeExitError, timeoutError } from '../../../src/emulator/lambda/function-errors.js';

describe('Lambda error payloads', () => {
  it('words a runtime exit as Go does', () => {
    expect(describeExit(1, null)).toBe('exit status 1');
    expect(describeExit(null, 'SIGKILL')).toBe('signal: killed');
    expect(describeExit(null, 'SIGABRT')).toBe('signal: aborted');
    expect(describeExit(0, null)).toBeUndefined();
  });

  it('builds Runtime.ExitError and Runtime.OutOfMemory payloads and log lines', () => {
    const exit = runtimeExitError('1b5c', 1, null, false);
    expect(JSON.parse(exit.payload.toString())).toEqual({ errorType: 'Runtime.ExitError', errorMessage: 'RequestId: 1b5c Error: Runtime exited with error: exit status 1' });
    expect(exit.logLines).toEqual(['RequestId: 1b5c Error: Runtime exited with error: exit status 1', 'Runtime.ExitError']);
    const clean = runtimeExitError('a', 0, null, false);
    expect(JSON.parse(clean.payload.toString()).errorMessage).toBe('RequestId: a Error: Runtime exited without providing a reason');
    const oom = runtimeExitError('b', null, 'SIGKILL', true);
    expect(JSON.parse(oom.payload.toString())).toEqual({ errorType: 'Runtime.OutOfMemory', errorMessage: 'RequestId: b Error: Runtime exited with error: signal: killed' });
  });

  it('builds the timeout payload with the configured timeout in seconds', () => {
    const at = Date.UTC(2026, 0, 1, 0, 0, 3);
    const timeout = timeoutError('160788cd', 3_000, at);
    expect(JSON.parse(timeout.payload.toString())).toEqual({ errorMessage: '2026-01-01T00:00:03.000Z 160788cd Task timed out after 3.00 seconds' });
    expect(timeout.logLines).toEqual(['2026-01-01T00:00:03.000Z 160788cd Task timed out after 3.00 seconds']);
  });

  it('reads the error type from the body, then the header', () => {
    expect(errorTypeOf(Buffer.from('{"errorType":"ValueError","errorMessage":"x"}'), 'Other')).toBe('ValueError');
    expect(errorTypeOf(Buffer.from('not json'), 'Runtime.NoSuchHandler')).toBe('Runtime.NoSuchHandler');
    expect(errorTypeOf(Buffer.from(''), undefined)).toBe('Runtime.Unknown');
  });
});
