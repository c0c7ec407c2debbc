/**
 * Checks `target`: the local emulator (API, functions, routes), a deployed API's URL, or direct Lambda invoke.
 * Shapes, enums and AWS's ranges only (routes and throttles in validate-routes.ts); src/target/resolve.ts applies the
 * defaults, and the emulator's router reads the route templates when it starts.
 */
import { INTEGRATION_TIMEOUT_RANGE_MS } from '../facts/defaults.js';
import { QUOTAS } from '../facts/quotas.js';
import { formatDurationMs } from './duration.js';
import { joinPath } from './key-path.js';
import {
  addProblem,
  checkKnownKeys,
  describeValue,
  keysOf,
  readDuration,
  readEnum,
  readNumber,
  readRecord,
  readRecordKey,
  readString,
  readStringMap,
  type NumberRule,
  type PlainObject,
  type Problem,
} from './rules.js';
import { checkDirectFunction, checkLambdaTarget } from './validate-lambda.js';
import { checkRoutes, checkRouteThrottles, checkThrottle } from './validate-routes.js';
import { checkUrlTarget, FUNCTION_NAME, MEMORY_MB, STAGE_NAME, TIMEOUT_MAX_MS, URL_TARGET_KEYS } from './validate-url-target.js';
import {
  API_TYPES,
  ARCHITECTURES,
  CPU_MODELS,
  MAX_SPARE_RUNTIMES,
  RUNTIMES,
  type DirectEmulatorTarget,
  type EmulatorApiSpec,
  type EmulatorTarget,
  type FunctionSpec,
  type LambdaInvokeTarget,
} from './types.js';

const TARGET_TYPES = ['emulator', 'url', 'lambda'] as const;
const TARGET_KEYS = {
  emulator: keysOf<EmulatorTarget & Pick<DirectEmulatorTarget, 'functionName'>>({
    type: true,
    api: true,
    functions: true,
    routes: true,
    invoke: true,
    functionName: true,
    coldStartProfile: true,
    accountConcurrency: true,
    idleTimeout: true,
    maxLifetime: true,
    port: true,
    spareRuntimes: true,
    cpu: true,
  }),
  url: URL_TARGET_KEYS,
  lambda: keysOf<LambdaInvokeTarget>({ type: true, functionName: true, qualifier: true, region: true, endpoint: true }),
};
const API_KEYS = keysOf<EmulatorApiSpec>({
  type: true,
  stage: true,
  payloadFormat: true,
  integrationTimeout: true,
  throttle: true,
  routeThrottles: true,
});
const FUNCTION_KEYS = keysOf<FunctionSpec>({
  code: true,
  handler: true,
  runtime: true,
  memoryMb: true,
  timeout: true,
  architecture: true,
  environment: true,
  reservedConcurrency: true,
  provisionedConcurrency: true,
  ephemeralStorageMb: true,
  cpu: true,
});

/** /tmp size, 512–10,240 MB (aws-facts §3.1, via the quota table). */
const EPHEMERAL_MB: NumberRule = {
  integer: true,
  min: QUOTAS.ephemeralStorageMinMb.value,
  max: QUOTAS.ephemeralStorageMaxMb.value,
  why: "Lambda's /tmp range in MB",
};
/**
 * Every problem of a target on its own, as `path: message` (for `startEmulator` callers that did not load a scenario
 * file: the same rules as a scenario's).
 */
export function targetProblems(value: unknown): string[] {
  const out: Problem[] = [];
  checkTarget(value, out);
  return out.map((p) => `${p.path}: ${p.message}`);
}

/** Checks `scenario.target`; appends to `out`. */
export function checkTarget(value: unknown, out: Problem[]): void {
  const target = readRecord(value, 'target', out);
  if (target === undefined) return;
  const type = readEnum(target, 'type', 'target', TARGET_TYPES, out, true);
  if (type === undefined) return;
  checkKnownKeys(target, 'target', TARGET_KEYS[type], out);
  if (type === 'emulator') checkEmulatorTarget(target, out);
  else if (type === 'url') checkUrlTarget(target, out);
  else checkLambdaTarget(target, out);
}

function checkEmulatorTarget(target: PlainObject, out: Problem[]): void {
  const functionNames = checkFunctions(target, out);
  const invoke = readEnum(target, 'invoke', 'target', ['gateway', 'direct'] as const, out);
  // Direct invoke needs no API: `api` and `routes` are checked only when given (the emulator still serves them).
  const direct = invoke === 'direct' || (target.invoke !== undefined && invoke === undefined);
  if (direct) checkDirectFunction(target, functionNames, out);
  else if (target.functionName !== undefined) addProblem(out, 'target.functionName', "is only used with invoke: 'direct' (the routes name the functions of the gateway)");
  if (!direct || target.api !== undefined || target.routes !== undefined) {
    const apiType = checkApi(target, out);
    const routeKeys = checkRoutes(target, apiType, functionNames, out);
    checkRouteThrottles(target, routeKeys, out);
  }
  readEnum(target, 'coldStartProfile', 'target', ['real', 'aws'] as const, out);
  const accountConcurrency = readNumber(target, 'accountConcurrency', 'target', out, { integer: true, min: 1 });
  if (target.accountConcurrency === undefined || accountConcurrency !== undefined) {
    checkReservedTotal(target, accountConcurrency ?? QUOTAS.accountConcurrency.value, out);
  }
  readDuration(target, 'idleTimeout', 'target', out, { positive: true });
  readDuration(target, 'maxLifetime', 'target', out, { positive: true });
  readNumber(target, 'port', 'target', out, { integer: true, min: 0, max: 65_535 });
  readNumber(target, 'spareRuntimes', 'target', out, { integer: true, min: 0, max: MAX_SPARE_RUNTIMES });
  readEnum(target, 'cpu', 'target', CPU_MODELS, out);
}

function checkApi(target: PlainObject, out: Problem[]): (typeof API_TYPES)[number] | undefined {
  const api = readRecordKey(target, 'api', 'target', out, true);
  if (api === undefined) return undefined;
  const at = 'target.api';
  checkKnownKeys(api, at, API_KEYS, out);
  const type = readEnum(api, 'type', at, API_TYPES, out, true);
  const stage = readString(api, 'stage', at, out, { nonEmpty: true });
  if (stage !== undefined && stage !== '' && !(STAGE_NAME.test(stage) || (type === 'http' && stage === '$default'))) {
    addProblem(out, `${at}.stage`, `${describeValue(stage)} is not a valid stage name: 1–128 letters, digits, '-' or '_'${type === 'http' ? ", or '$default'" : ''}`);
  }
  const payloadFormat = readEnum(api, 'payloadFormat', at, ['1.0', '2.0'] as const, out);
  if (type === 'rest' && payloadFormat === '2.0') addProblem(out, `${at}.payloadFormat`, "only applies to HTTP APIs: REST APIs send payload format '1.0'");
  const integrationTimeoutMs = readDuration(api, 'integrationTimeout', at, out, { positive: true });
  if (integrationTimeoutMs !== undefined && type !== undefined) checkIntegrationTimeout(integrationTimeoutMs, type, out);
  const throttle = readRecordKey(api, 'throttle', at, out);
  if (throttle !== undefined) checkThrottle(throttle, `${at}.throttle`, out);
  return type;
}

/** Returns the function names, for the routes to refer to. */
function checkFunctions(target: PlainObject, out: Problem[]): string[] {
  const functions = readRecordKey(target, 'functions', 'target', out, true);
  if (functions === undefined) return [];
  const names = Object.keys(functions);
  if (names.length === 0) addProblem(out, 'target.functions', "must define at least one function, e.g. { hello: { handler: 'index.handler' } }");
  for (const name of names) {
    const at = joinPath('target.functions', name);
    if (!FUNCTION_NAME.test(name)) addProblem(out, at, `${describeValue(name)} is not a valid function name: 1–64 letters, digits, '-' or '_'`);
    const spec = readRecord(functions[name], at, out);
    if (spec === undefined) continue;
    checkKnownKeys(spec, at, FUNCTION_KEYS, out);
    readString(spec, 'code', at, out, { nonEmpty: true });
    const runtime = readEnum(spec, 'runtime', at, RUNTIMES, out);
    const handler = readString(spec, 'handler', at, out, { required: true, nonEmpty: true });
    if (handler !== undefined && !(runtime ?? '').startsWith('provided') && !/\.[^./]+$/.test(handler)) {
      addProblem(out, `${at}.handler`, `must be 'file.export', e.g. 'index.handler' (got ${describeValue(handler)})`);
    }
    readNumber(spec, 'memoryMb', at, out, MEMORY_MB);
    readDuration(spec, 'timeout', at, out, { positive: true, maxMs: TIMEOUT_MAX_MS, maxLabel: `${QUOTAS.functionTimeoutMax.value} s, the Lambda timeout quota` });
    readEnum(spec, 'architecture', at, ARCHITECTURES, out);
    readEnum(spec, 'cpu', at, CPU_MODELS, out);
    const environment = readStringMap(spec, 'environment', at, out);
    if (environment !== undefined) checkEnvironmentSize(environment, `${at}.environment`, out);
    const reserved = readNumber(spec, 'reservedConcurrency', at, out, { integer: true, min: 0 });
    const provisioned = readNumber(spec, 'provisionedConcurrency', at, out, { integer: true, min: 0 });
    // Provisioned environments come out of the function's reserved concurrency when it has one (Lambda DG,
    // "Configuring provisioned concurrency"): Lambda refuses more.
    if (reserved !== undefined && provisioned !== undefined && provisioned > reserved) {
      addProblem(out, `${at}.provisionedConcurrency`, `is more than reservedConcurrency (${provisioned} > ${reserved}): provisioned environments come out of the reserved ones`);
    }
    readNumber(spec, 'ephemeralStorageMb', at, out, EPHEMERAL_MB);
  }
  return names;
}

/** Lambda's 4 KB limit on a function's environment variables together, keys and values (aws-facts §3.1). */
function checkEnvironmentSize(environment: Record<string, string>, at: string, out: Problem[]): void {
  let bytes = 0;
  for (const [key, value] of Object.entries(environment)) bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  const limit = QUOTAS.environmentVariablesBytes.value;
  if (bytes > limit) addProblem(out, at, `takes ${bytes} bytes (keys and values together); Lambda allows ${limit} bytes`);
}

/**
 * The integration timeout API Gateway allows: REST up to 29 s by default and 300 s with a raised quota, HTTP API up
 * to 30 s (aws-facts §3.2, via the gateway's own range, so the validator and the emulator agree).
 */
function checkIntegrationTimeout(ms: number, apiType: (typeof API_TYPES)[number], out: Problem[]): void {
  const { min } = INTEGRATION_TIMEOUT_RANGE_MS;
  const max = INTEGRATION_TIMEOUT_RANGE_MS.max[apiType];
  if (ms >= min && ms <= max) return;
  const api = apiType === 'rest' ? 'REST' : 'HTTP';
  addProblem(out, 'target.api.integrationTimeout', `must be from ${formatDurationMs(min)} to ${formatDurationMs(max)} for ${api} APIs (got ${formatDurationMs(ms)})`);
}

/**
 * Reserved concurrency of all functions together: Lambda keeps 100 of the account's concurrency unreserved and
 * refuses a reservation that would leave fewer (aws-facts §3.1). Reported at the reservation that crosses the line.
 */
function checkReservedTotal(target: PlainObject, accountConcurrency: number, out: Problem[]): void {
  const functions = target.functions;
  if (typeof functions !== 'object' || functions === null) return;
  const reservable = accountConcurrency - QUOTAS.unreservedConcurrencyMinimum.value;
  let total = 0;
  for (const [name, spec] of Object.entries(functions as PlainObject)) {
    const reserved = typeof spec === 'object' && spec !== null ? (spec as PlainObject).reservedConcurrency : undefined;
    if (typeof reserved !== 'number' || !Number.isInteger(reserved) || reserved < 0) continue;
    total += reserved;
    if (total > reservable) {
      const whose = total === reserved ? '' : ` (${total} with the functions before it)`;
      addProblem(
        out,
        joinPath(joinPath('target.functions', name), 'reservedConcurrency'),
        `reserves more than the account allows${whose}: at most ${reservable} of the account concurrency ${accountConcurrency} can be reserved, Lambda keeps ${QUOTAS.unreservedConcurrencyMinimum.value} unreserved`,
      );
      return;
    }
  }
}
