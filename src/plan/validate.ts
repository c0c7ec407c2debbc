/**
 * Plan validation in the scenario validator's style: every problem at once, each with its key path and, when the
 * source shows it for certain, its line (`launch.ts:12 functions.api.memoryMb must be from 128 to 10240 (got 64)`).
 */
import { LambdaloadError } from '../errors.js';
import { QUOTAS } from '../facts/quotas.js';
import { lineOfPath, mapKeyLines } from '../scenario/key-lines.js';
import { joinPath } from '../scenario/key-path.js';
import { addProblem, checkKnownKeys, describeValue, isRecord, keysOf, readArray, readDuration, readEnum, readNumber, readRecord, readRecordKey, readRegion, readString, type PlainObject, type Problem } from '../scenario/rules.js';
import { formatProblem } from '../scenario/validate.js';
import { checkAlternatives } from '../scenario/validate-alternatives.js';
import type { Plan, PlanFunction, PlanRoute, PlanSweep, PlanThresholds } from './types.js';
import { checkTraffic } from './validate-traffic.js';
import { checkPayload } from './validate-payload.js';

const PLAN_KEYS = keysOf<Plan>({ name: true, description: true, region: true, seed: true, arrivals: true, traffic: true, monthlyRequests: true, api: true, account: true, functions: true, payload: true, routes: true, thresholds: true, sweep: true, alternatives: true, scalingRule: true, idleReclaim: true });
const FUNCTION_KEYS = keysOf<PlanFunction>({ memoryMb: true, architecture: true, duration: true, init: true, measuredAtMb: true, runtime: true, timeout: true, reservedConcurrency: true, provisionedConcurrency: true });
const ROUTE_KEYS = keysOf<PlanRoute>({ name: true, function: true, share: true, throttle: true, payload: true });
const THRESHOLD_KEYS = keysOf<PlanThresholds>({ p99Ms: true, maxErrorRate: true, maxColdStartRate: true });
const SWEEP_KEYS = keysOf<PlanSweep>({ memoryMb: true, architectures: true, apiTypes: true, provisioned: true });
const ARCHITECTURES = ['x86_64', 'arm64'] as const;
const API_TYPES = ['rest', 'http'] as const;
const MEMORY_RULE = { integer: true, min: QUOTAS.memoryMinMb.value, max: QUOTAS.memoryMaxMb.value, why: "Lambda's memory range" };

export const PLAN_EXAMPLE = "export default definePlan({ name, traffic: { type: 'steady', rps: 100, duration: '10m' }, functions: { api: { duration: 50, init: 300 } } })";

export function validatePlan(value: unknown, source?: string): Problem[] {
  const out: Problem[] = [];
  if (!isRecord(value)) {
    addProblem(out, '', `the plan must be an object (got ${describeValue(value)}): ${PLAN_EXAMPLE}`);
    return out;
  }
  checkKnownKeys(value, '', PLAN_KEYS, out);
  readString(value, 'name', '', out, { required: true, nonEmpty: true });
  readString(value, 'description', '', out);
  readRegion(value, 'region', '', out);
  readNumber(value, 'seed', '', out, { integer: true, min: 0 });
  readEnum(value, 'arrivals', '', ['poisson', 'uniform'], out);
  readEnum(value, 'scalingRule', '', ['current', 'pre-2023'], out);
  readNumber(value, 'monthlyRequests', '', out, { min: 0 });
  readDuration(value, 'idleReclaim', '', out, { positive: true });
  checkTraffic(value.traffic, out);
  const account = checkAccount(value, out);
  const functionNames = checkFunctions(value, account, out);
  checkRoutes(value, functionNames, out);
  checkApi(value, out);
  checkPayload(value, '', out);
  const thresholds = readRecordKey(value, 'thresholds', '', out);
  if (thresholds) {
    checkKnownKeys(thresholds, 'thresholds', THRESHOLD_KEYS, out);
    readNumber(thresholds, 'p99Ms', 'thresholds', out, { above: 0 });
    readNumber(thresholds, 'maxErrorRate', 'thresholds', out, { min: 0, max: 1 });
    readNumber(thresholds, 'maxColdStartRate', 'thresholds', out, { min: 0, max: 1 });
  }
  checkSweep(value, out);
  checkAlternatives(value, '', out);
  return withLines(out, source);
}

/** Returns `value` as a Plan, or throws PLAN_INVALID listing every problem. */
export function assertValidPlan(value: unknown, file: string, source?: string): Plan {
  const problems = validatePlan(value, source);
  if (problems.length === 0) return value as Plan;
  throw new LambdaloadError('PLAN_INVALID', `${file}: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}`, {
    problems: problems.map((problem) => formatProblem(file, problem)),
    hint: 'Fix every problem listed above; your editor shows most of them when the file uses definePlan from lambdaload.',
  });
}

function checkAccount(plan: PlainObject, out: Problem[]): number {
  const account = readRecordKey(plan, 'account', '', out);
  if (account === undefined) return QUOTAS.accountConcurrency.value;
  checkKnownKeys(account, 'account', ['concurrency', 'apiThrottle'], out);
  checkBucket(account, 'apiThrottle', 'account', out);
  return readNumber(account, 'concurrency', 'account', out, { integer: true, min: 1 }) ?? QUOTAS.accountConcurrency.value;
}

function checkFunctions(plan: PlainObject, accountConcurrency: number, out: Problem[]): string[] {
  const functions = readRecordKey(plan, 'functions', '', out, true);
  if (functions === undefined) return [];
  const names = Object.keys(functions);
  if (names.length === 0) addProblem(out, 'functions', 'must name at least one function');
  let reservedTotal = 0;
  for (const name of names) {
    const path = joinPath('functions', name);
    const fn = readRecord(functions[name], path, out);
    if (fn === undefined) continue;
    checkKnownKeys(fn, path, FUNCTION_KEYS, out);
    readNumber(fn, 'memoryMb', path, out, MEMORY_RULE);
    readNumber(fn, 'measuredAtMb', path, out, MEMORY_RULE);
    readEnum(fn, 'architecture', path, ARCHITECTURES, out);
    readString(fn, 'runtime', path, out, { nonEmpty: true });
    checkDurationSpec(fn, 'duration', path, out);
    checkDurationSpec(fn, 'init', path, out);
    readDuration(fn, 'timeout', path, out, { positive: true, maxMs: QUOTAS.functionTimeoutMax.value * 1000, maxLabel: `${QUOTAS.functionTimeoutMax.value} s (Lambda's maximum timeout)` });
    const reserved = readNumber(fn, 'reservedConcurrency', path, out, { integer: true, min: 0 });
    const provisioned = readNumber(fn, 'provisionedConcurrency', path, out, { integer: true, min: 0 });
    if (reserved !== undefined) reservedTotal += reserved;
    if (reserved !== undefined && provisioned !== undefined && provisioned > reserved) {
      addProblem(out, joinPath(path, 'provisionedConcurrency'), `must be <= reservedConcurrency (${reserved}): provisioned environments count against it (got ${provisioned})`);
    }
  }
  const most = accountConcurrency - QUOTAS.unreservedConcurrencyMinimum.value;
  if (reservedTotal > most) {
    addProblem(out, 'functions', `reserve ${reservedTotal} environments in total, more than account concurrency ${accountConcurrency} − ${QUOTAS.unreservedConcurrencyMinimum.value} always kept unreserved = ${most}`);
  }
  return names;
}

function checkDurationSpec(fn: PlainObject, key: string, path: string, out: Problem[]): void {
  const value = fn[key];
  const at = joinPath(path, key);
  if (value === undefined) return addProblem(out, at, 'is required: a fixed ms value, { p50, p99 } in ms, or { fromResult: "result.json" }');
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) addProblem(out, at, `must be > 0 ms (got ${describeValue(value)})`);
    return;
  }
  const spec = readRecord(value, at, out);
  if (spec === undefined) return;
  if ('fromResult' in spec) {
    checkKnownKeys(spec, at, ['fromResult', 'request'], out);
    readString(spec, 'fromResult', at, out, { required: true, nonEmpty: true });
    readString(spec, 'request', at, out);
    return;
  }
  checkKnownKeys(spec, at, ['p50', 'p99', 'fromResult'], out);
  const p50 = readNumber(spec, 'p50', at, out, { required: true, above: 0 });
  const p99 = readNumber(spec, 'p99', at, out, { required: true, above: 0 });
  if (p50 !== undefined && p99 !== undefined && p99 < p50) addProblem(out, joinPath(at, 'p99'), `must be >= p50 (${p50}) (got ${p99})`);
}

function checkRoutes(plan: PlainObject, functionNames: string[], out: Problem[]): void {
  const routes = readArray(plan, 'routes', '', out);
  if (routes === undefined) return;
  if (routes.length === 0) addProblem(out, 'routes', 'must list at least one route (or leave routes out: one per function)');
  routes.forEach((value, i) => {
    const path = joinPath('routes', i);
    const route = readRecord(value, path, out);
    if (route === undefined) return;
    checkKnownKeys(route, path, ROUTE_KEYS, out);
    readString(route, 'name', path, out, { required: true, nonEmpty: true });
    const fn = readString(route, 'function', path, out, { required: true });
    if (fn !== undefined && functionNames.length > 0 && !functionNames.includes(fn)) addProblem(out, joinPath(path, 'function'), `names no function of this plan (functions: ${functionNames.join(', ')})`);
    readNumber(route, 'share', path, out, { above: 0 });
    checkBucket(route, 'throttle', path, out);
    checkPayload(route, path, out);
  });
}

function checkApi(plan: PlainObject, out: Problem[]): void {
  const api = readRecordKey(plan, 'api', '', out);
  if (api === undefined) return;
  checkKnownKeys(api, 'api', ['type', 'stageThrottle', 'integrationTimeout'], out);
  readEnum(api, 'type', 'api', API_TYPES, out);
  checkBucket(api, 'stageThrottle', 'api', out);
  readDuration(api, 'integrationTimeout', 'api', out, { positive: true });
}

function checkBucket(obj: PlainObject, key: string, path: string, out: Problem[]): void {
  const bucket = readRecordKey(obj, key, path, out);
  if (bucket === undefined) return;
  const at = joinPath(path, key);
  checkKnownKeys(bucket, at, ['rateRps', 'burst'], out);
  readNumber(bucket, 'rateRps', at, out, { required: true, above: 0 });
  readNumber(bucket, 'burst', at, out, { required: true, integer: true, min: 1 });
}

function checkSweep(plan: PlainObject, out: Problem[]): void {
  const sweep = readRecordKey(plan, 'sweep', '', out);
  if (sweep === undefined) return;
  checkKnownKeys(sweep, 'sweep', SWEEP_KEYS, out);
  const list = (key: string, check: (item: unknown) => string | undefined) => {
    const items = readArray(sweep, key, 'sweep', out);
    items?.forEach((item, i) => {
      const problem = check(item);
      if (problem !== undefined) addProblem(out, joinPath(joinPath('sweep', key), i), `${problem} (got ${describeValue(item)})`);
    });
  };
  const memory = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= MEMORY_RULE.min && v <= MEMORY_RULE.max ? undefined : `must be a memory size from ${MEMORY_RULE.min} to ${MEMORY_RULE.max} MB`);
  list('memoryMb', memory);
  list('architectures', (v) => ((ARCHITECTURES as readonly unknown[]).includes(v) ? undefined : `must be one of ${ARCHITECTURES.join(', ')}`));
  list('apiTypes', (v) => ((API_TYPES as readonly unknown[]).includes(v) ? undefined : `must be one of ${API_TYPES.join(', ')}`));
  list('provisioned', (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? undefined : 'must be a whole number of environments >= 0'));
}

function withLines(problems: Problem[], source: string | undefined): Problem[] {
  if (source === undefined || problems.length === 0) return problems;
  // The scenario room's key scanner finds the literal passed to `defineScenario(`; a plan's is passed to
  // `definePlan(`, on the same line, so renaming the call keeps every line number.
  const lines = mapKeyLines(source.replace(/\bdefinePlan\(/g, 'defineScenario('));
  return problems.map((problem) => {
    const line = problem.path === '' ? undefined : lineOfPath(lines, problem.path);
    return line === undefined ? problem : { ...problem, line };
  });
}
