/**
 * API Gateway lines of an estimate: REST or HTTP API requests (HTTP metered in 512 KB increments), WebSocket
 * messages (32 KB increments) and connection minutes, REST cache hours, data transfer out.
 */
import { addWarning, priceQuantity } from './tiers.js';
import type { ApiGatewayRegionPrices, CostLine, CostUsage, CostWarning, FreeTierAllowance, PriceRow, PricingTables } from './types.js';

/** Units an HTTP request or WebSocket message is metered as: a 1.2 MB HTTP request counts as 3 (aws-facts §2.1). */
export function meteredUnits(sizeKb: number | undefined, incrementKb: number): number {
  if (sizeKb === undefined || sizeKb <= 0) return 1;
  return Math.max(1, Math.ceil(Number((sizeKb / incrementKb).toFixed(9))));
}

/** Cache sizes as AWS lists them; the key of a size in a Region's cache table. */
function cacheKey(table: Record<string, PriceRow>, sizeGb: number): string | undefined {
  return Object.keys(table).find((key) => Number(key) === sizeGb);
}

export function priceApiGateway(usage: CostUsage, pricing: PricingTables, warnings: CostWarning[]): CostLine[] {
  const prices: ApiGatewayRegionPrices = pricing.apiGateway[usage.region] ?? {};
  const lines: CostLine[] = [];
  const apiFree = (allowance: FreeTierAllowance) => (usage.apiGatewayFreeTier ? allowance : undefined);
  const price = (item: string, quantity: number, row: PriceRow | undefined, free?: FreeTierAllowance) => {
    if (quantity <= 0) return;
    if (row) lines.push(...priceQuantity({ item, quantity, row, free }, warnings));
    else {
      addWarning(warnings, {
        code: 'PRICE_MISSING',
        message: `${item}: no price for ${usage.region} in the pricing tables (aws-facts §2.5 lists most per-Region API Gateway prices as not found); not included in the total (add it with --pricing)`,
      });
    }
  };

  const { api, websocket, cache } = usage;
  if (api?.type === 'rest') price('API Gateway REST requests', api.requests, prices.rest, apiFree(pricing.freeTier.restRequests));
  if (api?.type === 'http') {
    const metered = api.meteredRequests ?? api.requests * meteredUnits(api.payloadKb, pricing.metering.httpIncrementKb.quantity);
    price('API Gateway HTTP requests', metered, prices.http, apiFree(pricing.freeTier.httpRequests));
  }
  if (websocket) {
    const metered = websocket.messages * meteredUnits(websocket.messageKb, pricing.metering.websocketIncrementKb.quantity);
    price('API Gateway WS messages', metered, prices.websocketMessages, apiFree(pricing.freeTier.websocketMessages));
    price(
      'API Gateway WS minutes',
      websocket.connectionMinutes ?? 0,
      prices.websocketConnectionMinutes,
      apiFree(pricing.freeTier.websocketConnectionMinutes),
    );
  }
  if (cache && cache.hours > 0) {
    const table = prices.cacheHourly ?? {};
    const key = cacheKey(table, cache.sizeGb);
    const item = `API Gateway cache (${cache.sizeGb} GB)`;
    if (key === undefined) {
      const sizes = Object.keys(table);
      addWarning(warnings, {
        code: 'PRICE_MISSING',
        message: `${item}: no price for this size in ${usage.region} (${sizes.length ? `known sizes: ${sizes.join(', ')} GB` : 'no cache prices for this Region'}); not included in the total`,
      });
    } else price(item, cache.hours, table[key]);
  }
  price(
    'Data transfer out',
    usage.dataTransferOutGb ?? 0,
    prices.dataTransferOut,
    usage.freeTier ? pricing.freeTier.dataTransferOutGb : undefined,
  );
  return lines;
}
