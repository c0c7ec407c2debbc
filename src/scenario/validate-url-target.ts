/**
 * Checks a url target: the deployed API's URL, its API (type, id, stage, whether to look it up), the Region and
 * endpoint of the lookups, and the functions behind its routes, named by hand (`function`, or `functions` with
 * `routes` in the emulator target's shape).
 */
import { QUOTAS } from '../facts/quotas.js';
import { joinPath } from './key-path.js';
import {
  addProblem,
  checkKnownKeys,
  describeValue,
  keysOf,
  readBoolean,
  readDuration,
  readEnum,
  readNumber,
  readRecord,
  readRecordKey,
  readRegion,
  readString,
  type NumberRule,
  type PlainObject,
  type Problem,
} from './rules.js';
import { isHttpUrl } from './validate-lambda.js';
import { checkRoutes } from './validate-routes.js';
import { API_TYPES, ARCHITECTURES, type UrlFunctionSpec, type UrlTarget } from './target-types.js';

export const URL_TARGET_KEYS = keysOf<UrlTarget>({
  type: true,
  url: true,
  api: true,
  region: true,
  endpoint: true,
  function: true,
  functions: true,
  routes: true,
});
const URL_API_KEYS = keysOf<NonNullable<UrlTarget['api']>>({ type: true, id: true, stage: true, lookup: true });
const URL_FUNCTION_KEYS = keysOf<NonNullable<UrlTarget['function']>>({ name: true, region: true, memoryMb: true, architecture: true });
const URL_FUNCTIONS_KEYS = keysOf<UrlFunctionSpec>({ memoryMb: true, architecture: true, timeout: true });

/** Lambda's memory range, 128–10,240 MB in 1 MB steps (aws-facts §3.1, via the quota table). */
export const MEMORY_MB: NumberRule = {
  integer: true,
  min: QUOTAS.memoryMinMb.value,
  max: QUOTAS.memoryMaxMb.value,
  why: "Lambda's memory range in MB",
};
/** Stage names: letters, digits, '-' and '_', up to 128 (API Gateway CreateStage). */
export const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
/** Function names: 1–64 letters, digits, '-' or '_' (Lambda CreateFunction FunctionName). */
export const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** The function timeout quota, 900 s (aws-facts §3.1, via the quota table). */
export const TIMEOUT_MAX_MS = QUOTAS.functionTimeoutMax.value * 1_000;

export function checkUrlTarget(target: PlainObject, out: Problem[]): void {
  const url = readString(target, 'url', 'target', out, { required: true });
  if (url !== undefined && !isHttpUrl(url)) addProblem(out, 'target.url', `must be an http:// or https:// URL (got ${describeValue(url)})`);
  const api = readRecordKey(target, 'api', 'target', out);
  let apiType: string | undefined;
  if (api !== undefined) {
    checkKnownKeys(api, 'target.api', URL_API_KEYS, out);
    apiType = readEnum(api, 'type', 'target.api', API_TYPES, out);
    readString(api, 'id', 'target.api', out, { nonEmpty: true });
    const stage = readString(api, 'stage', 'target.api', out, { nonEmpty: true });
    if (stage !== undefined && stage !== '$default' && !STAGE_NAME.test(stage)) {
      addProblem(out, 'target.api.stage', `must be 1–128 letters, digits, '-' or '_', or '$default' (got ${describeValue(stage)})`);
    }
    readBoolean(api, 'lookup', 'target.api', out);
  }
  readRegion(target, 'region', 'target', out);
  const endpoint = readString(target, 'endpoint', 'target', out, { nonEmpty: true });
  if (endpoint !== undefined && endpoint !== '' && !isHttpUrl(endpoint)) {
    addProblem(out, 'target.endpoint', `must be an http:// or https:// URL, e.g. 'http://127.0.0.1:3000' (got ${describeValue(endpoint)})`);
  }
  const fn = readRecordKey(target, 'function', 'target', out);
  if (fn !== undefined) {
    const at = 'target.function';
    checkKnownKeys(fn, at, URL_FUNCTION_KEYS, out);
    readString(fn, 'name', at, out, { required: true, nonEmpty: true });
    readRegion(fn, 'region', at, out, true);
    readNumber(fn, 'memoryMb', at, out, { ...MEMORY_MB, required: true });
    readEnum(fn, 'architecture', at, ARCHITECTURES, out);
  }
  const functions = readRecordKey(target, 'functions', 'target', out);
  if (fn !== undefined && functions !== undefined) {
    addProblem(out, 'target.functions', 'give either target.function (one function behind every route) or target.functions with target.routes, not both');
  }
  for (const [name, value] of Object.entries(functions ?? {})) {
    const at = joinPath('target.functions', name);
    if (!FUNCTION_NAME.test(name)) addProblem(out, at, "a deployed function's name is 1–64 letters, digits, '-' or '_'");
    const spec = readRecord(value, at, out);
    if (spec === undefined) continue;
    checkKnownKeys(spec, at, URL_FUNCTIONS_KEYS, out);
    readNumber(spec, 'memoryMb', at, out, MEMORY_MB);
    readEnum(spec, 'architecture', at, ARCHITECTURES, out);
    readDuration(spec, 'timeout', at, out, { positive: true, maxMs: TIMEOUT_MAX_MS, maxLabel: `${QUOTAS.functionTimeoutMax.value} s, the Lambda timeout quota` });
  }
  if (target.routes !== undefined) checkRoutes(target, apiType, Object.keys(functions ?? {}), out);
}
