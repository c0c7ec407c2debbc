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
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_RESPONSE_BYTES } from './function-errors.js';

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
  const server = createServer((req, res) => route(req, res, handlers));
  // The `next` long poll may wait as long as an environment stays idle: no request or keep-alive timeouts.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function route(req: IncomingMessage, res: ServerResponse, handlers: RuntimeApiHandlers): void {
  const url = req.url ?? '';
  if (!url.startsWith(PREFIX)) return reply(res, 'not-found');
  const rest = url.slice(PREFIX.length);
  if (req.method === 'GET' && rest === `${INVOCATION}next`) return serveNext(res, handlers);
  if (req.method !== 'POST') return reply(res, 'not-found');
  if (rest === 'init/error') {
    readBody(req, (body) => reply(res, handlers.initError(body ?? Buffer.alloc(0), header(req, 'lambda-runtime-function-error-type'))));
    return;
  }
  if (!rest.startsWith(INVOCATION)) return reply(res, 'not-found');
  const slash = rest.lastIndexOf('/');
  const action = rest.slice(slash + 1);
  let requestId: string;
  try {
    requestId = decodeURIComponent(rest.slice(INVOCATION.length, slash));
  } catch {
    return reply(res, 'invalid-id');
  }
  if (action === 'response') {
    readBody(req, (body) => {
      if (body === undefined) return replyTooLarge(res, handlers.responseTooLarge(requestId));
      // A streamed response that failed part-way carries its error in the trailers.
      const trailerType = req.trailers['lambda-runtime-function-error-type'];
      if (trailerType !== undefined) {
        const trailerBody = req.trailers['lambda-runtime-function-error-body'];
        const errorBody = trailerBody ? Buffer.from(trailerBody, 'base64') : Buffer.from(JSON.stringify({ errorType: trailerType, errorMessage: '' }));
        return replySoon(res, handlers.error(requestId, errorBody, trailerType));
      }
      replySoon(res, handlers.response(requestId, body));
    });
    return;
  }
  if (action === 'error') {
    readBody(req, (body) => replySoon(res, handlers.error(requestId, body ?? Buffer.alloc(0), header(req, 'lambda-runtime-function-error-type'))));
    return;
  }
  reply(res, 'not-found');
}

function serveNext(res: ServerResponse, handlers: RuntimeApiHandlers): void {
  const verdict = handlers.next((event) => {
    if (res.destroyed || res.writableEnded) return false;
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json',
      'Content-Length': event.payload.length,
      'Lambda-Runtime-Aws-Request-Id': event.requestId,
      'Lambda-Runtime-Deadline-Ms': String(event.deadlineEpochMs),
      'Lambda-Runtime-Invoked-Function-Arn': event.invokedFunctionArn,
      'Lambda-Runtime-Trace-Id': event.traceId,
    };
    if (event.clientContext !== undefined) headers['Lambda-Runtime-Client-Context'] = event.clientContext;
    res.writeHead(200, headers);
    res.end(event.payload);
    return true;
  });
  if (verdict === 'invalid-state') reply(res, 'invalid-state');
}

/** Reads the body; `undefined` when it is larger than Lambda accepts (the rest is drained, not kept). */
function readBody(req: IncomingMessage, done: (body: Buffer | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
  });
  req.on('end', () => done(tooLarge ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
  req.on('error', () => undefined);
}

/**
 * The runtime's answer to /response or /error, one turn later: the environment settles the invocation in an
 * immediate queued first (see `environment.ts`), so the caller's answer is written before this 202. Written first,
 * the 202 wakes the runtime process, which on a busy machine can take the CPU from the emulator before the caller's
 * answer leaves: measured, that put up to a few hundred µs on every request's latency.
 */
function replySoon(res: ServerResponse, verdict: CallVerdict): void {
  setImmediate(reply, res, verdict);
}

function reply(res: ServerResponse, verdict: CallVerdict | 'not-found'): void {
  if (verdict === 'accepted') return send(res, 202, ACCEPTED);
  const [status, body] = REPLIES[verdict];
  send(res, status, body);
}

function replyTooLarge(res: ServerResponse, verdict: CallVerdict): void {
  if (verdict !== 'accepted') return reply(res, verdict);
  const [status, body] = REPLIES['too-large'];
  send(res, status, body);
}

/** With a Content-Length (all bodies here are ASCII): `writeHead` + `end(body)` alone would answer chunked. */
function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
