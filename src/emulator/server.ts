/**
 * The emulator's composition root: resolves the target (AWS's defaults, every problem at once), starts the Lambda
 * service and one `node:http` server that serves, by path:
 *   /2015-03-31/functions/...   the Lambda Invoke API (handled by the Lambda service's own module)
 *   /__lambdaload/invocations   the most recent InvocationRecords, as JSON `{ records, dropped }` (RECENT_RECORDS_LIMIT)
 *   /__lambdaload/stats         environments, cold starts, throttles, and the gateway's own counters
 *   POST with X-Amz-Target      CloudWatch / CloudWatch Logs for the emulator's own functions (src/emulator/aws)
 *   GET signed for apigateway   API Gateway's reads of the emulator's own API (src/emulator/aws/apigateway-api.ts)
 *   everything else             the API Gateway front
 * Binds 127.0.0.1 unless told otherwise.
 */
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { LambdaloadError } from '../errors.js';
import { joinPath } from '../scenario/key-path.js';
import type { DirectEmulatorTarget, EmulatorTarget } from '../scenario/types.js';
import { gatewayTargetOf } from '../target/direct.js';
import { targetProblems } from '../scenario/validate-target.js';
import { resolveTarget } from '../target/resolve.js';
import type { ResolvedFunction, ResolvedTarget } from '../target/types.js';
import { resolveGatewayConfig, type ResolvedGateway } from './gateway/config.js';
import { createGateway, type GatewayStats } from './gateway/gateway.js';
import { createApiGatewayFront } from './aws/apigateway-api.js';
import { createAwsFront } from './aws/front.js';
import { handleControlRequest } from './lambda/control-api.js';
import { handleInvokeRequest } from './lambda/invoke-api.js';
import { createLambdaService, type LambdaServiceTuning } from './lambda/service.js';
import type { FunctionConfig, LambdaService, LambdaServiceOptions } from './lambda/types.js';

export interface StartEmulatorOptions {
  /** Folder of the scenario file: function `code` paths are relative to it. */
  scenarioDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default `target.port`, else a free port. */
  port?: number;
  /** Region the functions see (`AWS_REGION`). Default: the target's, else the fallback Region (src/facts/defaults.ts). */
  region?: string;
  onLog?: (functionName: string, line: string) => void;
  /** Knobs for tests (e.g. a lower on-demand INIT limit than AWS's 10 s); the defaults are AWS's. */
  tuning?: LambdaServiceTuning;
}

export interface EmulatorRoute {
  method: string;
  path: string;
  function: string;
  /** Full URL of the route (path parameters left as `{name}`). */
  url: string;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `url` plus the stage prefix (`http://127.0.0.1:PORT/dev`); equals `url` for an HTTP API `$default` stage. */
  baseUrl: string;
  /** The API's id, stable for the same API (src/emulator/gateway/config.ts): what its API Gateway reads answer to. */
  apiId: string;
  routes: EmulatorRoute[];
  lambda: LambdaService;
  /** The gateway's own counters (requests, API Gateway throttles, integration timeouts and errors). */
  gatewayStats(): GatewayStats;
  /** Stops the server and every runtime process. Safe to call twice. */
  close(): Promise<void>;
}

export interface ResolvedEmulator {
  /** The target as the whole run sees it (src/target/resolve.ts). */
  target: ResolvedTarget;
  gateway: ResolvedGateway;
  service: Omit<LambdaServiceOptions, 'region' | 'invokeEndpointUrl' | 'onLog'>;
}

/**
 * Checks the target with the scenario's own validator (one set of rules, whoever calls), resolves it, and compiles
 * what the emulator needs. Throws `SCENARIO_INVALID` listing every problem with its key path.
 */
export async function resolveEmulatorTarget(target: EmulatorTarget, scenarioDir: string, region?: string): Promise<ResolvedEmulator> {
  const problems = [...targetProblems(target), ...(await missingCodeFolders(target, scenarioDir))];
  if (problems.length > 0) throw invalid(problems);
  const resolved = resolveTarget(target, region === undefined ? {} : { region });
  const functions = resolved.functions.map((fn) => functionConfig(fn, scenarioDir));
  const gateway = resolveGatewayConfig(resolved, problems);
  if (problems.length > 0) throw invalid(problems);
  const settings = resolved.emulator!;
  return {
    target: resolved,
    gateway,
    service: {
      functions,
      accountConcurrency: resolved.accountConcurrency,
      coldStartProfile: settings.coldStartProfile,
      idleTimeoutMs: settings.idleTimeoutMs,
      maxLifetimeMs: settings.maxLifetimeMs,
      spareRuntimes: settings.spareRuntimes,
    },
  };
}

function invalid(problems: string[]): LambdaloadError {
  return new LambdaloadError('SCENARIO_INVALID', `the emulator target has ${problems.length} problem${problems.length === 1 ? '' : 's'}`, {
    hint: 'Fix the keys listed; anything left out takes AWS’s default.',
    problems,
  });
}

/** Each function's code folder must exist (the validator checks shapes; this looks at the disk). */
async function missingCodeFolders(target: EmulatorTarget, scenarioDir: string): Promise<string[]> {
  const specs = typeof target.functions === 'object' && target.functions !== null ? Object.entries(target.functions) : [];
  const checks = specs.map(async ([name, spec]) => {
    const code = typeof spec?.code === 'string' ? spec.code : '.';
    const codeDir = path.resolve(scenarioDir, code);
    const isDir = await stat(codeDir).then((s) => s.isDirectory(), () => false);
    return isDir ? [] : [`${joinPath('target.functions', name)}.code: no folder at ${codeDir}`];
  });
  return (await Promise.all(checks)).flat();
}

function functionConfig(fn: ResolvedFunction, scenarioDir: string): FunctionConfig {
  const codeDir = path.resolve(scenarioDir, fn.code ?? '.');
  return {
    name: fn.name,
    codeDir,
    handler: fn.handler!,
    runtime: fn.runtime!,
    memoryMb: fn.memoryMb!,
    timeoutMs: fn.timeoutMs!,
    architecture: fn.architecture,
    environment: { ...fn.environment },
    reservedConcurrency: fn.reservedConcurrency,
    provisionedConcurrency: fn.provisionedConcurrency,
    ephemeralStorageMb: fn.ephemeralStorageMb,
    cpu: fn.cpu!,
  };
}

/** Starts the emulator for a target; resolves once it listens and provisioned environments are initialised. */
export async function startEmulator(given: EmulatorTarget | DirectEmulatorTarget, options: StartEmulatorOptions): Promise<RunningEmulator> {
  const target = gatewayTargetOf(given);
  const resolved = await resolveEmulatorTarget(target, options.scenarioDir, options.region);
  const host = options.host ?? '127.0.0.1';
  let dispatch: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = createServer({ keepAlive: true }, (req, res) => dispatch(req, res));
  // Keep idle client connections longer than a load test's pauses (Node's default is 5 s).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const port = await listen(server, host, options.port ?? target.port ?? 0);
  const url = `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;

  // CloudWatch and CloudWatch Logs for the emulator's own functions and API (src/emulator/aws): they watch the
  // invocations, the gateway's answers and the REPORT lines, and answer requests with the AWS protocol markers.
  const aws = createAwsFront({ gateway: resolved.gateway, functions: resolved.service.functions, region: resolved.target.region });
  const onLog = (fn: string, line: string) => (aws.onLog(fn, line), options.onLog?.(fn, line));
  const lambda = createLambdaService({ ...resolved.service, region: resolved.target.region, invokeEndpointUrl: url, onLog }, options.tuning);
  const observed = aws.observeLambda(lambda);
  const gateway = createGateway({
    gateway: resolved.gateway,
    lambda: observed,
    onError: (error) => options.onLog?.('lambdaload', `gateway error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
  });

  const gatewayHandle = aws.observeGateway(gateway.handle);
  const management = createApiGatewayFront(resolved.gateway, resolved.target.region);
  dispatch = (req, res) => {
    // A server must take a target in absolute form (`GET http://host/dev/hello`, RFC 9112 §3.2.2), which node:http
    // passes on as it came; API Gateway routes it by its path (before, every front read it as an unknown path).
    if (req.url !== undefined && !req.url.startsWith('/')) req.url = originForm(req.url);
    const reqUrl = req.url ?? '/';
    if (reqUrl.startsWith('/__lambdaload/')) return serveAdmin(reqUrl, res, lambda, gateway.stats);
    if (/^\/(2015-03-31|2019-09-30|2016-08-19)\//.test(reqUrl) && handleControlRequest(req, res, resolved.target)) return;
    if (aws.handles(req)) return aws.serve(req, res);
    if (management.handles(req)) return management.serve(req, res);
    if (reqUrl.startsWith('/2015-03-31/')) {
      handleInvokeRequest(req, res, observed).then(
        (handled: boolean) => {
          if (!handled) gatewayHandle(req, res);
        },
        () => {
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"Type":"Service","message":"emulator error"}');
        },
      );
      return;
    }
    gatewayHandle(req, res);
  };

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all([stopped, lambda.close()]);
    })());

  try {
    await lambda.start();
  } catch (error) {
    await close();
    throw new LambdaloadError('EMULATOR_START_FAILED', 'the emulator could not initialise provisioned environments', {
      hint: 'Check the function logs above: the init of a provisioned environment failed.',
      cause: error,
    });
  }

  const baseUrl = url + resolved.gateway.api.stagePrefix;
  const routes = resolved.gateway.routes.map((r) => ({
    method: r.method,
    path: r.path,
    function: r.functionName,
    url: r.path === '$default' ? `${baseUrl}/` : baseUrl + r.path,
  }));
  return { url, baseUrl, apiId: resolved.gateway.api.apiId, routes, lambda, gatewayStats: gateway.stats, close };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        new LambdaloadError('EMULATOR_START_FAILED', `the emulator could not listen on ${host}:${port} (${error.code ?? error.message})`, {
          hint: error.code === 'EADDRINUSE' ? 'Choose another port (--port 0 picks a free one) or stop what uses this one.' : undefined,
          cause: error,
        }),
      );
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** `http://host:port/path?query` → `/path?query`; anything else (`*`, garbage) unchanged. */
function originForm(target: string): string {
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(target);
  if (!authority) return target;
  const rest = target.slice(authority[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

function serveAdmin(reqUrl: string, res: ServerResponse, lambda: LambdaService, gatewayStats: () => GatewayStats): void {
  const pathOnly = reqUrl.split('?')[0];
  let body: unknown;
  if (pathOnly === '/__lambdaload/invocations') body = lambda.recentRecords();
  else if (pathOnly === '/__lambdaload/stats') body = { lambda: lambda.stats(), gateway: gatewayStats() };
  else {
    res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"Not Found"}');
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) }).end(json);
}
