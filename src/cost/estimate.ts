/**
 * `estimateCost`: a month's (or a run's) usage in, itemised lines out. Pure: the pricing tables and the billing
 * date come in as arguments.
 */
import { describeBillingRules, resolveBillingRules } from './billing.js';
import { priceApiGateway } from './api-cost.js';
import { priceFeatures } from './feature-cost.js';
import { describeFreeTiers, resolveFreeTiers } from './free-tier.js';
import { priceLambda } from './lambda-cost.js';
import { assertKnownRegion, DEFAULT_PRICING } from './pricing.js';
import { assertValidCostUsage } from './usage-validate.js';
import type { CostEstimate, CostUsage, CostWarning, PricingTables } from './types.js';

export interface EstimateOptions {
  /** Pricing tables; default DEFAULT_PRICING (merge overrides with `mergePricing`). */
  pricing?: PricingTables;
}

/**
 * Prices a usage. Tiers apply to the monthly aggregate per Region and architecture; the free tier only when
 * switched on. Throws USAGE on invalid usage and PRICING_DATA_MISSING on a Region with no data; an item with no
 * price for the Region becomes a warning and stays out of the total.
 */
export function estimateCost(usage: CostUsage, options: EstimateOptions = {}): CostEstimate {
  assertValidCostUsage(usage);
  const pricing = options.pricing ?? DEFAULT_PRICING;
  assertKnownRegion(usage.region, pricing);
  const rules = resolveBillingRules(usage.billing);
  const warnings: CostWarning[] = [];
  const notes = [describeBillingRules(rules), describeFreeTiers(resolveFreeTiers(usage))];
  if (usage.edgeFunctions?.length) notes.push("Lambda@Edge: Lambda's free tier is not applied (the allowances in aws-facts §1.4 name Lambda functions only)");
  const lambda = priceLambda(usage, pricing, rules, warnings);
  const lines = [...lambda.lines, ...priceFeatures(usage, pricing, rules, warnings, notes), ...priceApiGateway(usage, pricing, warnings, notes)];
  return {
    region: usage.region,
    currency: 'USD',
    lines,
    totalUsd: lines.reduce((sum, line) => sum + line.amountUsd, 0),
    warnings,
    notes,
    compute: lambda.compute,
  };
}

/** Cost of the lines whose id starts with `prefix` (e.g. `lambda.compute`, `apigw.`, `dto.`); see README "Cost line ids". */
export function sumLinesById(estimate: CostEstimate, prefix: string): number {
  return estimate.lines.filter((line) => line.id.startsWith(prefix)).reduce((sum, line) => sum + line.amountUsd, 0);
}

/** Cost of the lines whose item starts with `prefix` (e.g. `Lambda`, `API Gateway`). */
export function sumLines(estimate: CostEstimate, prefix: string): number {
  return estimate.lines.filter((line) => line.item.startsWith(prefix)).reduce((sum, line) => sum + line.amountUsd, 0);
}
