/**
 * Request and response sizes of a plan: the mix of every route (its own `payload`, else the plan's), held against
 * Lambda's synchronous payload limit and API Gateway's (the quota room's checks, the numbers from src/facts), and
 * handed to the cost room (HTTP API requests metered per 512 KB band by band, responses priced as data transfer out).
 */
import type { PayloadShare } from '../cost/types.js';
import { QUOTAS } from '../facts/quotas.js';
import { SCALING_FACTS } from '../facts/scaling.js';
import { checkQuotas, type QuotaFinding } from '../quota/index.js';
import type { PlanPayload, PlanResult, PlanResultPayload, PayloadOverLimit } from './result-types.js';
import type { Plan, PayloadSize, PlanApiType, PlanRoute } from './types.js';

const BYTES_PER_KB = 1024;

/** The plan's request and response mixes over all its routes (shares add up to 1); undefined when none is given. */
export function resolvePayload(plan: Plan): PlanPayload | undefined {
  const routes: PlanRoute[] = plan.routes ?? Object.keys(plan.functions).map((name) => ({ name, function: name, share: 1 }));
  const total = routes.reduce((sum, route) => sum + (route.share ?? 1), 0);
  const mix = (key: 'requestKb' | 'responseKb'): PayloadShare[] | undefined => {
    if (routes.every((route) => (route.payload ?? plan.payload)?.[key] === undefined)) return undefined;
    const bands = new Map<number, number>();
    for (const route of routes) {
      // A route without a size is taken as empty (metered as one unit, no data out) rather than as another route's.
      for (const band of bandsOf((route.payload ?? plan.payload)?.[key] ?? 0)) bands.set(band.sizeKb, (bands.get(band.sizeKb) ?? 0) + (band.share * (route.share ?? 1)) / total);
    }
    return [...bands].sort((a, b) => a[0] - b[0]).map(([sizeKb, share]) => ({ sizeKb, share }));
  };
  const request = mix('requestKb');
  const response = mix('responseKb');
  return request === undefined && response === undefined ? undefined : { request, response };
}

function bandsOf(size: PayloadSize): PayloadShare[] {
  if (typeof size === 'number') return [{ sizeKb: size, share: 1 }];
  const weights = size.reduce((sum, band) => sum + band.weight, 0);
  return size.map((band) => ({ sizeKb: band.sizeKb, share: band.weight / weights }));
}

/**
 * Share of one route's requests over a payload limit (Lambda's is the lower, so it covers API Gateway's) and of its
 * responses over Lambda's: the simulator refuses the first and fails the second.
 */
export function routeOverLimitShares(plan: Plan, route: PlanRoute): { payloadRejectShare?: number; responseTooLargeShare?: number } {
  const sizes = route.payload ?? plan.payload;
  const over = (size: PayloadSize | undefined) => (size === undefined ? 0 : bandsOf(size).filter((b) => b.sizeKb * BYTES_PER_KB > QUOTAS.syncPayloadBytes.value).reduce((sum, b) => sum + b.share, 0));
  const request = over(sizes?.requestKb);
  const response = over(sizes?.responseKb);
  return { ...(request > 0 ? { payloadRejectShare: request } : {}), ...(response > 0 ? { responseTooLargeShare: response } : {}) };
}

/** Mean size of a mix, KB. */
export const meanKb = (bands: readonly PayloadShare[]) => bands.reduce((kb, band) => kb + band.sizeKb * band.share, 0);

/**
 * The quota room's findings for the largest request and response, and the share of the traffic over each limit
 * with what the client would get: above API Gateway's limit a 413 from API Gateway; a request above Lambda's a 413
 * as well (aws-facts §4.1 (d2)); a response above Lambda's a function error, 502 behind REST, 500 behind HTTP APIs.
 */
export function checkPayloadLimits(payload: PlanPayload, region: string, apiType: PlanApiType): PlanResultPayload {
  const largest = (bands?: readonly PayloadShare[]) => (bands === undefined ? undefined : Math.max(...bands.map((b) => b.sizeKb)) * BYTES_PER_KB);
  const findings: QuotaFinding[] = checkQuotas({ region, apiType, payload: { maxRequestBytes: largest(payload.request), maxResponseBytes: largest(payload.response) } });
  const over: PayloadOverLimit[] = [];
  const shareOver = (bands: readonly PayloadShare[] | undefined, bytes: number, below = Infinity) =>
    (bands ?? []).filter((b) => b.sizeKb * BYTES_PER_KB > bytes && b.sizeKb * BYTES_PER_KB <= below).reduce((sum, b) => sum + b.share, 0);
  const add = (entry: PayloadOverLimit) => entry.share > 0 && over.push(entry);
  const api = QUOTAS.apiPayloadBytes;
  const lambda = QUOTAS.syncPayloadBytes;
  add({ kind: 'request', quota: api.name, limitBytes: api.value, share: shareOver(payload.request, api.value), status: SCALING_FACTS.payloadTooLargeStatus.value });
  add({ kind: 'request', quota: lambda.name, limitBytes: lambda.value, share: shareOver(payload.request, lambda.value, api.value), status: SCALING_FACTS.payloadTooLargeStatus.value });
  add({ kind: 'response', quota: lambda.name, limitBytes: lambda.value, share: shareOver(payload.response, lambda.value), status: apiType === 'rest' ? 502 : 500 });
  return { ...payload, findings, over };
}

/** `requests 90% 20 KB, 10% 1,200 KB · responses 50 KB`: the mixes as one line. */
export function formatPayloadMix(payload: PlanPayload): string {
  const kb = (n: number) => `${n.toLocaleString('en-US', { maximumFractionDigits: 1 })} KB`;
  const mix = (bands: readonly PayloadShare[]) =>
    bands.length === 1 ? kb(bands[0].sizeKb) : `${bands.map((b) => `${(b.share * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}% ${kb(b.sizeKb)}`).join(', ')} (mean ${kb(meanKb(bands))})`;
  return [payload.request && `requests ${mix(payload.request)}`, payload.response && `responses ${mix(payload.response)}`].filter(Boolean).join(' · ');
}

/** Rows for the refusal tables: requests refused for their size, responses that failed for theirs. */
export function payloadRefusals(result: Pick<PlanResult, 'payloadRejected' | 'responsesTooLarge' | 'plan'>): Array<[label: string, count: number, status: string]> {
  const rows: Array<[string, number, string]> = [];
  if ((result.payloadRejected ?? 0) > 0) rows.push(['payload over a limit', result.payloadRejected!, String(SCALING_FACTS.payloadTooLargeStatus.value)]);
  if ((result.responsesTooLarge ?? 0) > 0) rows.push(["response over Lambda's limit", result.responsesTooLarge!, result.plan.apiType === 'rest' ? '502' : '500']);
  return rows;
}
