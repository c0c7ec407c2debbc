/**
 * The emulator's CloudWatch and CloudWatch Logs: watches what the emulator does (every invocation through the
 * Lambda service, every request the API Gateway front answers, every REPORT line) into bounded observations, and
 * serves the AWS protocols the SDK v3 clients speak over them, so `AWS_ENDPOINT_URL_CLOUDWATCH` and
 * `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS` pointed at the emulator give a run's server-side evidence with no AWS account.
 * server.ts wires it: `observeLambda` in front of the service, `observeGateway` around the gateway's Node adapter,
 * `onLog` beside the log sink, and `handles` / `serve` for requests with the AWS protocol markers.
 */
import { EMULATOR_API_NAME } from '../../cloudwatch/queries.js';
import { withOverrides } from '../lambda/service.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ResolvedGateway } from '../gateway/config.js';
import { stripStagePrefix } from '../gateway/router.js';
import type { LambdaService } from '../lambda/types.js';
import { serveCloudWatch } from './cloudwatch-api.js';
import { createLogsFront } from './logs-api.js';
import type { AwsIdentity } from './metrics.js';
import { createObservations, lambdaFactOf, type ApiFact, type Observations } from './observations.js';
import { parseReportLine } from './report-query.js';
import { awsServiceOf, AwsWireError, readJsonBody, writeError, writeJson } from './wire.js';


export interface AwsFrontOptions {
  gateway: ResolvedGateway;
  functions: AwsIdentity['functions'];
  region: string;
  /** Facts kept per ring (observations.ts). */
  limit?: number;
}

export interface AwsFront {
  observations: Observations;
  identity: AwsIdentity;
  observeLambda(lambda: LambdaService): LambdaService;
  observeGateway(handle: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void;
  onLog(functionName: string, line: string): void;
  /** True when the request carries CloudWatch's or CloudWatch Logs' protocol markers. */
  handles(req: IncomingMessage): boolean;
  serve(req: IncomingMessage, res: ServerResponse): void;
}

export function createAwsFront(options: AwsFrontOptions): AwsFront {
  const observations = createObservations(options.limit);
  const { api, router } = options.gateway;
  const identity: AwsIdentity = { apiType: api.type, apiName: EMULATOR_API_NAME, apiId: api.apiId, stage: api.stage, functions: options.functions };
  const logs = createLogsFront(observations, options.functions.map((f) => f.name), options.region, api.accountId);
  /** Integration time by the API Gateway request id the event carried, until the request's answer is written. */
  const integrationMs = new Map<string, number>();
  const requestIdHeader = api.type === 'rest' ? 'x-amzn-requestid' : 'apigw-requestid';
  /** Invocations whose caller stopped waiting, by request id, until their REPORT line says how they ended. */
  const awaitingReport = new Map<string, { functionName: string; startMs: number }>();

  function reportLine(functionName: string, line: string): void {
    const timestampMs = Date.now();
    observations.reports.push({ functionName, timestampMs, message: line });
    const requestId = /^REPORT RequestId: (\S+)/.exec(line)?.[1];
    const waited = requestId === undefined ? undefined : awaitingReport.get(requestId);
    const report = waited && parseReportLine(line);
    if (!waited || !report) return;
    awaitingReport.delete(requestId!);
    // A Status field means a timeout or a platform error (aws-facts §5.1): an Error. A handled error's REPORT line
    // looks like a success's, so it is not counted here.
    const error = /\tStatus: /.test(line);
    observations.lambda.push({ functionName: waited.functionName, startMs: waited.startMs, endMs: timestampMs, durationMs: report.durationMs, throttled: false, error });
  }

  function observeLambda(lambda: LambdaService): LambdaService {
    const invoke: LambdaService['invoke'] = async (name, payload, invokeOptions) => {
      const t0 = performance.now();
      const result = await lambda.invoke(name, payload, invokeOptions);
      // A caller that stopped waiting holds a provisional record: the invocation is counted when its REPORT line
      // comes (onLog below), as the function keeps running on AWS too.
      if (!result.waitTimedOut) observations.lambda.push(lambdaFactOf(result.record, Date.now()));
      else {
        setBounded(awaitingReport, result.record.requestId, { functionName: name, startMs: result.record.startedAtMs });
      }
      const requestId = gatewayRequestIdOf(payload);
      if (requestId !== undefined) {
        setBounded(integrationMs, requestId, performance.now() - t0);
      }
      return result;
    };
    return withOverrides(lambda, { invoke });
  }

  function observeGateway(handle: (req: IncomingMessage, res: ServerResponse) => void) {
    return (req: IncomingMessage, res: ServerResponse) => {
      const arrivedMs = Date.now();
      const t0 = performance.now();
      const path = stripStagePrefix((req.url ?? '/').split('?')[0], api.stagePrefix);
      const match = path === undefined ? undefined : router.match(req.method ?? 'GET', path);
      let requestId: string | undefined;
      const writeHead = res.writeHead;
      res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
        requestId = requestIdIn(args[1]);
        return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
      } as typeof res.writeHead;
      res.once('finish', () => {
        const fact: ApiFact = { arrivedMs, status: res.statusCode, latencyMs: performance.now() - t0 };
        const integration = requestId === undefined ? undefined : integrationMs.get(requestId);
        if (integration !== undefined) {
          fact.integrationMs = integration;
          integrationMs.delete(requestId!);
        }
        if (match) {
          fact.resource = match.route.path;
          fact.method = match.route.method;
          fact.routeKey = match.route.routeKey;
        }
        observations.api.push(fact);
      });
      handle(req, res);
    };
  }

  function requestIdIn(headers: unknown): string | undefined {
    if (!Array.isArray(headers)) return undefined;
    for (let i = 0; i + 1 < headers.length; i += 2) if (String(headers[i]).toLowerCase() === requestIdHeader) return String(headers[i + 1]);
    return undefined;
  }

  function serve(req: IncomingMessage, res: ServerResponse): void {
    const target = awsServiceOf(req)!;
    readJsonBody(req)
      .then((body) =>
        target.service === 'cloudwatch' ? serveCloudWatch(target.operation, body, observations, identity) : logs.serve(target.operation, body),
      )
      .then(
        (answer) => writeJson(res, target.service, answer),
        (error: unknown) => {
          const wire = error instanceof AwsWireError ? error : new AwsWireError(500, 'InternalFailure', String(error));
          if (!res.headersSent) writeError(res, target.service, wire);
        },
      );
  }

  return {
    observations,
    identity,
    observeLambda,
    observeGateway,
    onLog(functionName, line) {
      if (line.startsWith('REPORT ')) reportLine(functionName, line);
    },
    handles: (req) => awsServiceOf(req) !== undefined,
    serve,
  };
}

/** The API Gateway request id a proxy event carries (`requestContext.requestId`), if the payload is one. */
function gatewayRequestIdOf(payload: Buffer): string | undefined {
  if (payload[0] !== 0x7b) return undefined;
  try {
    const event = JSON.parse(payload.toString('utf8')) as { requestContext?: { requestId?: unknown } };
    const id = event.requestContext?.requestId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Entries kept while waiting for their other half (a REPORT line, the gateway's answer): the emulator's own bound. */
export const MAX_AWAITING = 10_000;

/**
 * Adds an entry, first evicting the oldest when full (a Map iterates in insertion order): an entry that old has lost
 * its other half (a REPORT that never came), and clearing them all would drop the young ones that are still coming.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= MAX_AWAITING) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(key, value);
}
