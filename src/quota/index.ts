/**
 * The quota room: documented Lambda and API Gateway quotas (dated, sourced) and pure checks of a run against them.
 */
export { QUOTAS, LOWER_THROTTLE_REGIONS, type Quota, type QuotaId } from '../facts/quotas.js';
export type { QuotaFinding, QuotaFunctionInput, QuotaInput, QuotaSeverity } from './types.js';
export { checkQuotas } from './check.js';
export { analyseQuotas, buildQuotaInput, steepestRamp, type QuotaAnalysis, type QuotaPhase, type QuotaSources, type QuotaTarget } from './input.js';
export { littlesLawConcurrency } from './check-concurrency.js';
export { maxUsedFraction, severityOf, WARNING_FRACTION } from './finding.js';
export { OVERPROVISIONED_FRACTION } from './check-function.js';
export { renderQuotaFindings, formatQuotaMarkdown } from './render.js';
