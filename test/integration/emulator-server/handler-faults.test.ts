/**
 * The handler-fault matrix (issue 18, "Handler faults"): each way a handler can fail, one row each, through the real
 * emulator (`startEmulator`, real runtime processes over the Runtime API) on three fronts: a REST API, an HTTP API
 * and the Lambda Invoke API. Each row checks what the client gets (status and body; the Invoke API's
 * `X-Amz-Function-Error` and error object), the invocation record (outcome, Lambda's error type), the REPORT line
 * (its Status), and whether Lambda kept the environment: the next invocation is warm on the same environment, or
 * cold on a new one. A last test checks that a load-test run counts such faults in its result.
 *
 * AWS's behaviour, per aws-facts.md:
 * - a function error, a timeout, a runtime exit, an out-of-memory kill, a response over 6 MB, a failed INIT: REST 502
 *   `{"message": "Internal server error"}`, HTTP API 500 `{"message":"Internal Server Error"}` (§4.1 (b1) (b2),
 *   §4.2); Invoke API 200 with `X-Amz-Function-Error: Unhandled` and the error object (§4.3, §3.1 for
 *   Function.ResponseSizeTooLarge);
 * - a malformed proxy response (not an object, a bad `statusCode`, a non-string `body`) is a success for Lambda:
 *   REST 502 (§6.1 "Any other output shape gets 502"); the HTTP API infers a 200 from any JSON without a
 *   `statusCode` and answers 500 for a structured response with a bad field (§6.2);
 * - a timeout ends the environment (Sandbox.Timedout, `Task timed out after 1.00 seconds`, §4.3, §5.1), so do a
 *   runtime exit (Runtime.ExitError) and a memory kill (Runtime.OutOfMemory, §5.1) (coldstarts.md §3: "After a
 *   crash/timeout in Invoke, Lambda resets the environment"); an error the handler reports keeps it;
 * - an INIT over the on-demand limit is re-run inside the invoke under the function timeout (§3.1 "INIT phase"); a
 *   failed INIT is retried by the next invocation on a new environment;
 * - `X-Amz-Log-Result` is the last 4 KB of the invocation's log (§4.3), ending with its REPORT line (§5.1: failed
 *   invocations append `Status: timeout` or `Status: error\tError Type: …`).
 * Where aws-facts is silent, the row asserts what the emulator does and says "inferred".
 *
 * Time: each row's functions are its own, so rows run concurrently (at most vitest's maxConcurrency, 5, at once);
 * timeouts are 1 s where a row must time out and 10 s elsewhere (room for a busy machine). No timing assertions.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import type { InvocationOutcome, InvocationRecord } from '../../../src/records/invocation.js';
import { run } from '../../../src/run/run.js';
import type { ApiType, EmulatorTarget, FunctionSpec } from '../../../src/scenario/types.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/functions/', import.meta.url));

interface GatewayAnswer {
  status: number;
  body: string;
  /** REST's `x-amzn-ErrorType`; null when absent. */
  errorType: string | null;
}

/** API Gateway's own answers when the function failed or its proxy response was malformed (§4.1 (b1) (b2), §4.2). */
const REST_502: GatewayAnswer = { status: 502, body: '{"message": "Internal server error"}', errorType: 'InternalServerErrorException' };
const HTTP_500: GatewayAnswer = { status: 500, body: '{"message":"Internal Server Error"}', errorType: null };
const ok = (body: string): GatewayAnswer => ({ status: 200, body, errorType: null });

interface Fault {
  name: string;
  /** Its function (FUNCTIONS, or INIT_LIMITED for an emulator whose on-demand INIT limit is lowered). */
  fn: string;
  outcome: InvocationOutcome;
  /** The record's `error.type`; absent when Lambda saw a success. */
  errorType?: string;
  /** The Invoke API's body (JSON), given the invocation's request id. */
  payload(requestId: string): unknown;
  /** What the REPORT line ends with after Max Memory Used / Init Duration; absent for a normal completion (a tab). */
  reportStatus?: string;
  rest: GatewayAnswer;
  http: GatewayAnswer;
  /**
   * The next invocation: on the same environment (warm); or on the same environment after a reset, re-running INIT
   * inside the invoke (reset: cold, no Init Duration; after a failed INIT too, Lambda's doom loop).
   */
  next: 'warm' | 'reset';
  /** INIT fails every time: the next invocation fails the same way (else it answers normally). */
  initFails?: true;
}

const taskTimedOut = (requestId: string) => ({
  errorMessage: expect.stringMatching(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ${requestId} Task timed out after 1\\.00 seconds$`)),
});
const exitedWith = (errorType: string, how: string) => (requestId: string) => ({
  errorType,
  errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${how}`,
});
const thrown = (errorType: string, errorMessage: unknown) => () => ({
  errorType,
  errorMessage,
  trace: expect.arrayContaining([expect.stringContaining(errorType)]),
});

const FAULTS: Fault[] = [
  {
    name: 'sync throw',
    fn: 'syncThrow',
    outcome: 'function-error',
    errorType: 'TypeError',
    payload: thrown('TypeError', 'sync boom'),
    rest: REST_502,
    http: HTTP_500,
    next: 'warm',
  },
  {
    name: 'async rejection',
    fn: 'asyncReject',
    outcome: 'function-error',
    errorType: 'ValidationError',
    payload: thrown('ValidationError', 'async boom'),
    rest: REST_502,
    http: HTTP_500,
    next: 'warm',
  },
  {
    // The Node runtime sends `null` for undefined. HTTP API: `null` is JSON without a statusCode, so a 200 with the
    // JSON as its body by §6.2's inference rule (inferred: aws-facts has no capture of `null` itself).
    name: 'returns undefined',
    fn: 'returnsUndefined',
    outcome: 'success',
    payload: () => null,
    rest: REST_502,
    http: ok('null'),
    next: 'warm',
  },
  {
    name: 'returns a number (not a proxy response)',
    fn: 'returnsNumber',
    outcome: 'success',
    payload: () => 42,
    rest: REST_502,
    http: ok('42'),
    next: 'warm',
  },
  {
    name: "returns { statusCode: 'abc' }",
    fn: 'badStatusCode',
    outcome: 'success',
    payload: () => ({ statusCode: 'abc', body: 'x' }),
    rest: REST_502,
    http: HTTP_500,
    next: 'warm',
  },
  {
    name: 'returns a body that is not a string',
    fn: 'objectBody',
    outcome: 'success',
    payload: () => ({ statusCode: 200, body: { not: 'a string' } }),
    rest: REST_502,
    http: HTTP_500,
    next: 'warm',
  },
  {
    name: 'never resolves (timeout)',
    fn: 'neverResolves',
    outcome: 'timeout',
    errorType: 'Sandbox.Timedout',
    payload: taskTimedOut,
    reportStatus: 'Status: timeout',
    rest: REST_502,
    http: HTTP_500,
    next: 'reset',
  },
  {
    name: 'blocks the event loop past the timeout',
    fn: 'busyLoop',
    outcome: 'timeout',
    errorType: 'Sandbox.Timedout',
    payload: taskTimedOut,
    reportStatus: 'Status: timeout',
    rest: REST_502,
    http: HTTP_500,
    next: 'reset',
  },
  {
    name: 'process.exit(3)',
    fn: 'exits',
    outcome: 'crash',
    errorType: 'Runtime.ExitError',
    payload: exitedWith('Runtime.ExitError', 'exit status 3'),
    reportStatus: 'Status: error\tError Type: Runtime.ExitError',
    rest: REST_502,
    http: HTTP_500,
    next: 'reset',
  },
  {
    // The Lambda-level details (the measured peak, the kill) are in emulator-lambda/failures.test.ts.
    name: 'exceeds its memory size',
    fn: 'exceedsMemory',
    outcome: 'crash',
    errorType: 'Runtime.OutOfMemory',
    payload: exitedWith('Runtime.OutOfMemory', 'signal: killed'),
    reportStatus: 'Status: error\tError Type: Runtime.OutOfMemory',
    rest: REST_502,
    http: HTTP_500,
    next: 'reset',
  },
  {
    // Still answers; the log tail stays 4 KB (checked on every Invoke API row) and each log line is bounded.
    name: 'prints megabytes of logs',
    fn: 'logsMegabytes',
    outcome: 'success',
    payload: () => ({ statusCode: 200, body: 'logged' }),
    rest: ok('logged'),
    http: ok('logged'),
    next: 'warm',
  },
  {
    // A well-formed proxy response over 6 MB. Keeping the environment is inferred (the runtime itself is fine).
    name: 'returns a body over 6 MB',
    fn: 'bigBody',
    outcome: 'function-error',
    errorType: 'Function.ResponseSizeTooLarge',
    payload: () => ({ errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).', errorType: 'Function.ResponseSizeTooLarge' }),
    rest: REST_502,
    http: HTTP_500,
    next: 'warm',
  },
  {
    // The error's own type, as AWS's Node runtime reports a module that throws while loading (inferred from
    // aws-lambda-ric: only syntax and missing-module errors get a Runtime.* type).
    name: 'throws in INIT',
    fn: 'initThrows',
    outcome: 'init-error',
    errorType: 'Error',
    payload: thrown('Error', 'init boom'),
    reportStatus: 'Status: error\tError Type: Error',
    rest: REST_502,
    http: HTTP_500,
    next: 'reset',
    initFails: true,
  },
  {
    name: 'imports a missing package in INIT',
    fn: 'initImportError',
    outcome: 'init-error',
    errorType: 'Runtime.ImportModuleError',
    payload: thrown('Runtime.ImportModuleError', expect.stringContaining("Cannot find package 'lambdaload-no-such-package'")),
    reportStatus: 'Status: error\tError Type: Runtime.ImportModuleError',
    rest: REST_502,
    http: HTTP_500,
    next: 'reset',
    initFails: true,
  },
  {
    // Over the (lowered) INIT limit, then re-run inside the invoke until the 1 s function timeout.
    name: 'hangs in INIT beyond the INIT limit',
    fn: 'initHangs',
    outcome: 'timeout',
    errorType: 'Sandbox.Timedout',
    payload: taskTimedOut,
    reportStatus: 'Status: timeout',
    rest: REST_502,
    http: HTTP_500,
    next: 'reset',
    initFails: true,
  },
];

const faults = (handler: string, overrides: Partial<FunctionSpec> = {}): FunctionSpec => ({ code: './faults', handler, timeout: '10s', ...overrides });

const FUNCTIONS: Record<string, FunctionSpec> = {
  syncThrow: faults('index.syncThrow'),
  asyncReject: faults('index.asyncReject'),
  returnsUndefined: faults('index.returnsUndefined'),
  returnsNumber: faults('index.returnsNumber'),
  badStatusCode: faults('index.badStatusCode'),
  objectBody: faults('index.objectBody'),
  neverResolves: faults('index.neverResolves', { timeout: '1s' }),
  busyLoop: faults('index.busyLoop', { timeout: '1s' }),
  exits: faults('index.exits'),
  exceedsMemory: faults('index.exceedsMemory', { memoryMb: 128 }),
  logsMegabytes: faults('index.logsMegabytes'),
  bigBody: faults('index.bigBody'),
  initThrows: faults('init-throws.handler'),
  initImportError: { code: './node-bad-import', handler: 'index.handler', timeout: '10s' },
};
/** Served by an emulator whose on-demand INIT limit is 300 ms (AWS's is 10 s), so the row takes about 1.3 s. */
const INIT_LIMITED: Record<string, FunctionSpec> = {
  initHangs: faults('init-hangs.handler', { timeout: '1s' }),
};
const INIT_LIMIT_MS = 300;

function target(apiType: ApiType, functions: Record<string, FunctionSpec>): EmulatorTarget {
  return {
    type: 'emulator',
    api: { type: apiType },
    // One process per environment, started on demand; the host's CPU (the CPU share is not what these rows test).
    spareRuntimes: 0,
    cpu: 'host',
    functions,
    routes: Object.keys(functions).map((name) => ({ method: 'GET', path: `/${name}`, function: name })),
  };
}

/** Both emulators of one front, and every log line they wrote (function name, line). */
class Front {
  main!: RunningEmulator;
  initLimited!: RunningEmulator;
  readonly lines: [string, string][] = [];

  constructor(readonly apiType: ApiType) {}

  async start(): Promise<void> {
    const onLog = (fn: string, line: string) => this.lines.push([fn, line]);
    [this.main, this.initLimited] = await Promise.all([
      startEmulator(target(this.apiType, FUNCTIONS), { scenarioDir: FIXTURES, onLog }),
      startEmulator(target(this.apiType, INIT_LIMITED), { scenarioDir: FIXTURES, onLog, tuning: { onDemandInitLimitMs: INIT_LIMIT_MS } }),
    ]);
  }

  async close(): Promise<void> {
    await Promise.all([this.main?.close(), this.initLimited?.close()]);
  }

  emulatorOf(fn: string): RunningEmulator {
    return fn in INIT_LIMITED ? this.initLimited : this.main;
  }

  linesOf(fn: string): string[] {
    return this.lines.filter(([name]) => name === fn).map(([, line]) => line);
  }

  /** The function's records so far (each row's function serves only that row). */
  async records(fn: string): Promise<InvocationRecord[]> {
    const res = await fetch(`${this.emulatorOf(fn).url}/__lambdaload/invocations`);
    const { records } = (await res.json()) as { records: InvocationRecord[] };
    return records.filter((r) => r.functionName === fn);
  }
}

async function viaGateway(front: Front, fn: string, healthy: boolean): Promise<GatewayAnswer> {
  const res = await fetch(`${front.emulatorOf(fn).baseUrl}/${fn}${healthy ? '?ok=1' : ''}`);
  return { status: res.status, body: await res.text(), errorType: res.headers.get('x-amzn-errortype') };
}

interface InvokeAnswer {
  status: number;
  functionError: string | null;
  requestId: string;
  payload: unknown;
  /** `X-Amz-Log-Result`, decoded. */
  tail: string;
}

async function viaInvokeApi(front: Front, fn: string, healthy: boolean): Promise<InvokeAnswer> {
  const res = await fetch(`${front.emulatorOf(fn).url}/2015-03-31/functions/${fn}/invocations`, {
    method: 'POST',
    headers: { 'X-Amz-Log-Type': 'Tail' },
    body: JSON.stringify(healthy ? { ok: true } : {}),
  });
  return {
    status: res.status,
    functionError: res.headers.get('x-amz-function-error'),
    requestId: res.headers.get('x-amzn-requestid') ?? '',
    payload: JSON.parse(await res.text()),
    tail: Buffer.from(res.headers.get('x-amz-log-result') ?? '', 'base64').toString('utf8'),
  };
}

/** The fault's record: outcome, error type, and a function error exactly when Lambda saw one. */
function expectRecord(record: InvocationRecord, fault: Fault): void {
  expect(record.outcome).toBe(fault.outcome);
  expect(record.error?.type).toBe(fault.errorType);
  expect(record.functionError).toBe(fault.outcome === 'success' ? undefined : 'Unhandled');
}

/**
 * What came after the fault: its environment kept (warm, same id) or reset (same id; AWS re-runs INIT inside the next
 * invoke after a timeout, a crash or a failed INIT, coldstarts.md §3: cold, with no Init Duration of its own).
 */
function expectNext(fault: Fault, first: InvocationRecord, next: InvocationRecord): void {
  expect(next.outcome).toBe(fault.initFails ? fault.outcome : 'success');
  if (fault.next === 'warm') expect(next).toMatchObject({ cold: false, environmentId: first.environmentId });
  else {
    expect(next).toMatchObject({ cold: true, environmentId: first.environmentId });
    expect(next.initMs).toBeUndefined();
  }
}

describe.each(['rest', 'http'] as const)('%s API: handler faults', (apiType) => {
  const front = new Front(apiType);
  beforeAll(() => front.start(), 60_000);
  afterAll(() => front.close(), 60_000);

  it.concurrent.each(FAULTS)('$name', async (fault) => {
    const answer = await viaGateway(front, fault.fn, false);
    expect(answer).toEqual(fault[apiType]);
    const [first, ...others] = await front.records(fault.fn);
    expect(others).toEqual([]);
    expectRecord(first, fault);

    const again = await viaGateway(front, fault.fn, true);
    expect(again.status).toBe(fault.initFails ? fault[apiType].status : 200);
    const records = await front.records(fault.fn);
    expect(records).toHaveLength(2);
    expectNext(fault, first, records[1]);
  });
});

describe('Invoke API: handler faults', () => {
  const front = new Front('rest');
  beforeAll(() => front.start(), 60_000);
  afterAll(() => front.close(), 60_000);

  it.concurrent.each(FAULTS)('$name', async (fault) => {
    const answer = await viaInvokeApi(front, fault.fn, false);
    expect(answer.status).toBe(200);
    expect(answer.functionError).toBe(fault.outcome === 'success' ? null : 'Unhandled');
    expect(answer.payload).toEqual(fault.payload(answer.requestId));
    const first = (await front.records(fault.fn)).find((r) => r.requestId === answer.requestId);
    expect(first).toBeDefined();
    expectRecord(first!, fault);

    // The log tail: at most 4 KB, ending with this invocation's REPORT line and its Status.
    expect(Buffer.byteLength(answer.tail)).toBeLessThanOrEqual(4096);
    const report = answer.tail.trimEnd().split('\n').at(-1) ?? '';
    expect(report.startsWith(`REPORT RequestId: ${answer.requestId}\t`)).toBe(true);
    if (fault.reportStatus === undefined) expect(answer.tail.endsWith(' MB\t\n') || answer.tail.endsWith(' ms\t\n')).toBe(true);
    else expect(answer.tail.endsWith(`\t${fault.reportStatus}\n`)).toBe(true);

    const again = await viaInvokeApi(front, fault.fn, true);
    expect(again.functionError).toBe(fault.initFails ? 'Unhandled' : null);
    const next = (await front.records(fault.fn)).find((r) => r.requestId === again.requestId);
    expect(next).toBeDefined();
    expectNext(fault, first!, next!);
  });

  it('bounds the log lines of an invocation that printed megabytes (inferred: aws-facts gives no line limit)', async () => {
    // Runs after the rows above; the output may reach the log just after the answer.
    await vi.waitFor(() => expect(front.linesOf('logsMegabytes').some((l) => l.endsWith('\tlast line before the answer'))).toBe(true), {
      timeout: 10_000,
      interval: 100,
    });
    const lines = front.linesOf('logsMegabytes');
    // The 1 MB line was never held whole: the emulator passes a line that grows past 256 KiB on in pieces
    // (runtime-process.ts MAX_LINE_CHARS; a piece can exceed it by one pipe read), and none of it was lost.
    const pieces = lines.filter((l) => l.includes('x'.repeat(1000)));
    expect(pieces.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...pieces.map((l) => l.length))).toBeLessThan(512 * 1024);
    expect(pieces.reduce((n, l) => n + (l.match(/x/g)?.length ?? 0), 0)).toBeGreaterThanOrEqual(1024 * 1024);
  });
});

describe('a run counts handler faults in its result', () => {
  it('statusCodes and errorKinds match the faults sent: throws, a malformed response, an exit, beside a healthy route', async () => {
    const functions: Record<string, FunctionSpec> = {
      healthy: faults('index.ok'),
      throws: faults('index.syncThrow'),
      garbage: faults('index.badStatusCode'),
      exits: faults('index.exits'),
    };
    const result = await run({
      cwd: FIXTURES,
      seed: 1,
      scenario: {
        name: 'handler-faults',
        target: target('rest', functions),
        phases: [{ type: 'constant', duration: '2s', rate: 8 }],
        requests: Object.keys(functions).map((name) => ({ name, path: `/${name}` })),
        projection: { region: 'us-east-1' },
      },
    });
    const sent = (name: string) => result.latency.byRequest[name]!.all.count;
    const failed = ['throws', 'garbage', 'exits'];
    const failedCount = failed.reduce((n, name) => n + sent(name), 0);
    for (const name of Object.keys(functions)) expect(sent(name), name).toBeGreaterThan(0);
    expect(result.requests.completed).toBe(sent('healthy') + failedCount);

    // The client's view: every faulty request is API Gateway's 502, the healthy ones 200.
    expect(result.statusCodes).toEqual({ '200': sent('healthy'), '502': failedCount });
    expect(result.requests.errors).toBe(failedCount);
    const gateway502 = { source: 'gateway', kind: 'Internal server error', status: 502, example: '{"message": "Internal server error"}' };
    expect(result.errorKinds.requests).toEqual(expect.arrayContaining(failed.map((name) => ({ request: name, ...gateway502, count: sent(name) }))));
    expect(result.errorKinds.requests).toHaveLength(failed.length);

    // Lambda's view: the throw and the exit are function errors with their types; the malformed response is a
    // success for Lambda (only API Gateway refused it), so it has no error type.
    expect(result.errorKinds.functions).toEqual(
      expect.arrayContaining([
        { function: 'throws', errorType: 'TypeError', count: sent('throws'), example: 'sync boom' },
        expect.objectContaining({ function: 'exits', errorType: 'Runtime.ExitError', count: sent('exits') }),
      ]),
    );
    expect(result.errorKinds.functions).toHaveLength(2);
    expect(result.errorKinds.otherCount).toBe(0);
    expect(result.emulator?.functionErrors).toBe(sent('throws') + sent('exits'));
  }, 60_000);
});
