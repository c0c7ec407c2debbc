/**
 * The scenario's `evidence` key (src/cloudwatch): `'cloudwatch'`, or `{ source: 'cloudwatch', ... }` naming
 * the API's dimensions, the functions and routes to read, the wait and an endpoint. Every problem with its key path.
 */
import { addProblem, checkKnownKeys, describeValue, keysOf, readArray, readDuration, readRecord, readRecordKey, readString, type Problem } from './rules.js';
import type { CloudWatchEvidenceSpec } from './types.js';

const EVIDENCE_KEYS = keysOf<CloudWatchEvidenceSpec>({ source: true, api: true, functions: true, routes: true, wait: true, endpoint: true });
const API_KEYS = ['name', 'id', 'stage'] as const;
const ROUTE_KEYS = ['method', 'path', 'function'] as const;
const SOURCES = "'cloudwatch' (the only evidence source so far)";

export function checkEvidence(scenario: Record<string, unknown>, out: Problem[]): void {
  const value = scenario.evidence;
  if (value === undefined || value === 'cloudwatch') return;
  if (typeof value === 'string') {
    addProblem(out, 'evidence', `must be ${SOURCES} (got ${describeValue(value)})`);
    return;
  }
  const spec = readRecord(value, 'evidence', out);
  if (spec === undefined) return;
  checkKnownKeys(spec, 'evidence', EVIDENCE_KEYS, out);
  if (spec.source !== 'cloudwatch') addProblem(out, 'evidence.source', `must be ${SOURCES} (got ${describeValue(spec.source)})`);
  const api = readRecordKey(spec, 'api', 'evidence', out);
  if (api !== undefined) {
    checkKnownKeys(api, 'evidence.api', API_KEYS, out);
    for (const key of API_KEYS) readString(api, key, 'evidence.api', out, { nonEmpty: true });
  }
  const functions = readArray(spec, 'functions', 'evidence', out);
  functions?.forEach((fn, i) => {
    if (typeof fn !== 'string' || fn.trim() === '') addProblem(out, `evidence.functions[${i}]`, `must be a function name (got ${describeValue(fn)})`);
  });
  const routes = readArray(spec, 'routes', 'evidence', out);
  routes?.forEach((route, i) => {
    const r = readRecord(route, `evidence.routes[${i}]`, out);
    if (r === undefined) return;
    checkKnownKeys(r, `evidence.routes[${i}]`, ROUTE_KEYS, out);
    readString(r, 'method', `evidence.routes[${i}]`, out, { required: true, nonEmpty: true });
    const path = readString(r, 'path', `evidence.routes[${i}]`, out, { required: true, nonEmpty: true });
    if (path !== undefined && path !== '$default' && !path.startsWith('/')) addProblem(out, `evidence.routes[${i}].path`, `must start with / (got ${describeValue(path)})`);
    readString(r, 'function', `evidence.routes[${i}]`, out, { nonEmpty: true });
  });
  readDuration(spec, 'wait', 'evidence', out);
  const endpoint = readString(spec, 'endpoint', 'evidence', out, { nonEmpty: true });
  if (endpoint !== undefined && !/^https?:\/\/[^/]+/.test(endpoint)) addProblem(out, 'evidence.endpoint', `must be an http(s) URL (got ${describeValue(endpoint)})`);
}
