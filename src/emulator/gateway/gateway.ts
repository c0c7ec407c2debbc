/**
 * The API Gateway front: one request in, one response out. `respond` is the core (a fully read request in, a
 * response out, no socket), so the same behaviour is tested in-process and over HTTP; `handle` is the thin Node
 * adapter that reads the body within API Gateway's 10 MB limit and writes the answer.
 *
 * Order of the steps, as API Gateway applies them: payload limit (413) → stage (403/404) → route (403/404) →
 * throttle (429) → build the event (413 above Lambda's 6 MB) → invoke with the integration timeout → map the
 * result. Every response carries the request-id headers; every response that ran the function also carries the
 * `x-lambdaload-start` cold/warm evidence.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { InvokeResult, LambdaService } from '../lambda/types.js';
import type { ResolvedGateway } from './config.js';
import { buildEventV1 } from './event-v1.js';
import { buildEventV2 } from './event-v2.js';
import { invalidPayloadMessage } from '../lambda/invoke-payload.js';
import { GATEWAY_PAYLOAD_LIMIT_BYTES, LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES, gatewayErrorResponse, nonProxyInvalidBodyResponse, type GatewayErrorKind } from './gateway-errors.js';
import { createIdSource, stampRequest } from './ids.js';
import { mapResultV1 } from './result-v1.js';
import { mapResultV2 } from './result-v2.js';
import { START_HEADER_NAME, formatStartHeader } from '../../evidence/start-header.js';
import { admitRequest, createTokenBucket, type TokenBucket } from './throttle.js';
import { stripStagePrefix } from './router.js';
import type { CompiledRoute, GatewayRequest, GatewayResponse, RequestStamp } from './types.js';

export interface GatewayOptions {
  gateway: ResolvedGateway;
  lambda: Pick<LambdaService, 'invoke'>;
  /** Wall clock for request times. Default `Date.now`. */
  nowMs?: () => number;
  /** Monotonic clock for the token buckets. Default `performance.now`. */
  monotonicMs?: () => number;
  /** Called when the emulator itself fails while serving a request (answered as a 500). */
  onError?: (error: unknown) => void;
}

export interface GatewayStats {
  requests: number;
  /** Answered 429 by API Gateway's own throttle. */
  throttled: number;
  lambdaThrottles: number;
  integrationTimeouts: number;
  integrationErrors: number;
}

export interface Gateway {
  /** Answers a fully read request. */
  respond(request: GatewayRequest): Promise<GatewayResponse>;
  /** Node adapter: reads the request (10 MB at most), answers it. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  stats(): GatewayStats;
}

const EMPTY = Buffer.alloc(0);
const EMPTY_EVENT = Buffer.from('{}');

export function createGateway(options: GatewayOptions): Gateway {
  const { api, router } = options.gateway;
  const lambda = options.lambda;
  const nowMs = options.nowMs ?? Date.now;
  const monotonicMs = options.monotonicMs ?? (() => performance.now());
  const ids = createIdSource();
  const rest = api.type === 'rest';
  const stats: GatewayStats = { requests: 0, throttled: 0, lambdaThrottles: 0, integrationTimeouts: 0, integrationErrors: 0 };

  const startMs = monotonicMs();
  const accountBucket = createTokenBucket(api.accountThrottle, startMs);
  const stageBucket = api.stageThrottle ? createTokenBucket(api.stageThrottle, startMs) : undefined;
  const routeBuckets = new Map<CompiledRoute, TokenBucket>();
  for (const route of options.gateway.routes) if (route.throttle) routeBuckets.set(route, createTokenBucket(route.throttle, startMs));
  const levels: (TokenBucket | undefined)[] = [undefined, stageBucket, accountBucket];

  /** Adds the request-id headers (and Content-Length) every API Gateway answer carries. */
  function finish(response: GatewayResponse, stamp: RequestStamp): GatewayResponse {
    const h = response.headers;
    h.push('Content-Length', String(response.body.length));
    if (rest) h.push('x-amzn-RequestId', stamp.requestId, 'x-amz-apigw-id', stamp.extendedRequestId, 'X-Amzn-Trace-Id', `${stamp.traceId};Sampled=0`);
    else h.push('Apigw-Requestid', stamp.requestId);
    return response;
  }

  function fail(kind: GatewayErrorKind, stamp: RequestStamp): GatewayResponse {
    return finish(gatewayErrorResponse(kind, api.type), stamp);
  }

  async function respond(request: GatewayRequest): Promise<GatewayResponse> {
    stats.requests++;
    const stamp = stampRequest(ids, api.type, nowMs());
    if (request.body.length > GATEWAY_PAYLOAD_LIMIT_BYTES) return fail('requestTooLarge', stamp);
    const path = stripStagePrefix(request.rawPath, api.stagePrefix);
    if (path === undefined) return fail('unknownStage', stamp);
    const match = router.match(request.method, path);
    levels[0] = match ? routeBuckets.get(match.route) : undefined;
    if (!admitRequest(levels, monotonicMs())) {
      stats.throttled++;
      return fail('throttled', stamp);
    }
    if (!match) return fail('missingRoute', stamp);

    const route = match.route;
    let payload: Buffer;
    if (route.integration === 'lambda') {
      payload = request.body.length > 0 ? request.body : EMPTY_EVENT;
      const invalid = invalidPayloadMessage(payload);
      if (invalid !== undefined) return finish(nonProxyInvalidBodyResponse(invalid), stamp);
    } else {
      const event = api.payloadFormat === '2.0' ? buildEventV2(api, request, match, stamp) : buildEventV1(api, request, match, path, stamp);
      payload = Buffer.from(JSON.stringify(event), 'utf8');
    }
    if (payload.length > LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES) return fail('lambdaPayloadTooLarge', stamp);

    let result: InvokeResult;
    try {
      result = await lambda.invoke(route.functionName, payload, { waitTimeoutMs: api.integrationTimeoutMs });
    } catch (error) {
      options.onError?.(error);
      return fail('internal', stamp);
    }
    const response = finish(mapInvokeResult(result, route), stamp);
    const record = result.record;
    if (record.outcome !== 'throttled' && record.environmentId !== undefined) response.headers.push(START_HEADER_NAME, formatStartHeader(record));
    return response;
  }

  function mapInvokeResult(result: InvokeResult, route: CompiledRoute): GatewayResponse {
    const record = result.record;
    if (result.waitTimedOut) {
      stats.integrationTimeouts++;
      return gatewayErrorResponse('integrationTimeout', api.type);
    }
    if (record.outcome === 'throttled') {
      stats.lambdaThrottles++;
      return gatewayErrorResponse('lambdaThrottled', api.type);
    }
    // Non-proxy integration: the return value (or, by default, the error object) is a 200 JSON body (aws-facts §6.3).
    if (route.integration === 'lambda') return { statusCode: 200, headers: ['Content-Type', 'application/json'], body: result.payload };
    const mapped =
      record.outcome === 'success' && record.functionError === undefined
        ? api.payloadFormat === '2.0'
          ? mapResultV2(result.payload)
          : mapResultV1(result.payload, api.type)
        : undefined;
    if (mapped) return mapped;
    stats.integrationErrors++;
    return gatewayErrorResponse('integrationError', api.type);
  }

  function write(res: ServerResponse, response: GatewayResponse): void {
    res.writeHead(response.statusCode, response.headers);
    // An answer still queued behind earlier pipelined answers (no socket yet) holds the interim 100 Continue that
    // node:http wrote for it, and node:http puts the head of a Buffer body in front of what it holds
    // (OutgoingMessage._send unshifts it): the client would read head, 100, body. Flushed first, the head goes
    // behind the 100.
    if (!res.socket) res.flushHeaders();
    res.end(response.body);
  }

  function serve(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    respond(toGatewayRequest(req, body)).then(
      (response) => write(res, response),
      (error: unknown) => {
        options.onError?.(error);
        if (!res.headersSent) write(res, fail('internal', stampRequest(ids, api.type, nowMs())));
        else res.destroy();
      },
    );
  }

  function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
    stats.requests++;
    // Stop reading: the rest of an oversized body is not worth receiving, so the connection closes after the answer.
    res.shouldKeepAlive = false;
    write(res, fail('requestTooLarge', stampRequest(ids, api.type, nowMs())));
    req.resume();
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const contentLength = req.headers['content-length'];
    if (contentLength === undefined && req.headers['transfer-encoding'] === undefined) return serve(req, res, EMPTY);
    if (contentLength !== undefined && Number(contentLength) > GATEWAY_PAYLOAD_LIMIT_BYTES) return refuseTooLarge(req, res);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > GATEWAY_PAYLOAD_LIMIT_BYTES) {
        refused = true;
        chunks.length = 0;
        refuseTooLarge(req, res);
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) serve(req, res, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    req.on('error', () => res.destroy());
  }

  return { respond, handle, stats: () => ({ ...stats }) };
}

/** Node's request as the gateway's plain request. */
export function toGatewayRequest(req: IncomingMessage, body: Buffer): GatewayRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const remote = req.socket.remoteAddress ?? '127.0.0.1';
  return {
    method: req.method ?? 'GET',
    rawPath: q === -1 ? url : url.slice(0, q),
    rawQuery: q === -1 ? '' : url.slice(q + 1),
    rawHeaders: req.rawHeaders,
    body,
    sourceIp: remote.startsWith('::ffff:') ? remote.slice(7) : remote,
    protocol: `HTTP/${req.httpVersion}`,
    localPort: req.socket.localPort ?? 0,
  };
}
