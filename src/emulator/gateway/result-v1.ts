/**
 * Maps a payload format 1.0 proxy result (`{statusCode, headers, multiValueHeaders, body, isBase64Encoded}`) to the
 * HTTP response, for REST and for HTTP APIs set to 1.0 (aws-facts §6.1 "Proxy response format").
 *
 * - `headers` and `multiValueHeaders` are merged. REST puts the `multiValueHeaders` values first and drops a
 *   `headers` value identical to one already there; HTTP API 1.0 puts the `headers` value first and keeps
 *   repeats (aws-facts §6.1; SOURCES.md "Known quirks").
 * - No `Content-Type`: REST `application/json`, HTTP API `text/plain; charset=utf-8` (SOURCES.md, real captures).
 * - REST renames headers it owns to `x-amzn-Remapped-<name>` (aws-facts §4.1 "Header remapping": `Date`, `Server`,
 *   `Connection`, `Authorization`, `WWW-Authenticate`, `x-amzn-RequestId`, and `Content-Length` when it differs).
 */
import type { ApiType } from '../../scenario/types.js';
import { MALFORMED, hasHeader, isConnectionHeader, isJsonObject, readBody, readHeaderValue, readStatusCode } from './result-fields.js';
import type { GatewayResponse } from './types.js';

const REST_REMAPPED = new Set(['date', 'server', 'connection', 'authorization', 'www-authenticate', 'x-amzn-requestid']);

/** Returns the response, or `undefined` when the result is malformed (the caller answers 502 / 500). */
export function mapResultV1(payload: Buffer, apiType: ApiType): GatewayResponse | undefined {
  let result: unknown;
  try {
    result = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isJsonObject(result)) return undefined;
  const statusCode = readStatusCode(result.statusCode);
  if (statusCode === MALFORMED) return undefined;
  const body = readBody(result.body, result.isBase64Encoded);
  if (body === MALFORMED) return undefined;

  const single = result.headers;
  const multi = result.multiValueHeaders;
  if ((single !== undefined && single !== null && !isJsonObject(single)) || (multi !== undefined && multi !== null && !isJsonObject(multi))) {
    return undefined;
  }
  const merged = new HeaderMerge();
  const rest = apiType === 'rest';
  if (!rest && single && !merged.addSingle(single, false)) return undefined;
  if (multi && !merged.addMulti(multi)) return undefined;
  if (rest && single && !merged.addSingle(single, true)) return undefined;

  const headers: string[] = [];
  for (let i = 0; i < merged.list.length; i += 2) {
    const name = merged.list[i];
    const lower = name.toLowerCase();
    if (rest && REST_REMAPPED.has(lower)) headers.push(`x-amzn-Remapped-${name}`, merged.list[i + 1]);
    else if (rest && lower === 'content-length') {
      if (merged.list[i + 1] !== String(body.length)) headers.push(`x-amzn-Remapped-${name}`, merged.list[i + 1]);
    } else if (!isConnectionHeader(lower)) headers.push(name, merged.list[i + 1]);
  }
  if (!hasHeader(headers, 'content-type')) headers.push('Content-Type', rest ? 'application/json' : 'text/plain; charset=utf-8');
  return { statusCode, headers, body };
}

/** Header list merged case-insensitively: the first casing of a name is kept and its values stay together. */
class HeaderMerge {
  /** name, value, name, value ... grouped by name in first-seen order. */
  list: string[] = [];

  addMulti(multi: Record<string, unknown>): boolean {
    for (const name in multi) {
      const values = multi[name];
      if (values === null || values === undefined) continue;
      if (!Array.isArray(values)) return false;
      for (const raw of values) {
        const value = readHeaderValue(raw);
        if (value === MALFORMED) return false;
        if (value !== undefined) this.insert(name, value, false);
      }
    }
    return true;
  }

  addSingle(single: Record<string, unknown>, skipIdentical: boolean): boolean {
    for (const name in single) {
      const value = readHeaderValue(single[name]);
      if (value === MALFORMED) return false;
      if (value !== undefined) this.insert(name, value, skipIdentical);
    }
    return true;
  }

  private insert(name: string, value: string, skipIdentical: boolean): void {
    const lower = name.toLowerCase();
    let last = -1;
    for (let i = 0; i < this.list.length; i += 2) {
      if (this.list[i].toLowerCase() !== lower) continue;
      if (skipIdentical && this.list[i + 1] === value) return;
      last = i;
    }
    if (last === -1) this.list.push(name, value);
    else this.list.splice(last + 2, 0, this.list[last], value);
  }
}
