/**
 * API Gateway lines of an estimate: REST and HTTP API requests of every API in the usage (request tiers on the
 * aggregate per type; HTTP metered in 512 KB increments, band by band for a payload mix), WebSocket messages (32 KB
 * increments) and connection minutes, REST cache hours, private REST endpoints, data transfer out.
 */
import { resolveFreeTiers } from './free-tier.js';
import { addWarning, priceQuantity } from './tiers.js';
import type { ApiGatewayRegionPrices, ApiUsage, CostLine, CostUsage, CostWarning, FreeTierAllowance, PriceRow, PricingTables } from './types.js';

const GB_PER_KB = 1 / 1024 ** 2;

/** Units an HTTP request or WebSocket message is metered as: a 1.2 MB HTTP request counts as 3 (aws-facts §2.1). */
export function meteredUnits(sizeKb: number | undefined, incrementKb: number): number {
  if (sizeKb === undefined || sizeKb <= 0) return 1;
  return Math.max(1, Math.ceil(Number((sizeKb / incrementKb).toFixed(9))));
}

/** Every API of a usage: `api`, then `apis`. */
export function apisOf(usage: Pick<CostUsage, 'api' | 'apis'>): ApiUsage[] {
  return [...(usage.api ? [usage.api] : []), ...(usage.apis ?? [])];
}

/**
 * Metered requests of an HTTP API. A mix is metered band by band: 90% of 20 KB and 10% of 1.2 MB is 0.9 + 0.1 × 3 =
 * 1.2 units a request, where metering the 139 KB average would give 1 (AWS meters each request, aws-facts §2.1).
 */
export function meteredRequestsOf(api: ApiUsage, incrementKb: number): number {
  if (api.meteredRequests !== undefined) return api.meteredRequests;
  if (api.payloadDistribution?.length) {
    return api.payloadDistribution.reduce((n, band) => n + api.requests * band.share * meteredUnits(band.sizeKb, incrementKb), 0);
  }
  return api.requests * meteredUnits(api.payloadKb, incrementKb);
}

/** Average request size in KB, from the mix or `payloadKb`; undefined when neither is given. */
function averagePayloadKb(api: ApiUsage): number | undefined {
  if (api.payloadDistribution?.length) return api.payloadDistribution.reduce((kb, band) => kb + band.sizeKb * band.share, 0);
  return api.payloadKb;
}

const byNumber = (keys: string[]) => [...keys].sort((a, b) => Number(a) - Number(b));

/** The smallest size AWS offers that holds `sizeGb` (AWS bills the size provisioned, and sizes are fixed). */
export function cacheSizeFor(table: Record<string, PriceRow>, sizeGb: number): string | undefined {
  return byNumber(Object.keys(table)).find((key) => Number(key) >= sizeGb - 1e-9);
}

const apiLabel = (api: ApiUsage) => (api.name ? ` ${api.name}` : '');

export function priceApiGateway(usage: CostUsage, pricing: PricingTables, warnings: CostWarning[], notes: string[] = []): CostLine[] {
  const prices: ApiGatewayRegionPrices = pricing.apiGateway[usage.region] ?? {};
  const features = pricing.features?.[usage.region] ?? {};
  const free = resolveFreeTiers(usage);
  const lines: CostLine[] = [];
  const apiFree = (allowance: FreeTierAllowance) => (free.apiGateway ? allowance : undefined);
  const price = (id: string, item: string, quantity: number, row: PriceRow | undefined, options: { free?: FreeTierAllowance; tiered?: boolean } = {}) => {
    if (quantity <= 0) return;
    if (row) lines.push(...priceQuantity({ id, item, quantity, row, ...options }, warnings));
    else {
      addWarning(warnings, {
        code: 'PRICE_MISSING',
        message: `${item}: no price for ${usage.region} in the pricing tables (aws-facts §2.5 lists most per-Region API Gateway prices as not found); not included in the total (add it with --pricing)`,
      });
    }
  };

  const apis = apisOf(usage);
  const incrementKb = pricing.metering.httpIncrementKb.quantity;
  const rest = apis.filter((a) => a.type === 'rest').reduce((n, a) => n + a.requests, 0);
  const http = apis.filter((a) => a.type === 'http').reduce((n, a) => n + meteredRequestsOf(a, incrementKb), 0);
  price('apigw.rest.requests', 'API Gateway REST requests', rest, prices.rest, { free: apiFree(pricing.freeTier.restRequests), tiered: true });
  price('apigw.http.requests', 'API Gateway HTTP requests', http, prices.http, { free: apiFree(pricing.freeTier.httpRequests), tiered: true });

  const { websocket } = usage;
  if (websocket) {
    const metered = websocket.messages * meteredUnits(websocket.messageKb, pricing.metering.websocketIncrementKb.quantity);
    price('apigw.websocket.messages', 'API Gateway WS messages', metered, prices.websocketMessages, { free: apiFree(pricing.freeTier.websocketMessages), tiered: true });
    price('apigw.websocket.minutes', 'API Gateway WS minutes', websocket.connectionMinutes ?? 0, prices.websocketConnectionMinutes, {
      free: apiFree(pricing.freeTier.websocketConnectionMinutes),
    });
  }

  const caches = [...(usage.cache ? [{ label: '', cache: usage.cache }] : []), ...apis.filter((a) => a.cache).map((a) => ({ label: apiLabel(a), cache: a.cache! }))];
  for (const { label, cache } of caches) {
    if (cache.hours <= 0) continue;
    const table = prices.cacheHourly ?? {};
    const key = cacheSizeFor(table, cache.sizeGb);
    const item = `API Gateway cache${label} (${key ?? cache.sizeGb} GB)`;
    const sizes = byNumber(Object.keys(table));
    if (key === undefined) {
      addWarning(warnings, {
        code: 'PRICE_MISSING',
        message: `${item}: no price for this size in ${usage.region} (${sizes.length ? `sizes with a price: ${sizes.join(', ')} GB` : 'no cache prices for this Region'}); not included in the total`,
      });
      continue;
    }
    if (Number(key) !== cache.sizeGb) notes.push(`cache${label} of ${cache.sizeGb} GB priced as ${key} GB, the next size offered (${sizes.join(', ')} GB)`);
    price('apigw.cache', item, cache.hours, table[key]);
  }

  for (const api of apis.filter((a) => a.private)) {
    const endpoint = api.private!;
    // Each partial endpoint-hour is billed as a full hour, per AZ (aws.amazon.com/privatelink/pricing, read 2026-12).
    price('apigw.private.endpoint-hours', `Private API endpoint${apiLabel(api)}`, endpoint.azs * Math.ceil(endpoint.hours - 1e-9), features.privateEndpointHour);
    const payloadKb = averagePayloadKb(api);
    const processedGb = endpoint.dataProcessedGb ?? (api.responseKb !== undefined ? api.requests * ((payloadKb ?? 0) + api.responseKb) * GB_PER_KB : undefined);
    if (processedGb === undefined) {
      addWarning(warnings, {
        code: 'USAGE_INCOMPLETE',
        message: `private API${apiLabel(api)}: data processed by the VPC endpoint is unknown (give private.dataProcessedGb, or responseKb and payloadKb); not included in the total`,
      });
    } else price('apigw.private.data-processed', `Private API data${apiLabel(api)}`, processedGb, features.privateDataProcessed);
  }

  // "There are no data transfer out charges for Private APIs" (APIGW pricing page 2025-11, aws-facts §2.1).
  const responseGb = apis.filter((a) => !a.private && a.responseKb).reduce((gb, a) => gb + a.requests * a.responseKb! * GB_PER_KB, 0);
  price('dto.internet', 'Data transfer out', (usage.dataTransferOutGb ?? 0) + responseGb, prices.dataTransferOut, {
    free: free.dataTransferOut ? pricing.freeTier.dataTransferOutGb : undefined,
    tiered: true,
  });
  return lines;
}
