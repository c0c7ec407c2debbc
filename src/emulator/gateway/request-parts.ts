/**
 * The pieces of a request that both event formats need: query parameters, header lists, the body as text or
 * base64, and safe percent-decoding.
 */

/** Decodes `%xx` escapes; a malformed escape leaves the text as it is (API Gateway does not reject it). */
export function safeDecode(text: string): string {
  if (text.indexOf('%') === -1) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Splits a raw query string into decoded name, value pairs in order (`a=1&a=2&b` → `a,1,a,2,b,''`).
 * `+` is read as a space, as in HTML form encoding (an assumption: no AWS source pins it).
 */
export function parseQuery(rawQuery: string): string[] {
  const pairs: string[] = [];
  if (rawQuery === '') return pairs;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push(decodeQueryPart(name), decodeQueryPart(value));
  }
  return pairs;
}

function decodeQueryPart(text: string): string {
  return safeDecode(text.indexOf('+') === -1 ? text : text.replace(/\+/g, ' '));
}

/** Media types API Gateway passes as text; anything else is binary and arrives base64-encoded. */
export function isTextMediaType(contentType: string | undefined): boolean {
  // No content type: treated as text (REST without binaryMediaTypes passes every body as text). lambdaload's choice.
  if (contentType === undefined || contentType === '') return true;
  const semi = contentType.indexOf(';');
  const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/xml' ||
    type.endsWith('+xml') ||
    type === 'application/javascript' ||
    type === 'application/x-www-form-urlencoded' ||
    type === 'application/graphql' ||
    type === 'application/yaml' ||
    type === 'application/x-yaml'
  );
}

/** The event `body` and `isBase64Encoded` for a request body. Empty bodies give `undefined`. */
export function encodeBody(body: Buffer, contentType: string | undefined): { body: string | undefined; isBase64Encoded: boolean } {
  if (body.length === 0) return { body: undefined, isBase64Encoded: false };
  if (isTextMediaType(contentType)) return { body: body.toString('utf8'), isBase64Encoded: false };
  return { body: body.toString('base64'), isBase64Encoded: true };
}

/** First value of a header in Node's `rawHeaders` (case-insensitive name, given in lower case). */
export function findHeader(rawHeaders: readonly string[], lowerName: string): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].length === lowerName.length && rawHeaders[i].toLowerCase() === lowerName) return rawHeaders[i + 1];
  }
  return undefined;
}

/** Headers an HTTP hop consumes; API Gateway does not pass them to the integration. */
export function isHopByHopHeader(lowerName: string): boolean {
  return lowerName === 'connection' || lowerName === 'keep-alive' || lowerName === 'transfer-encoding' || lowerName === 'upgrade';
}

/** The `domainName` and `domainPrefix` of the request context: the Host the client called, and its first label. */
export function domainOf(rawHeaders: readonly string[]): { domainName: string; domainPrefix: string } {
  const host = findHeader(rawHeaders, 'host') ?? 'localhost';
  const dot = host.indexOf('.');
  const colon = host.indexOf(':');
  const end = dot !== -1 ? dot : colon !== -1 ? colon : host.length;
  return { domainName: host, domainPrefix: host.slice(0, end) };
}
