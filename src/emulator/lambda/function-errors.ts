/**
 * The error payloads and log lines Lambda itself produces (not the function's runtime), in AWS's shapes:
 * - timeout: `{"errorMessage":"2026-…Z <requestId> Task timed out after 3.00 seconds"}` (aws-facts §4.3);
 * - runtime exit: `{"errorType":"Runtime.ExitError","errorMessage":"RequestId: <id> Error: Runtime exited with error:
 *   exit status 1"}`, and "Runtime exited without providing a reason" for a clean exit; the log shows the message,
 *   then the error type on its own line (real logs, e.g. cargo-lambda#572, ballerina aws.lambda#229, theam
 *   aws-lambda-haskell-runtime#113); signals read as Go's os/exec prints them: `signal: killed`;
 * - out of memory: the process is killed, so the message is `Runtime exited with error: signal: killed`, and the
 *   error type `Runtime.OutOfMemory` (REPORT `Error Type: Runtime.OutOfMemory`, aws-facts §5.1);
 * - response too large: `Function.ResponseSizeTooLarge` (aws-facts §3.1, moto fixture matching AWS output).
 * Pure.
 */

/** Synchronous response limit (aws-facts §3.1: "Response payload size exceeded maximum allowed payload size (6291556 bytes)"). */
export const MAX_RESPONSE_BYTES = 6_291_556;

export interface ErrorOutcome {
  payload: Buffer;
  errorType: string;
  /** Lines Lambda writes to the function's log for it (between START and END). */
  logLines: string[];
}

export function timeoutError(requestId: string, timeoutMs: number, atEpochMs: number): ErrorOutcome {
  const line = `${new Date(atEpochMs).toISOString()} ${requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
  return { payload: json({ errorMessage: line }), errorType: 'Sandbox.Timedout', logLines: [line] };
}

/** Go's `os/exec` wording of how a process ended, which Lambda quotes (`exit status 1`, `signal: killed`). */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string | undefined {
  if (signal !== null) return `signal: ${SIGNAL_WORDS[signal] ?? signal.toLowerCase()}`;
  if (code !== null && code !== 0) return `exit status ${code}`;
  return undefined;
}

// Go's syscall signal strings for the signals a runtime is likely to die of.
const SIGNAL_WORDS: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted',
  SIGSEGV: 'segmentation fault',
  SIGTERM: 'terminated',
  SIGINT: 'interrupt',
  SIGBUS: 'bus error',
  SIGILL: 'illegal instruction',
  SIGFPE: 'floating point exception',
  SIGHUP: 'hangup',
  SIGPIPE: 'broken pipe',
};

export function runtimeExitError(requestId: string, code: number | null, signal: NodeJS.Signals | null, outOfMemory: boolean): ErrorOutcome {
  const how = describeExit(code, signal);
  const message = `RequestId: ${requestId} Error: ${how === undefined ? 'Runtime exited without providing a reason' : `Runtime exited with error: ${how}`}`;
  const errorType = outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
  return { payload: json({ errorType, errorMessage: message }), errorType, logLines: [message, errorType] };
}

export function responseTooLargeError(): ErrorOutcome {
  const errorType = 'Function.ResponseSizeTooLarge';
  const errorMessage = `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`;
  return { payload: json({ errorMessage, errorType }), errorType, logLines: [] };
}

/** A `provided` function without an executable `bootstrap` (message as Lambda writes it, akrabat/lambda-php#7). */
export function missingBootstrapError(requestId: string, bootstrapPath: string): ErrorOutcome {
  const errorType = 'Runtime.ExitError';
  const errorMessage = `RequestId: ${requestId} Error: Couldn't find valid bootstrap(s): [${bootstrapPath}]`;
  return { payload: json({ errorType, errorMessage }), errorType, logLines: [errorMessage, errorType] };
}

/** The `errorType` of a runtime-reported error body (or the Lambda-Runtime-Function-Error-Type header). */
export function errorTypeOf(body: Buffer, header: string | undefined): string {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && typeof (parsed as { errorType?: unknown }).errorType === 'string') {
      return (parsed as { errorType: string }).errorType;
    }
  } catch {
    // not JSON: fall back to the header
  }
  return header && header !== '' ? header : 'Runtime.Unknown';
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}
