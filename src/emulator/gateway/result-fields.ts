/**
 * Field checks shared by the 1.0 and 2.0 result mappings. A field that fails its check makes the whole result
 * malformed (REST 502, HTTP API 500), as API Gateway treats it (aws-facts §6.1 "Any other output shape gets 502";
 * §6.2 "Invalid output ... → 500").
 */

/** Marker for a malformed field. */
export const MALFORMED = Symbol('malformed');

/**
 * `statusCode`: an integer 100–599, or a string of digits (a common Python idiom, `"statusCode": "200"`, which API
 * Gateway accepts). `0` and `200.5` are malformed (AWS .NET Lambda Test Tool captures, SOURCES.md).
 */
export function readStatusCode(value: unknown): number | typeof MALFORMED {
  let code: number;
  if (typeof value === 'number') code = value;
  else if (typeof value === 'string' && /^\d{3}$/.test(value)) code = Number(value);
  else return MALFORMED;
  return Number.isInteger(code) && code >= 100 && code <= 599 ? code : MALFORMED;
}

/** `body`: a string, or absent / null for an empty body; decoded from base64 when `isBase64Encoded` is true. */
export function readBody(body: unknown, isBase64Encoded: unknown): Buffer | typeof MALFORMED {
  if (body === undefined || body === null) return EMPTY;
  if (typeof body !== 'string') return MALFORMED;
  return isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
}

const EMPTY = Buffer.alloc(0);

/** One header value: strings as they are, numbers and booleans as text; `undefined` skips null; objects are malformed. */
export function readHeaderValue(value: unknown): string | undefined | typeof MALFORMED {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return undefined;
  return MALFORMED;
}

/** A plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the header list (alternating name, value) holds the header (name given lower case). */
export function hasHeader(headers: readonly string[], lowerName: string): boolean {
  for (let i = 0; i < headers.length; i += 2) if (headers[i].toLowerCase() === lowerName) return true;
  return false;
}

/** Headers the gateway itself owns on the way out: the function cannot set them. */
export function isConnectionHeader(lowerName: string): boolean {
  return lowerName === 'content-length' || lowerName === 'connection' || lowerName === 'keep-alive' || lowerName === 'transfer-encoding';
}
