/**
 * The small checks the scenario validator is made of. Each reads one key of an object, appends a `Problem` when the
 * value is wrong, and returns the value only when it is right, so a caller can go on checking what depends on it.
 */
import { readDurationMs } from './duration.js';
import { joinPath } from './key-path.js';
import { closestMatch } from './suggest.js';

/** One thing wrong with a scenario, at a key path such as `phases[1].rampTo`. */
export interface Problem {
  /** Key path of the bad value; `''` for the scenario itself. */
  path: string;
  /** What is wrong, to be read after the path: `must be > 0 (got -5)`. */
  message: string;
  /** 1-based line in the scenario file, when it could be found for certain. */
  line?: number;
}

export type PlainObject = Record<string, unknown>;

export interface NumberRule {
  required?: boolean;
  integer?: boolean;
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound (`> 0`). */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Why the bounds are what they are, e.g. `Lambda's memory range`. */
  why?: string;
}

export interface DurationRule {
  required?: boolean;
  /** Zero is not allowed. */
  positive?: boolean;
  maxMs?: number;
  /** The maximum as people say it (`900 s`), with its reason. */
  maxLabel?: string;
}

export function isRecord(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a value for `(got ...)`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return String(value);
}

export function addProblem(out: Problem[], path: string, message: string): void {
  out.push({ path, message });
}

/** `value` itself must be an object (not an array, not null). */
export function readRecord(value: unknown, path: string, out: Problem[], required = true): PlainObject | undefined {
  if (isRecord(value)) return value;
  if (value === undefined && !required) return undefined;
  addProblem(out, path, value === undefined ? 'is required' : `must be an object (got ${describeValue(value)})`);
  return undefined;
}

/** `obj[key]` must be an object; reported as missing when required. */
export function readRecordKey(obj: PlainObject, key: string, path: string, out: Problem[], required = false): PlainObject | undefined {
  return readRecord(obj[key], joinPath(path, key), out, required);
}

/** `obj[key]` must be an array; returns it when it is. */
export function readArray(obj: PlainObject, key: string, path: string, out: Problem[], required = false): unknown[] | undefined {
  const value = obj[key];
  if (Array.isArray(value)) return value;
  if (value === undefined && !required) return undefined;
  addProblem(out, joinPath(path, key), value === undefined ? 'is required' : `must be an array (got ${describeValue(value)})`);
  return undefined;
}

/**
 * Every key of `obj` must be one of `known`. A typo gets the closest known key; a key that is right elsewhere (a
 * `rampTo` in a constant phase) gets what `elsewhere` says about it.
 */
export function checkKnownKeys(
  obj: PlainObject,
  path: string,
  known: readonly string[],
  out: Problem[],
  elsewhere: (key: string) => string | undefined = () => undefined,
): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const other = elsewhere(key);
    if (other !== undefined) {
      addProblem(out, joinPath(path, key), other);
      continue;
    }
    const suggestion = closestMatch(key, known);
    addProblem(
      out,
      joinPath(path, key),
      suggestion === undefined ? `is not a known key (known: ${known.join(', ')})` : `is not a known key; did you mean ${suggestion}?`,
    );
  }
}

export function readString(
  obj: PlainObject,
  key: string,
  path: string,
  out: Problem[],
  rule: { required?: boolean; nonEmpty?: boolean } = {},
): string | undefined {
  const value = obj[key];
  const at = joinPath(path, key);
  if (value === undefined) {
    if (rule.required) addProblem(out, at, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') {
    addProblem(out, at, `must be a string (got ${describeValue(value)})`);
    return undefined;
  }
  if (rule.nonEmpty && value.trim() === '') {
    addProblem(out, at, 'must not be empty');
    return undefined;
  }
  return value;
}

export function readNumber(obj: PlainObject, key: string, path: string, out: Problem[], rule: NumberRule = {}): number | undefined {
  const value = obj[key];
  const at = joinPath(path, key);
  if (value === undefined) {
    if (rule.required) addProblem(out, at, 'is required');
    return undefined;
  }
  const problem = numberProblem(value, rule);
  if (problem !== undefined) {
    addProblem(out, at, problem);
    return undefined;
  }
  return value as number;
}

/** What is wrong with `value` as a number under `rule`, or `undefined` when it is fine. */
export function numberProblem(value: unknown, rule: NumberRule): string | undefined {
  const why = (text: string) => `${text} (${rule.why ? `${rule.why}; ` : ''}got ${describeValue(value)})`;
  if (typeof value !== 'number') return `must be a number (got ${describeValue(value)})`;
  if (!Number.isFinite(value)) return `must be a finite number (got ${describeValue(value)})`;
  if (rule.integer && !Number.isInteger(value)) return why('must be a whole number');
  if (rule.min !== undefined && rule.max !== undefined && (value < rule.min || value > rule.max)) return why(`must be from ${rule.min} to ${rule.max}`);
  if (rule.above !== undefined && value <= rule.above) return why(`must be > ${rule.above}`);
  if (rule.min !== undefined && value < rule.min) return why(`must be >= ${rule.min}`);
  if (rule.max !== undefined && value > rule.max) return why(`must be <= ${rule.max}`);
  return undefined;
}

export function readBoolean(obj: PlainObject, key: string, path: string, out: Problem[]): boolean | undefined {
  const value = obj[key];
  if (value === undefined || typeof value === 'boolean') return value;
  addProblem(out, joinPath(path, key), `must be true or false (got ${describeValue(value)})`);
  return undefined;
}

/** `obj[key]` must be one of `values`; a near miss (`get`, `nodejs22`) gets a suggestion. */
export function readEnum<T extends string>(
  obj: PlainObject,
  key: string,
  path: string,
  values: readonly T[],
  out: Problem[],
  required = false,
): T | undefined {
  const value = obj[key];
  const at = joinPath(path, key);
  if (value === undefined) {
    if (required) addProblem(out, at, `is required (one of ${quoteAll(values)})`);
    return undefined;
  }
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  const suggestion = typeof value === 'string' ? closestMatch(value, values) : undefined;
  addProblem(
    out,
    at,
    `must be one of ${quoteAll(values)} (got ${describeValue(value)})${suggestion === undefined ? '' : `; did you mean '${suggestion}'?`}`,
  );
  return undefined;
}

/** `obj[key]` must be a readable duration; returns its milliseconds. */
export function readDuration(obj: PlainObject, key: string, path: string, out: Problem[], rule: DurationRule = {}): number | undefined {
  const value = obj[key];
  const at = joinPath(path, key);
  if (value === undefined) {
    if (rule.required) addProblem(out, at, "is required (a duration such as '30s')");
    return undefined;
  }
  const reading = readDurationMs(value);
  if (!reading.ok) {
    addProblem(out, at, reading.message);
    return undefined;
  }
  if (rule.positive && reading.ms === 0) {
    addProblem(out, at, 'must be longer than 0');
    return undefined;
  }
  if (rule.maxMs !== undefined && reading.ms > rule.maxMs) {
    addProblem(out, at, `must be at most ${rule.maxLabel ?? `${rule.maxMs} ms`} (got ${describeValue(value)})`);
    return undefined;
  }
  return reading.ms;
}

/**
 * `obj[key]` must map names to strings (or, with `allowLists`, to lists of strings). Returns the entries whose value
 * is a string (`undefined` when the key is absent or not an object).
 */
export function readStringMap(obj: PlainObject, key: string, path: string, out: Problem[], allowLists = false): Record<string, string> | undefined {
  const map = readRecordKey(obj, key, path, out);
  if (map === undefined) return undefined;
  const at = joinPath(path, key);
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(map)) {
    if (typeof value === 'string') {
      strings[name] = value;
      continue;
    }
    if (allowLists && Array.isArray(value) && value.every((item) => typeof item === 'string')) continue;
    addProblem(out, joinPath(at, name), `must be a string${allowLists ? ' or a list of strings' : ''} (got ${describeValue(value)})`);
  }
  return strings;
}

function quoteAll(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

/**
 * The keys of an interface as a list, checked by the compiler: a key missing from `keys`, or one that the type
 * does not have, is a type error. Keeps the "unknown key" check in step with `types.ts`.
 */
export function keysOf<T>(keys: { [K in keyof Required<T>]: true }): Array<keyof T & string> {
  return Object.keys(keys) as Array<keyof T & string>;
}

/** An AWS Region code such as `us-east-1`, `eu-central-2`, `us-gov-west-1`. */
export const REGION_CODE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function readRegion(obj: PlainObject, key: string, path: string, out: Problem[], required = false): string | undefined {
  const region = readString(obj, key, path, out, { required });
  if (region !== undefined && !REGION_CODE.test(region)) {
    addProblem(out, joinPath(path, key), `must be an AWS Region code such as 'us-east-1' (got ${describeValue(region)})`);
    return undefined;
  }
  return region;
}
