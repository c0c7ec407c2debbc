/**
 * The emulator's composition root: resolves the target (AWS's defaults, every problem at once), starts the Lambda
 * service and one `node:http` server that serves, by path:
 *   /2015-03-31/functions/...   the Lambda Invoke API (handled by the Lambda service's own module)
 *   /__lambdaload/invocations   the most recent InvocationRecords, as JSON `{ records, dropped }` (RECENT_RECORDS_LIMIT)
 *   /__lambdaload/stats         environments, cold starts, throttles, and the gateway's own counters
 *   everything else             the API Gateway front
 * Binds 127.0.0.1 unless told otherwise.
 */
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { LambdaloadError } from '../errors.js';
import { ARCHITECTURES, CPU_MODELS, MAX_SPARE_RUNTIMES, RUNTIMES, type Duration, type EmulatorTarget } from '../scenario/types.js';
import { resolveGatewayConfig, type ResolvedGateway } from './gateway/config.js';
import { createGateway, type GatewayStats } from './gateway/gateway.js';
import { handleInvokeRequest } from './lambda/invoke-api.js';
import { createLambdaService } from './lambda/service.js';
import type { FunctionConfig, LambdaService, LambdaServiceOptions } from './lambda/types.js';

export interface StartEmulatorOptions {
  /** Folder of the scenario file: function `code` paths are relative to it. */
  scenarioDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default `target.port`, else a free port. */
  port?: number;
  /** Region the functions see (`AWS_REGION`). Default us-east-1. */
  region?: string;
  onLog?: (functionName: string, line: string) => void;
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
  routes: EmulatorRoute[];
  lambda: LambdaService;
  /** The gateway's own counters (requests, API Gateway throttles, integration timeouts and errors). */
  gatewayStats(): GatewayStats;
  /** Stops the server and every runtime process. Safe to call twice. */
  close(): Promise<void>;
}

/** AWS's defaults for a new function (aws-facts §3.1: memory 128 MB minimum, timeout 3 s, /tmp 512 MB). */
export const FUNCTION_DEFAULTS = {
  runtime: 'nodejs22.x',
  memoryMb: 128,
  timeoutMs: 3_000,
  architecture: 'x86_64',
  ephemeralStorageMb: 512,
} as const;
/** Function limits (aws-facts §3.1): memory 128–10,240 MB, timeout ≤ 900 s, /tmp 512–10,240 MB, env vars 4 KB. */
const LIMITS = { memoryMb: [128, 10_240], timeoutMs: 900_000, ephemeralStorageMb: [512, 10_240], environmentBytes: 4_096 } as const;
/** Account concurrency 1,000 per Region by default; 100 always stays unreserved (aws-facts §3.1). */
const DEFAULT_ACCOUNT_CONCURRENCY = 1_000;
const UNRESERVED_MINIMUM = 100;
/** Emulator defaults for environment reclaiming (scenario contract, `EmulatorTarget.idleTimeout` / `maxLifetime`). */
const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MAX_LIFETIME_MS = 2 * 3_600_000;
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** Spare runtime processes per function (lambda/spares.ts): enough for a few simultaneous cold starts. */
export const DEFAULT_SPARE_RUNTIMES = 4;

export interface ResolvedTarget {
  gateway: ResolvedGateway;
  service: Omit<LambdaServiceOptions, 'region' | 'invokeEndpointUrl' | 'onLog'>;
}

/** Resolves and checks the whole target. Throws `SCENARIO_INVALID` listing every problem with its key path. */
export async function resolveEmulatorTarget(target: EmulatorTarget, scenarioDir: string): Promise<ResolvedTarget> {
  const problems: string[] = [];
  const accountConcurrency = target.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY;
  if (!Number.isInteger(accountConcurrency) || accountConcurrency < 1) problems.push(`target.accountConcurrency: must be an integer ≥ 1 (got ${JSON.stringify(accountConcurrency)})`);
  const functions = await resolveFunctions(target, scenarioDir, accountConcurrency, problems);
  const gateway = resolveGatewayConfig(target, problems, durationToMs);
  const profile = target.coldStartProfile ?? 'real';
  if (profile !== 'real' && profile !== 'aws') problems.push(`target.coldStartProfile: must be 'real' or 'aws'`);
  const idleTimeoutMs = readDuration(target.idleTimeout, DEFAULT_IDLE_TIMEOUT_MS, 'target.idleTimeout', problems);
  const maxLifetimeMs = readDuration(target.maxLifetime, DEFAULT_MAX_LIFETIME_MS, 'target.maxLifetime', problems);
  const spareRuntimes = target.spareRuntimes ?? DEFAULT_SPARE_RUNTIMES;
  if (!Number.isInteger(spareRuntimes) || spareRuntimes < 0 || spareRuntimes > MAX_SPARE_RUNTIMES) {
    problems.push(`target.spareRuntimes: must be an integer from 0 to ${MAX_SPARE_RUNTIMES} (got ${JSON.stringify(spareRuntimes)})`);
  }
  if (problems.length > 0) {
    throw new LambdaloadError('SCENARIO_INVALID', `the emulator target has ${problems.length} problem${problems.length === 1 ? '' : 's'}`, {
      hint: 'Fix the keys listed; anything left out takes AWS’s default.',
      problems,
    });
  }
  return { gateway, service: { functions, accountConcurrency, coldStartProfile: profile, idleTimeoutMs, maxLifetimeMs, spareRuntimes } };
}

async function resolveFunctions(target: EmulatorTarget, scenarioDir: string, accountConcurrency: number, problems: string[]): Promise<FunctionConfig[]> {
  const specs = target.functions;
  if (typeof specs !== 'object' || specs === null || Object.keys(specs).length === 0) {
    problems.push('target.functions: at least one function is needed');
    return [];
  }
  const configs: FunctionConfig[] = [];
  let reservedTotal = 0;
  for (const [name, spec] of Object.entries(specs)) {
    const at = `target.functions.${name}`;
    if (!FUNCTION_NAME.test(name)) problems.push(`${at}: a function name has 1–64 letters, digits, '-' or '_'`);
    if (typeof spec.handler !== 'string' || spec.handler === '') problems.push(`${at}.handler: required, e.g. 'index.handler'`);
    const runtime = spec.runtime ?? FUNCTION_DEFAULTS.runtime;
    if (!RUNTIMES.includes(runtime)) problems.push(`${at}.runtime: must be one of ${RUNTIMES.join(', ')}`);
    const architecture = spec.architecture ?? FUNCTION_DEFAULTS.architecture;
    if (!ARCHITECTURES.includes(architecture)) problems.push(`${at}.architecture: must be x86_64 or arm64`);
    const memoryMb = readInteger(spec.memoryMb, FUNCTION_DEFAULTS.memoryMb, LIMITS.memoryMb, `${at}.memoryMb`, problems);
    const ephemeralStorageMb = readInteger(spec.ephemeralStorageMb, FUNCTION_DEFAULTS.ephemeralStorageMb, LIMITS.ephemeralStorageMb, `${at}.ephemeralStorageMb`, problems);
    const timeoutMs = readDuration(spec.timeout, FUNCTION_DEFAULTS.timeoutMs, `${at}.timeout`, problems);
    if (timeoutMs <= 0 || timeoutMs > LIMITS.timeoutMs) problems.push(`${at}.timeout: must be more than 0 and at most 900 s`);
    const environment = spec.environment ?? {};
    let environmentBytes = 0;
    for (const [key, value] of Object.entries(environment)) {
      if (typeof value !== 'string') problems.push(`${at}.environment.${key}: must be a string`);
      else environmentBytes += Buffer.byteLength(key) + Buffer.byteLength(value);
    }
    if (environmentBytes > LIMITS.environmentBytes) problems.push(`${at}.environment: ${environmentBytes} bytes; Lambda allows 4 KB in aggregate`);
    const reserved = spec.reservedConcurrency;
    if (reserved !== undefined) {
      if (!Number.isInteger(reserved) || reserved < 0) problems.push(`${at}.reservedConcurrency: must be an integer ≥ 0`);
      else reservedTotal += reserved;
    }
    const provisioned = spec.provisionedConcurrency ?? 0;
    if (!Number.isInteger(provisioned) || provisioned < 0) problems.push(`${at}.provisionedConcurrency: must be an integer ≥ 0`);
    else if (reserved !== undefined && provisioned > reserved) problems.push(`${at}.provisionedConcurrency: ${provisioned} is more than reservedConcurrency ${reserved}`);
    const cpu = spec.cpu ?? target.cpu ?? 'aws';
    if (!CPU_MODELS.includes(cpu)) problems.push(`${at}.cpu: must be 'aws' or 'host'`);
    const codeDir = path.resolve(scenarioDir, spec.code ?? '.');
    const isDir = await stat(codeDir).then((s) => s.isDirectory(), () => false);
    if (!isDir) problems.push(`${at}.code: no folder at ${codeDir}`);
    configs.push({
      name,
      codeDir,
      handler: spec.handler,
      runtime,
      memoryMb,
      timeoutMs,
      architecture,
      environment: { ...environment },
      reservedConcurrency: reserved,
      provisionedConcurrency: provisioned,
      ephemeralStorageMb,
      cpu,
    });
  }
  if (reservedTotal > accountConcurrency - UNRESERVED_MINIMUM) {
    problems.push(`target.functions: reserved concurrency totals ${reservedTotal}; at most ${accountConcurrency - UNRESERVED_MINIMUM} (account concurrency minus the 100 AWS keeps unreserved)`);
  }
  return configs;
}

function readInteger(value: number | undefined, fallback: number, [min, max]: readonly [number, number], at: string, problems: string[]): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) problems.push(`${at}: must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return value;
}

function readDuration(value: Duration | undefined, fallbackMs: number, at: string, problems: string[]): number {
  if (value === undefined) return fallbackMs;
  const ms = durationToMs(value);
  if (ms === undefined) {
    problems.push(`${at}: not a duration (a number of ms, or '500ms', '30s', '2m', '1h'; got ${JSON.stringify(value)})`);
    return fallbackMs;
  }
  return ms;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** A scenario duration in ms; `undefined` when unreadable. */
function durationToMs(value: Duration): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = typeof value === 'string' ? DURATION.exec(value.trim()) : null;
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : undefined;
}

/** Starts the emulator for a target; resolves once it listens and provisioned environments are initialised. */
export async function startEmulator(target: EmulatorTarget, options: StartEmulatorOptions): Promise<RunningEmulator> {
  const resolved = await resolveEmulatorTarget(target, options.scenarioDir);
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

  const lambda = createLambdaService({
    ...resolved.service,
    region: options.region ?? 'us-east-1',
    invokeEndpointUrl: url,
    onLog: options.onLog,
  });
  const gateway = createGateway({
    gateway: resolved.gateway,
    lambda,
    onError: (error) => options.onLog?.('lambdaload', `gateway error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
  });

  dispatch = (req, res) => {
    const reqUrl = req.url ?? '/';
    if (reqUrl.startsWith('/__lambdaload/')) return serveAdmin(reqUrl, res, lambda, gateway.stats);
    if (reqUrl.startsWith('/2015-03-31/')) {
      handleInvokeRequest(req, res, lambda).then(
        (handled: boolean) => {
          if (!handled) gateway.handle(req, res);
        },
        () => {
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"Type":"Service","message":"emulator error"}');
        },
      );
      return;
    }
    gateway.handle(req, res);
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
  return { url, baseUrl, routes, lambda, gatewayStats: gateway.stats, close };
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
