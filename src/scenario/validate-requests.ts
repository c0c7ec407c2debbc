/**
 * Checks `requests` (paths, methods, bodies, weights, expectations, distinct names) and `thresholds` (metric, the
 * keys each metric takes, ranges, and that a latency threshold names a request that exists).
 */
import { joinPath } from './key-path.js';
import { requestName } from './names.js';
import {
  addProblem,
  checkKnownKeys,
  describeValue,
  keysOf,
  numberProblem,
  readEnum,
  readNumber,
  readRecord,
  readRecordKey,
  readString,
  readStringMap,
  type PlainObject,
  type Problem,
} from './rules.js';
import { closestMatch } from './suggest.js';
import { checkDirectRequest } from './validate-lambda.js';
import { HTTP_METHODS, type RequestExpectation, type RequestSpec, type Threshold } from './types.js';

const REQUEST_KEYS = keysOf<RequestSpec>({
  name: true,
  method: true,
  path: true,
  query: true,
  headers: true,
  json: true,
  body: true,
  weight: true,
  expect: true,
});
const EXPECT_KEYS = keysOf<RequestExpectation>({ status: true, bodyContains: true });

type ThresholdOf<M extends Threshold['metric']> = Extract<Threshold, { metric: M }>;
const THRESHOLD_KEYS = {
  latency: keysOf<ThresholdOf<'latency'>>({ metric: true, percentile: true, maxMs: true, start: true, request: true }),
  errorRate: keysOf<ThresholdOf<'errorRate'>>({ metric: true, max: true }),
  coldStartRate: keysOf<ThresholdOf<'coldStartRate'>>({ metric: true, max: true }),
  costPerMillionUsd: keysOf<ThresholdOf<'costPerMillionUsd'>>({ metric: true, max: true }),
  quotaHeadroom: keysOf<ThresholdOf<'quotaHeadroom'>>({ metric: true, maxUsedFraction: true }),
};
type Metric = keyof typeof THRESHOLD_KEYS;
const METRICS = Object.keys(THRESHOLD_KEYS) as Metric[];
const PERCENTILES = ['p50', 'p90', 'p99', 'p99.9', 'max', 'mean'] as const satisfies ReadonlyArray<ThresholdOf<'latency'>['percentile']>;
const STARTS = ['all', 'cold', 'warm', 'unknown'] as const satisfies ReadonlyArray<NonNullable<ThresholdOf<'latency'>['start']>>;

/**
 * Checks `scenario.requests`; appends to `out` and returns the request names (for thresholds to refer to). With
 * `directInvoke` (validate-lambda.ts) a request is an event: `json`, no path or other HTTP parts.
 */
export function checkRequests(value: unknown, out: Problem[], directInvoke = false): string[] {
  if (value === undefined) {
    addProblem(out, 'requests', "is required: at least one request, e.g. { path: '/hello' }");
    return [];
  }
  if (!Array.isArray(value)) {
    addProblem(out, 'requests', 'must be an array of requests');
    return [];
  }
  if (value.length === 0) addProblem(out, 'requests', "must have at least one request, e.g. { path: '/hello' }");
  const names = new Map<string, number>();
  value.forEach((item, index) => {
    const at = `requests[${index}]`;
    const request = readRecord(item, at, out);
    if (request === undefined) return;
    checkKnownKeys(request, at, REQUEST_KEYS, out);
    const name = readString(request, 'name', at, out, { nonEmpty: true });
    const method = readEnum(request, 'method', at, HTTP_METHODS, out);
    if (directInvoke) checkDirectRequest(request, at, out);
    const path = directInvoke ? undefined : readString(request, 'path', at, out, { required: true });
    if (path !== undefined && !path.startsWith('/')) addProblem(out, `${at}.path`, `must start with '/' (got ${describeValue(path)})`);
    readStringMap(request, 'query', at, out, true);
    readStringMap(request, 'headers', at, out);
    readString(request, 'body', at, out);
    if (request.json !== undefined && request.body !== undefined) addProblem(out, `${at}.body`, 'cannot be used with json: send either json or a raw body');
    readNumber(request, 'weight', at, out, { above: 0 });
    checkExpectation(request, at, out);

    const validName = request.name === undefined || name !== undefined;
    const validParts = (request.method === undefined || method !== undefined) && (path !== undefined || directInvoke);
    if (!validName || (request.name === undefined && !validParts)) return;
    const label = requestName({ name, method, path });
    const first = names.get(label);
    if (first === undefined) names.set(label, index);
    else {
      const advice = request.name === undefined ? '; give the requests distinct names' : '';
      addProblem(out, request.name === undefined ? at : `${at}.name`, `repeats the request name '${label}' of requests[${first}]${advice}`);
    }
  });
  return [...names.keys()];
}

function checkExpectation(request: PlainObject, at: string, out: Problem[]): void {
  const expect = readRecordKey(request, 'expect', at, out);
  if (expect === undefined) return;
  const where = `${at}.expect`;
  checkKnownKeys(expect, where, EXPECT_KEYS, out);
  readString(expect, 'bodyContains', where, out, { nonEmpty: true });
  const status = expect.status;
  if (status === undefined) return;
  const rule = { integer: true, min: 100, max: 599, why: 'an HTTP status code' };
  if (Array.isArray(status)) {
    if (status.length === 0) addProblem(out, `${where}.status`, 'must list at least one status code');
    status.forEach((code, i) => {
      const problem = numberProblem(code, rule);
      if (problem !== undefined) addProblem(out, `${where}.status[${i}]`, problem);
    });
    return;
  }
  const problem = numberProblem(status, rule);
  if (problem !== undefined) addProblem(out, `${where}.status`, problem);
}

/** Checks `scenario.thresholds` against the request names; appends to `out`. */
export function checkThresholds(value: unknown, requestNames: string[], out: Problem[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    addProblem(out, 'thresholds', 'must be an array of thresholds');
    return;
  }
  value.forEach((item, index) => {
    const at = `thresholds[${index}]`;
    const threshold = readRecord(item, at, out);
    if (threshold === undefined) return;
    const metric = readEnum(threshold, 'metric', at, METRICS, out, true);
    if (metric === undefined) return;
    checkKnownKeys(threshold, at, THRESHOLD_KEYS[metric], out);
    switch (metric) {
      case 'latency':
        readEnum(threshold, 'percentile', at, PERCENTILES, out, true);
        readNumber(threshold, 'maxMs', at, out, { required: true, above: 0 });
        readEnum(threshold, 'start', at, STARTS, out);
        checkRequestReference(threshold, at, requestNames, out);
        return;
      case 'errorRate':
      case 'coldStartRate':
        readNumber(threshold, 'max', at, out, { required: true, min: 0, max: 1, why: 'a fraction: 0.01 is 1%' });
        return;
      case 'costPerMillionUsd':
        readNumber(threshold, 'max', at, out, { required: true, min: 0, why: 'US dollars per million requests' });
        return;
      case 'quotaHeadroom':
        readNumber(threshold, 'maxUsedFraction', at, out, { required: true, above: 0, max: 1, why: 'a fraction of the limit: 0.8 is 80%' });
        return;
    }
  });
}

function checkRequestReference(threshold: PlainObject, at: string, requestNames: string[], out: Problem[]): void {
  const request = readString(threshold, 'request', at, out, { nonEmpty: true });
  if (request === undefined || requestNames.includes(request)) return;
  const suggestion = closestMatch(request, requestNames);
  addProblem(
    out,
    joinPath(at, 'request'),
    `names no request (known: ${requestNames.map((n) => `'${n}'`).join(', ') || 'none'})${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
  );
}
