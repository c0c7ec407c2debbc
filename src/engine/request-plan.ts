/**
 * Turns the scenario's `RequestSpec[]` into ready-to-send requests: templates compiled once, static parts
 * (path, headers, body bytes) built once and shared, weighted selection, and each request's `expect` rule.
 * Pure apart from `crypto.randomUUID()` for `{{uuid}}`.
 */
import { randomUUID } from 'node:crypto';
import type { HttpMethod, RequestExpectation, RequestSpec } from '../scenario/types.js';
import { DIRECT_INVOKE_REQUEST_NAME } from '../scenario/names.js';
import { createRandom, randomSeed, type RandomSource } from './random.js';

/** Variables usable in `path`, `query`, `headers` and `body`: `{{seq}}`, `{{uuid}}`, `{{randomInt}}`. */
export const TEMPLATE_VARIABLES = ['seq', 'uuid', 'randomInt'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** `{{randomInt}}` is uniform in [0, RANDOM_INT_LIMIT). */
export const RANDOM_INT_LIMIT = 1e9;

export interface PreparedRequest {
  requestIndex: number;
  method: HttpMethod;
  /** Base path of the target + the request path + the query string, ready for the wire. */
  path: string;
  /** Flat `[name, value, name, value, ...]`, or null when there are none. */
  headers: string[] | null;
  body: Buffer | null;
  expect: CompiledExpectation;
  /** True when the plan hands out this same object every time (no variables): its wire bytes can be kept. */
  fixed: boolean;
}

export interface CompiledExpectation {
  /** True when the check needs the body bytes (`bodyContains`). */
  needsBody: boolean;
  /** Accepted statuses; undefined means any 2xx or 3xx. */
  statuses?: readonly number[];
  bodyContains?: Buffer;
}

export interface RequestPlan {
  /** Request names in scenario order (`name`, default `METHOD path` with the path template as written). */
  readonly names: readonly string[];
  /** The next request by weight, with its variables expanded for sequence number `seq`. */
  next(seq: number): PreparedRequest;
}

export interface RequestPlanOptions {
  /** Path prefix of the target (the base URL's path, e.g. `/prod`), without a trailing slash. */
  basePath?: string;
  /** Seed for `{{randomInt}}`. Default: a fresh random seed. */
  seed?: number;
}

/** A compiled template: literal strings and variable slots (indexes into TEMPLATE_VARIABLES). */
type Part = string | 0 | 1 | 2;

/** Per-request values: each variable has one value per request, wherever it appears. */
interface Values {
  seq: number;
  uuid: string | undefined;
  randomInt: number | undefined;
}

const VARIABLE_PATTERN = /\{\{\s*(seq|uuid|randomInt)\s*\}\}/g;

function compileTemplate(text: string, encodeLiteral: (s: string) => string = (s) => s): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(VARIABLE_PATTERN)) {
    if (match.index > last) parts.push(encodeLiteral(text.slice(last, match.index)));
    parts.push(TEMPLATE_VARIABLES.indexOf(match[1] as TemplateVariable) as 0 | 1 | 2);
    last = match.index + match[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push(encodeLiteral(text.slice(last)));
  return parts;
}

function isStatic(parts: Part[]): parts is string[] {
  return parts.every((p) => typeof p === 'string');
}

function expand(parts: Part[], values: Values, random: RandomSource): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else if (p === 0) out += values.seq;
    else if (p === 1) out += values.uuid ??= randomUUID();
    else out += values.randomInt ??= Math.floor(random() * RANDOM_INT_LIMIT);
  }
  return out;
}

/** Compiles a request's `expect` rule. */
export function compileExpectation(expect: RequestExpectation | undefined): CompiledExpectation {
  const statuses = expect?.status === undefined ? undefined : Array.isArray(expect.status) ? [...expect.status] : [expect.status];
  const bodyContains = expect?.bodyContains === undefined ? undefined : Buffer.from(expect.bodyContains, 'utf8');
  return { needsBody: bodyContains !== undefined, statuses, bodyContains };
}

/** True when the response passes the rule: status accepted (default 2xx/3xx) and body contains the text. */
export function checkExpectation(expect: CompiledExpectation, status: number, body: Buffer | undefined): boolean {
  return expectationVerdict(expect, status, body) === undefined;
}

/** True when the rule accepts the status (default any 2xx/3xx). Known from the response head alone. */
export function statusAccepted(expect: CompiledExpectation, status: number): boolean {
  return expect.statuses === undefined ? status >= 200 && status < 400 : expect.statuses.includes(status);
}

/** Which check a response fails (`status` first), or undefined when it passes. */
export function expectationVerdict(expect: CompiledExpectation, status: number, body: Buffer | undefined): 'status' | 'body' | undefined {
  if (!statusAccepted(expect, status)) return 'status';
  if (expect.bodyContains === undefined) return undefined;
  return body !== undefined && body.indexOf(expect.bodyContains) !== -1 ? undefined : 'body';
}

/** Default request name: the method and the path template as written. */
export function requestName(spec: RequestSpec): string {
  return spec.name ?? (spec.path === undefined ? DIRECT_INVOKE_REQUEST_NAME : `${requestMethod(spec)} ${spec.path}`);
}

/** `method`, or POST when the request has a body and GET otherwise. */
export function requestMethod(spec: RequestSpec): HttpMethod {
  return spec.method ?? (spec.json !== undefined || spec.body !== undefined ? 'POST' : 'GET');
}

interface CompiledRequest {
  index: number;
  method: HttpMethod;
  path: Part[];
  headers: Array<[name: string, value: Part[]]>;
  body: Part[] | null;
  expect: CompiledExpectation;
  /** Built once when nothing in the request uses a variable. */
  fixed: PreparedRequest | undefined;
}

function compileRequest(spec: RequestSpec, index: number, basePath: string): CompiledRequest {
  const method = requestMethod(spec);
  const given = spec.path ?? '';
  const pathText = basePath + (given.startsWith('/') ? given : `/${given}`);
  const path = compileTemplate(pathText);
  const query = Object.entries(spec.query ?? {}).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => `${encodeURIComponent(key)}=${v}`),
  );
  if (query.length > 0) {
    // Literal query text is URL-encoded; variable values (digits, hex, dashes) need no encoding.
    const queryParts = query.map((pair) => {
      const eq = pair.indexOf('=');
      return [pair.slice(0, eq + 1), ...compileTemplate(pair.slice(eq + 1), encodeURIComponent)];
    });
    path.push('?');
    queryParts.forEach((parts, i) => path.push(...(i > 0 ? ['&'] : []), ...parts));
  }
  const headers: Array<[string, Part[]]> = Object.entries(spec.headers ?? {}).map(([name, value]) => [name, compileTemplate(value)]);
  let bodyText: string | undefined = spec.body;
  if (spec.json !== undefined) {
    // JSON is serialised once; variables inside its strings expand in the serialised text (their values need no
    // JSON escaping), so a body without variables is sent as the same bytes every time.
    bodyText = JSON.stringify(spec.json);
    if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['content-type', ['application/json']]);
  }
  const body = bodyText === undefined ? null : compileTemplate(bodyText);
  const compiled: CompiledRequest = { index, method, path: mergeLiterals(path), headers, body, expect: compileExpectation(spec.expect), fixed: undefined };
  if (isStatic(compiled.path) && (body === null || isStatic(body)) && headers.every(([, v]) => isStatic(v))) {
    compiled.fixed = { ...build(compiled, { seq: 0, uuid: undefined, randomInt: undefined }, () => 0), fixed: true };
  }
  return compiled;
}

function mergeLiterals(parts: Part[]): Part[] {
  const merged: Part[] = [];
  for (const p of parts) {
    const last = merged.length - 1;
    if (typeof p === 'string' && last >= 0 && typeof merged[last] === 'string') merged[last] = (merged[last] as string) + p;
    else if (p !== '') merged.push(p);
  }
  return merged.length > 0 ? merged : [''];
}

function build(c: CompiledRequest, values: Values, random: RandomSource): PreparedRequest {
  let headers: string[] | null = null;
  if (c.headers.length > 0) {
    headers = [];
    for (const [name, value] of c.headers) headers.push(name, expand(value, values, random));
  }
  return {
    requestIndex: c.index,
    method: c.method,
    path: expand(c.path, values, random),
    headers,
    body: c.body === null ? null : Buffer.from(expand(c.body, values, random), 'utf8'),
    expect: c.expect,
    fixed: false,
  };
}

/**
 * Smooth weighted round-robin (the nginx algorithm): deterministic, exactly proportional over each cycle, and
 * interleaved (weights 2:1 give A B A A B A, not A A B).
 * https://github.com/nginx/nginx/commit/52327e0627f49dbda1e8db695e63a4b0af4448b1
 */
export function createWeightedPicker(weights: readonly number[]): () => number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (weights.length === 0 || !(total > 0) || weights.some((w) => !(w >= 0) || !Number.isFinite(w))) {
    throw new RangeError(`request weights must be finite, >= 0 and not all 0 (got ${weights.join(', ')})`);
  }
  if (weights.length === 1) return () => 0;
  const current = weights.map(() => 0);
  return () => {
    let best = 0;
    for (let i = 0; i < weights.length; i++) {
      current[i] += weights[i];
      if (current[i] > current[best]) best = i;
    }
    current[best] -= total;
    return best;
  };
}

export function createRequestPlan(requests: readonly RequestSpec[], options: RequestPlanOptions = {}): RequestPlan {
  if (requests.length === 0) throw new RangeError('at least one request is needed');
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const compiled = requests.map((spec, i) => compileRequest(spec, i, basePath));
  const pick = createWeightedPicker(requests.map((r) => r.weight ?? 1));
  const random = createRandom(options.seed ?? randomSeed());
  return {
    names: requests.map(requestName),
    next(seq) {
      const c = compiled[pick()];
      return c.fixed ?? build(c, { seq, uuid: undefined, randomInt: undefined }, random);
    },
  };
}
