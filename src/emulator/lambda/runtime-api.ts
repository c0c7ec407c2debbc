/**
 * The Lambda Runtime API (version path `2018-06-01`) served to one execution environment on its own 127.0.0.1
 * port: runtimes build every URL from AWS_LAMBDA_RUNTIME_API = `host:port`, so a port per environment is what lets
 * each process reach only its own environment. Routes, headers and status codes as Lambda and the RIE serve them
 * (aws-facts §7.1, coldstarts.md §5.1):
 *   GET  /runtime/invocation/next            long poll; 200 + event, headers Lambda-Runtime-Aws-Request-Id,
 *                                            -Deadline-Ms, -Invoked-Function-Arn, -Trace-Id, -Client-Context
 *   POST /runtime/invocation/{id}/response   202 {"status":"OK"}; 400 InvalidRequestID; 403 InvalidStateTransition;
 *                                            413 above 6 MiB + 100 bytes
 *   POST /runtime/invocation/{id}/error      202; same checks; type from Lambda-Runtime-Function-Error-Type
 *   POST /runtime/init/error                 202; 403 once init is over
 * Request ids arrive URL-encoded (aws-lambda-ric encodes them) and are decoded before lookup. A streamed response
 * (Lambda-Runtime-Function-Response-Mode: streaming) is read whole; an error trailer makes it an error.
 * This file speaks HTTP only; the environment decides what each call means.
 */
import { MAX_RESPONSE_BYTES } from './function-errors.js';
import { startWireServer, type WireExchange } from './runtime-http.js';

export interface RuntimeEvent {
  requestId: string;
  payload: Buffer;
  deadlineEpochMs: number;
  invokedFunctionArn: string;
  traceId: string;
  /** Client context JSON (already decoded from the caller's base64). */
  clientContext?: string;
}

export type CallVerdict = 'accepted' | 'invalid-id' | 'invalid-state';

export interface RuntimeApiHandlers {
  /** The runtime waits for an event; call `deliver` once when there is one. */
  next(deliver: (event: RuntimeEvent) => boolean): 'wait' | 'invalid-state';
  response(requestId: string, body: Buffer): CallVerdict;
  /** The runtime tried to return more than Lambda accepts. */
  responseTooLarge(requestId: string): CallVerdict;
  error(requestId: string, body: Buffer, errorTypeHeader: string | undefined): CallVerdict;
  initError(body: Buffer, errorTypeHeader: string | undefined): 'accepted' | 'invalid-state';
}

export interface RuntimeApiServer {
  /** `127.0.0.1:PORT`, the value of AWS_LAMBDA_RUNTIME_API. */
  address: string;
  close(): Promise<void>;
}

const PREFIX = '/2018-06-01/runtime/';
const INVOCATION = 'invocation/';
const ACCEPTED = '{"status":"OK"}';
const REPLIES = {
  'invalid-id': [400, '{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}'],
  'invalid-state': [403, '{"errorMessage":"State transition is not allowed","errorType":"InvalidStateTransition"}'],
  'too-large': [413, `{"errorMessage":"Exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).","errorType":"RequestEntityTooLarge"}`],
  'not-found': [404, '{"errorMessage":"Unknown Runtime API path","errorType":"NotFound"}'],
} as const;

export async function startRuntimeApi(handlers: RuntimeApiHandlers): Promise<RuntimeApiServer> {
  // The `next` long poll may wait as long as an environment stays idle: the wire server has no time-outs.
  const server = await startWireServer((exchange) => route(exchange, handlers), MAX_RESPONSE_BYTES);
  return { address: `127.0.0.1:${server.port}`, close: () => server.close() };
}

function route(exchange: WireExchange, handlers: RuntimeApiHandlers): void {
  const { method, target, headers, trailers, body, bodyTooLarge } = exchange.request;
  if (!target.startsWith(PREFIX)) return reply(exchange, 'not-found');
  const rest = target.slice(PREFIX.length);
  if (method === 'GET' && rest === `${INVOCATION}next`) return serveNext(exchange, handlers);
  if (method !== 'POST') return reply(exchange, 'not-found');
  if (rest === 'init/error') return reply(exchange, handlers.initError(body, headers['lambda-runtime-function-error-type']));
  if (!rest.startsWith(INVOCATION)) return reply(exchange, 'not-found');
  const slash = rest.lastIndexOf('/');
  const action = rest.slice(slash + 1);
  let requestId: string;
  try {
    requestId = decodeURIComponent(rest.slice(INVOCATION.length, slash));
  } catch {
    return reply(exchange, 'invalid-id');
  }
  if (action === 'response') {
    if (bodyTooLarge) return replyTooLarge(exchange, handlers.responseTooLarge(requestId));
    // A streamed response that failed part-way carries its error in the trailers.
    const trailerType = trailers['lambda-runtime-function-error-type'];
    if (trailerType !== undefined) {
      const trailerBody = trailers['lambda-runtime-function-error-body'];
      const errorBody = trailerBody ? Buffer.from(trailerBody, 'base64') : Buffer.from(JSON.stringify({ errorType: trailerType, errorMessage: '' }));
      return replySoon(exchange, handlers.error(requestId, errorBody, trailerType));
    }
    return replySoon(exchange, handlers.response(requestId, body));
  }
  if (action === 'error') return replySoon(exchange, handlers.error(requestId, bodyTooLarge ? Buffer.alloc(0) : body, headers['lambda-runtime-function-error-type']));
  reply(exchange, 'not-found');
}

function serveNext(exchange: WireExchange, handlers: RuntimeApiHandlers): void {
  const verdict = handlers.next((event) => {
    if (!exchange.open) return false;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': event.requestId,
      'Lambda-Runtime-Deadline-Ms': String(event.deadlineEpochMs),
      'Lambda-Runtime-Invoked-Function-Arn': event.invokedFunctionArn,
      'Lambda-Runtime-Trace-Id': event.traceId,
    };
    if (event.clientContext !== undefined) headers['Lambda-Runtime-Client-Context'] = event.clientContext;
    exchange.answer({ status: 200, headers, body: event.payload });
    return true;
  });
  if (verdict === 'invalid-state') reply(exchange, 'invalid-state');
}

/**
 * The runtime's answer to /response or /error, one turn later: the environment settles the invocation in an
 * immediate queued first (see `environment.ts`), so the caller's answer is written before this 202. Written first,
 * the 202 wakes the runtime process, which on a busy machine can take the CPU from the emulator before the caller's
 * answer leaves: measured, that put up to a few hundred µs on every request's latency. When the runtime pipelined
 * its GET /next behind the call, the 202 goes out with the next event (runtime-http.ts: `coalesce`).
 */
function replySoon(exchange: WireExchange, verdict: CallVerdict): void {
  setImmediate(reply, exchange, verdict, true);
}

function reply(exchange: WireExchange, verdict: CallVerdict | 'not-found', coalesce = false): void {
  if (verdict === 'accepted') return exchange.answer({ status: 202, body: ACCEPTED, coalesce });
  const [status, body] = REPLIES[verdict];
  exchange.answer({ status, body });
}

function replyTooLarge(exchange: WireExchange, verdict: CallVerdict): void {
  if (verdict !== 'accepted') return reply(exchange, verdict);
  const [status, body] = REPLIES['too-large'];
  exchange.answer({ status, body });
}
