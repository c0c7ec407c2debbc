/**
 * `checkQuotas`: every documented limit the run's numbers can be held against, worst first. Pure; a check whose
 * data is missing is skipped.
 */
import { checkConcurrency, checkScaling } from './check-concurrency.js';
import { checkFunction } from './check-function.js';
import { checkGateway } from './check-gateway.js';
import type { QuotaFinding, QuotaInput, QuotaSeverity } from './types.js';

const RANK: Record<QuotaSeverity, number> = { critical: 0, warning: 1, info: 2, ok: 3 };

/** Checks a run (or a projection) against the quota table; findings sorted critical → warning → info → ok. */
export function checkQuotas(input: QuotaInput): QuotaFinding[] {
  const findings = [
    ...checkConcurrency(input),
    ...checkScaling(input),
    ...checkGateway(input),
    ...(input.functions ?? []).flatMap((fn) => checkFunction(fn, input)),
  ];
  return findings.map((f, i) => ({ f, i })).sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i).map(({ f }) => f);
}
