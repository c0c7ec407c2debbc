/**
 * The cost room: dated, sourced pricing tables and pure functions from usage (or a run's measurements) to
 * itemised cost lines, monthly projections and comparisons, with terminal and Markdown renderings.
 */
export type * from './types.js';
export { DEFAULT_PRICING, knownRegions, assertKnownRegion } from './pricing.js';
export { estimateCost, sumLines, sumLinesById, type EstimateOptions } from './estimate.js';
export { resolveFreeTiers, describeFreeTiers, type ResolvedFreeTiers } from './free-tier.js';
export { FEATURE_PRICES, STREAMING_FREE_PER_RESPONSE_KB, SNAPSTART_MINIMUM_HOURS, ESM_MINIMUM_HOURS } from './feature-prices.js';
export { validateCostUsage, assertValidCostUsage } from './usage-validate.js';
export { loadPricingOverrides, parsePricingOverrides, mergePricing, type PricingOverrides } from './overrides.js';
export {
  resolveBillingRules,
  billedMsPerInvocation,
  gbSeconds,
  roundUpMs,
  provisionedBilledSeconds,
  INIT_BILLING_FROM,
  ONE_MS_BILLING_FROM,
  TIERED_DURATION_FROM,
  type BillingRules,
} from './billing.js';
export { meteredUnits, meteredRequestsOf, apisOf, cacheSizeFor } from './api-cost.js';
export { estimateRunCost, type MeasuredInvocations, type MeasuredFunction, type ProjectionBasis, type RunCost, type RunCostOptions } from './run-cost.js';
export { projectMonthlyCost, monthlyRequestsOf, runProjectionOptions, type MonthlyTraffic, type MonthlyProjection, type ProjectionOptions } from './projection.js';
export { compareCosts, type CostComparison, type ComparisonRow, type CompareOptions } from './compare.js';
export { renderCostTable, formatCostMarkdown, renderComparisonTable, formatComparisonMarkdown, formatUsd } from './render.js';
export { parseQuantity } from './quantity.js';
export { loadUsageFile } from './usage-file.js';
