/**
 * The Lambda Invoke API over HTTP (aws-facts §4.3, API_Invoke; coldstarts.md §5.4 for what `@aws-sdk/client-lambda`
 * reads), in front of the emulated service:
 *
 *   POST /2015-03-31/functions/{FunctionName}/invocations[?Qualifier=$LATEST]
 *     X-Amz-Invocation-Type  RequestResponse (200) | Event (202, runs in the background) | DryRun (204)
 *     X-Amz-Log-Type: Tail   → X-Amz-Log-Result: base64 of the last 4 KB of the invocation's log
 *     X-Amz-Client-Context   → forwarded to the runtime (Lambda-Runtime-Client-Context)
 *   200 answers carry X-Amz-Executed-Version and, for any error the function or its runtime reported,
 *   X-Amz-Function-Error: Unhandled (the body is the error object).
 *   Errors: 404 ResourceNotFoundException, 413 RequestTooLargeException, 429 TooManyRequestsException (with its
 *   Reason), 400 InvalidRequestContentException / InvalidParameterValueException, 500 ServiceException; the SDK reads
 *   the name from `x-amzn-ErrorType`.
 *
 * FunctionName may be a name, `name:qualifier`, a partial or a full ARN. The container-image RIE path
 * `/2015-03-31/functions/function/invocations` invokes the function named `function`, else the only function, so
 * `curl -d '{}' …/2015-03-31/functions/function/invocations` works as it does against the RIE (aws-facts §7.3); with
 * several functions it answers 404 and says to name one (function-name.ts `resolveInvokeName`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFunctionIdentifier, resolveInvokeName, RIE_FUNCTION_NAME } from './function-name.js';
import { invalidPayloadMessage } from './invoke-payload.js';
import { EXECUTED_VERSION } from './log-lines.js';
import { describeService, EMULATOR_ACCOUNT_ID } from './service.js';
import type { LambdaService } from './types.js';
import { QUOTAS } from '../../facts/quotas.js';

const PATH = /^\/2015-03-31\/functions\/([^/?]+)\/invocations(?:\?(.*))?$/;
/** Invoke payload limits: synchronous and asynchronous (1 MB since October 2025). */
export const INVOKE_PAYLOAD_LIMIT_BYTES = { RequestResponse: QUOTAS.syncPayloadBytes.value, Event: QUOTAS.asyncPayloadBytes.value } as const;
const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'] as const;
type InvocationType = (typeof INVOCATION_TYPES)[number];

/** Serves an Invoke API request; returns false (and writes nothing) when the path is not an Invoke API path. */
export async function handleInvokeRequest(req: IncomingMessage, res: ServerResponse, service: LambdaService): Promise<boolean> {
  const match = PATH.exec(req.url ?? '');
  if (!match || req.method !== 'POST') return false;
  const facts = describeService(service);
  const region = facts?.region ?? 'us-east-1';

  let identifier: string;
  try {
    identifier = decodeURIComponent(match[1]);
  } catch {
    identifier = match[1];
  }
  const parsed = parseFunctionIdentifier(identifier);
  const qualifier = new URLSearchParams(match[2] ?? '').get('Qualifier') ?? parsed.qualifier;
  const resolved = facts ? resolveInvokeName(parsed.name, facts.functionNames) : { name: parsed.name };
  if ('ambiguous' in resolved) {
    drain(req);
    const arn = `arn:aws:lambda:${region}:${EMULATOR_ACCOUNT_ID}:function:${RIE_FUNCTION_NAME}`;
    return sendError(res, 404, 'ResourceNotFoundException', {
      Type: 'User',
      Message:
        `Function not found: ${arn}. The RIE's '${RIE_FUNCTION_NAME}' path serves a single function; this emulator has ` +
        `${resolved.ambiguous.length} (${resolved.ambiguous.join(', ')}): name one, /2015-03-31/functions/<name>/invocations`,
    });
  }
  const name = resolved.name;
  const arn = `arn:aws:lambda:${region}:${EMULATOR_ACCOUNT_ID}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
  // The emulator runs only $LATEST: another version or alias does not exist.
  if (!service.hasFunction(name) || (qualifier !== undefined && qualifier !== EXECUTED_VERSION)) {
    drain(req);
    return sendError(res, 404, 'ResourceNotFoundException', { Type: 'User', Message: `Function not found: ${arn}` });
  }

  const type = headerOf(req, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (!INVOCATION_TYPES.includes(type as InvocationType)) {
    drain(req);
    return sendError(res, 400, 'InvalidParameterValueException', {
      Type: 'User',
      message: `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
    });
  }
  if (type === 'DryRun') {
    drain(req);
    res.writeHead(204, { 'x-amzn-RequestId': randomUUID() }).end();
    return true;
  }

  const limit = INVOKE_PAYLOAD_LIMIT_BYTES[type as 'RequestResponse' | 'Event'];
  const body = await readBody(req, limit);
  if (body.tooLarge) {
    // Observed message format (aws-facts §3.1, moto).
    return sendError(res, 413, 'RequestTooLargeException', {
      Type: 'User',
      Message: `${body.size} byte payload is too large for the ${type} invocation type (limit ${limit} bytes)`,
    });
  }
  const payload = body.data.length === 0 ? Buffer.from('{}') : body.data;
  const invalid = invalidPayloadMessage(body.data);
  if (invalid !== undefined) return sendError(res, 400, 'InvalidRequestContentException', { Type: 'User', message: invalid });
  const clientContext = headerOf(req, 'x-amz-client-context');

  if (type === 'Event') {
    // Accepted at once; the function runs in the background. (AWS queues events and retries throttles; the
    // emulator runs each event once.)
    service.invoke(name, payload, { clientContext, traceHeader: headerOf(req, 'x-amzn-trace-id') }).catch(() => undefined);
    res.writeHead(202, { 'x-amzn-RequestId': randomUUID(), 'Content-Length': 0 }).end();
    return true;
  }

  let result;
  try {
    result = await service.invoke(name, payload, { clientContext, traceHeader: headerOf(req, 'x-amzn-trace-id') });
  } catch (error) {
    return sendError(res, 500, 'ServiceException', { Type: 'Service', message: error instanceof Error ? error.message : String(error) });
  }
  const { record } = result;
  if (record.outcome === 'throttled') {
    res.writeHead(429, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'TooManyRequestsException', 'x-amzn-RequestId': record.requestId });
    endWithBuffer(res, result.payload);
    return true;
  }
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': result.payload.length,
    'x-amzn-RequestId': record.requestId,
    'X-Amz-Executed-Version': EXECUTED_VERSION,
  };
  if (record.functionError) headers['X-Amz-Function-Error'] = record.functionError;
  if (headerOf(req, 'x-amz-log-type') === 'Tail') headers['X-Amz-Log-Result'] = Buffer.from(result.logTail, 'utf8').toString('base64');
  endWithBuffer(res.writeHead(200, headers), result.payload);
  return true;
}

/**
 * Ends an answer with a Buffer body. An answer still queued behind earlier pipelined answers (no socket yet) holds
 * the interim 100 Continue node:http wrote for it, and node:http puts the head of a Buffer body in front of what it
 * holds (OutgoingMessage._send unshifts it): the client would read head, 100, body. Flushed first, the head goes
 * behind the 100. (The gateway's `write` does the same.)
 */
function endWithBuffer(res: ServerResponse, body: Buffer): void {
  if (!res.socket) res.flushHeaders();
  res.end(body);
}

function sendError(res: ServerResponse, status: number, type: string, body: Record<string, string>): true {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(json),
    'x-amzn-ErrorType': type,
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(json);
  return true;
}

function readBody(req: IncomingMessage, limit: number): Promise<{ data: Buffer; size: number; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve({ data: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), size, tooLarge: size > limit }));
    req.on('error', reject);
  });
}

function drain(req: IncomingMessage): void {
  req.resume();
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
