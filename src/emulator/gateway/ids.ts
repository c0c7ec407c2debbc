/**
 * Request ids and timestamps in the shapes API Gateway uses, made cheaply on the hot path:
 * - REST `requestId` / `x-amzn-RequestId`: a UUID (`f88e38e3-2060-4a56-93c0-9efbc6a659a0` in
 *   events/powertools-typescript/apigw-rest/no-auth.json).
 * - `extendedRequestId` / `x-amz-apigw-id` and the HTTP API `requestId` / `Apigw-Requestid`: 15 base64url
 *   characters and `=` (`ZhDrKF5dDoEEHfA=`, `JCJXri3_PHcEP_Q=` in the same fixtures and AWS's .NET test tool captures).
 * - Trace id: `Root=1-{epoch seconds, 8 hex}-{24 hex}` (X-Ray trace id format, as in the fixtures' `X-Amzn-Trace-Id`).
 * - `requestTime`: `17/Jun/2024:14:48:13 +0000` (CLF format, always UTC).
 */
import { randomUUID } from 'node:crypto';
import { createRandomPool } from '../random-pool.js';
import type { RequestStamp } from './types.js';

/** Produces unique ids from a pooled random buffer (one `randomFillSync` per ~300 requests). */
export interface IdSource {
  uuid(): string;
  /** 15 base64url characters and `=`. */
  shortId(): string;
  /** `Root=1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx` for the given wall-clock time. */
  traceId(epochMs: number): string;
}

export function createIdSource(): IdSource {
  const { take } = createRandomPool();
  return {
    uuid: () => randomUUID(),
    // 11 random bytes → 15 base64url characters; AWS shows the padding `=`.
    shortId: () => take(11).toString('base64url') + '=',
    traceId: (epochMs) => `Root=1-${Math.floor(epochMs / 1000).toString(16).padStart(8, '0')}-${take(12).toString('hex')}`,
  };
}

/** Stamps one request: REST ids are a UUID plus a short extended id; HTTP API uses the short id for both. */
export function stampRequest(ids: IdSource, apiType: 'rest' | 'http', epochMs: number): RequestStamp {
  const extendedRequestId = ids.shortId();
  return {
    requestId: apiType === 'rest' ? ids.uuid() : extendedRequestId,
    extendedRequestId,
    traceId: ids.traceId(epochMs),
    timeEpochMs: epochMs,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
let cachedSecond = -1;
let cachedTime = '';

/** `dd/Mon/yyyy:HH:mm:ss +0000` in UTC; cached per second since a load test asks thousands of times a second. */
export function formatRequestTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second === cachedSecond) return cachedTime;
  const d = new Date(second * 1000);
  cachedTime =
    `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
  cachedSecond = second;
  return cachedTime;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
