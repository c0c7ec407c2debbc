/**
 * The kind of API Gateway API behind a URL, read from the headers of one GET of it, for a url target whose type is
 * neither declared nor found by the lookups (a custom domain, or lookups not allowed). API Gateway stamps each answer,
 * an error included (aws-facts §4.1, §4.2): a REST API `x-amz-apigw-id` (beside `x-amzn-RequestId`, which Lambda
 * function URLs send too, so it proves nothing alone), an HTTP API `apigw-requestid` and never the other two.
 */
import type { ApiType } from '../scenario/types.js';

export interface ProbedApiType {
  type: ApiType;
  /** The header that told it. */
  header: string;
}

/** What the headers of an API's answer say it is; `undefined` when they name no API Gateway kind. */
export function apiTypeOfHeaders(headers: Headers): ProbedApiType | undefined {
  if (headers.has('apigw-requestid')) return { type: 'http', header: 'apigw-requestid' };
  if (headers.has('x-amz-apigw-id')) return { type: 'rest', header: 'x-amz-apigw-id' };
  return undefined;
}

/**
 * One GET of `url` (no redirect followed, the body discarded), its headers read. `undefined` when there is no answer
 * within `timeoutMs` or it names no API Gateway kind.
 */
export async function probeApiType(url: string, timeoutMs = 10_000): Promise<ProbedApiType | undefined> {
  try {
    const answer = await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await answer.body?.cancel();
    return apiTypeOfHeaders(answer.headers);
  } catch {
    return undefined;
  }
}
