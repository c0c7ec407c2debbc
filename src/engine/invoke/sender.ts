/**
 * The direct-invoke sender: the engine's `HttpClient` contract (client.ts) over `InvokeCommand` of
 * `@aws-sdk/client-lambda`, so open and closed phases, intended times, drops and drains work exactly as on the HTTP
 * path. Each request's prepared body (its `json`, variables expanded) is the event; the answer becomes one `Sample`:
 * - 200: the Invoke status; `X-Amz-Function-Error` makes it a failed request of the function's `errorType`;
 * - an API error (429 TooManyRequestsException, 404 ResourceNotFoundException, ...): its HTTP status and name;
 * - no answer (connection refused, a timeout of ours): status 0 and a short code, as the HTTP client does.
 * `LogType: 'Tail'` asks for the last 4 KB of the invocation's log; its REPORT record rides on the sample.
 *
 * The SDK does not say when a request reached its socket, so `sentAtMs` is the hand-off: a wait for a free socket
 * in the agent (all `maxSockets` busy) shows in service time, not in `connectionWaits`.
 */
import { performance } from 'node:perf_hooks';
import { InvokeCommand, type InvokeCommandOutput, type LambdaClient } from '@aws-sdk/client-lambda';
import type { InvokeEvidence, Sample } from '../../records/sample.js';
import type { ClientHooks, ClientOptions, HttpClient } from '../client.js';
import { ERROR_BODY_MAX_BYTES } from '../client.js';
import { expectationVerdict, type PreparedRequest } from '../request-plan.js';
import { decodeLogResult, parseReportTail } from './report-line.js';

export interface InvokeTarget {
  functionName: string;
  qualifier?: string;
}

interface Pending {
  request: PreparedRequest;
  phaseIndex: number;
  intendedAtMs: number;
  handedAtMs: number;
  lane: number;
  abort: AbortController;
  timer: NodeJS.Timeout;
  ended: boolean;
}

/** A sender factory for the driver (drive.ts `sender`): one invoke sender per pool the driver would open. */
export function invokeSenderFactory(client: LambdaClient, target: InvokeTarget) {
  return (options: ClientOptions, hooks: ClientHooks): HttpClient => createInvokeSender(client, target, options, hooks);
}

export function createInvokeSender(client: LambdaClient, target: InvokeTarget, options: ClientOptions, hooks: ClientHooks): HttpClient {
  const pending = new Set<Pending>();
  const intendedIsSent = options.intendedIsSent ?? false;

  const finish = (p: Pending, fields: Omit<Sample, 'phaseIndex' | 'requestIndex' | 'intendedAtMs' | 'sentAtMs' | 'endedAtMs' | 'bytesSent'>): void => {
    if (p.ended) return;
    p.ended = true;
    clearTimeout(p.timer);
    pending.delete(p);
    const sample: Sample = {
      phaseIndex: p.phaseIndex,
      requestIndex: p.request.requestIndex,
      intendedAtMs: intendedIsSent ? p.handedAtMs : p.intendedAtMs,
      sentAtMs: p.handedAtMs,
      endedAtMs: performance.now(),
      bytesSent: p.request.body?.length ?? 0,
      ...fields,
    };
    hooks.onDone(sample, p.lane);
  };

  const fail = (p: Pending, errorCode: string): void => {
    p.abort.abort();
    finish(p, { status: 0, errorCode, bytesReceived: 0 });
  };

  return {
    get inFlight() {
      return pending.size;
    },
    send(request, phaseIndex, intendedAtMs, lane = 0) {
      const handedAtMs = performance.now();
      const abort = new AbortController();
      const p: Pending = { request, phaseIndex, intendedAtMs, handedAtMs, lane, abort, ended: false, timer: undefined as unknown as NodeJS.Timeout };
      p.timer = setTimeout(() => fail(p, 'TIMEOUT'), options.timeoutMs);
      pending.add(p);
      hooks.onSent(intendedAtMs, handedAtMs, handedAtMs);
      const command = new InvokeCommand({
        FunctionName: target.functionName,
        ...(target.qualifier === undefined ? {} : { Qualifier: target.qualifier }),
        InvocationType: 'RequestResponse',
        LogType: 'Tail',
        Payload: request.body ?? Buffer.from('{}'),
      });
      client.send(command, { abortSignal: abort.signal }).then(
        (output) => finish(p, answered(request, output)),
        (error: unknown) => finish(p, failed(request, error)),
      );
    },
    failAll(errorCode) {
      for (const p of [...pending]) fail(p, errorCode);
    },
    // DryRun invokes (Lambda validates the call and the caller's permission, and runs nothing) open the agent's
    // sockets and take the SDK's path through V8's optimiser before the clock starts, as the HTTP client preconnects.
    async preconnect(count) {
      const dryRun = () =>
        client.send(new InvokeCommand({ FunctionName: target.functionName, ...(target.qualifier === undefined ? {} : { Qualifier: target.qualifier }), InvocationType: 'DryRun' })).then(
          () => 1,
          () => 0,
        );
      const answered = await Promise.all(Array.from({ length: count }, dryRun));
      return answered.reduce((n: number, ok) => n + ok, 0);
    },
    async close() {
      for (const p of [...pending]) fail(p, 'ABORTED');
    },
  };
}

type Answer = Pick<Sample, 'status' | 'bytesReceived' | 'expectationFailed' | 'failedCheck' | 'errorBody' | 'requestId' | 'invoke' | 'errorCode'>;

function answered(request: PreparedRequest, output: InvokeCommandOutput): Answer {
  const status = output.StatusCode ?? output.$metadata.httpStatusCode ?? 200;
  const payload = Buffer.from(output.Payload ?? new Uint8Array());
  const tail = decodeLogResult(output.LogResult);
  const report = tail === undefined ? undefined : parseReportTail(tail);
  const invoke: InvokeEvidence = { ...(report ? { report } : {}) };
  const answer: Answer = { status, bytesReceived: payload.length, invoke };
  if (output.$metadata.requestId !== undefined) answer.requestId = output.$metadata.requestId;
  if (output.FunctionError !== undefined) {
    invoke.functionError = output.FunctionError;
    const error = functionErrorOf(payload);
    invoke.errorType = error.type ?? report?.errorType ?? output.FunctionError;
    if (error.message !== undefined) invoke.errorMessage = error.message;
    // A function error fails the request whatever its `expect` says: the Invoke answered, the function did not.
    return { ...answer, expectationFailed: true, failedCheck: 'status', errorBody: payload.subarray(0, ERROR_BODY_MAX_BYTES).toString('utf8') };
  }
  const verdict = expectationVerdict(request.expect, status, payload);
  if (verdict === undefined) return answer;
  return { ...answer, expectationFailed: true, failedCheck: verdict, errorBody: payload.subarray(0, ERROR_BODY_MAX_BYTES).toString('utf8') };
}

/** An SDK error with an HTTP answer is the API's (429, 404, ...); one without is the network's or ours. */
function failed(request: PreparedRequest, error: unknown): Answer {
  const e = error as { name?: string; message?: string; code?: string; Reason?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined || status === 0) {
    return { status: 0, bytesReceived: 0, errorCode: e.code ?? (e.name === 'AbortError' ? 'ABORTED' : (e.name ?? 'NO_RESPONSE')) };
  }
  const name = e.name ?? `HTTP ${status}`;
  const message = e.message ?? '';
  const body = JSON.stringify({ errorType: name, message });
  const invoke: InvokeEvidence = { errorType: name, ...(message ? { errorMessage: message } : {}), ...(e.Reason ? { reason: e.Reason } : {}) };
  const answer: Answer = { status, bytesReceived: 0, invoke, expectationFailed: true, failedCheck: 'status', errorBody: body.slice(0, ERROR_BODY_MAX_BYTES) };
  if (e.$metadata?.requestId !== undefined) answer.requestId = e.$metadata.requestId;
  // An `expect` that lists this status accepts it (a test that wants throttles).
  if (expectationVerdict(request.expect, status, undefined) === undefined) return { status, bytesReceived: 0, invoke, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
  return answer;
}

/** `{"errorType": "TypeError", "errorMessage": "..."}`: what Lambda puts in the payload of a failed invocation. */
function functionErrorOf(payload: Buffer): { type?: string; message?: string } {
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as { errorType?: unknown; errorMessage?: unknown };
    return {
      ...(typeof parsed.errorType === 'string' ? { type: parsed.errorType } : {}),
      ...(typeof parsed.errorMessage === 'string' ? { message: parsed.errorMessage } : {}),
    };
  } catch {
    return {};
  }
}
