/**
 * Building findings: severity from the used fraction, and number formatting for evidence.
 */
import type { Quota } from '../facts/quotas.js';
import type { QuotaFinding, QuotaSeverity } from './types.js';

/** At or above this share of a limit a finding is a warning (lambdaload's choice, not an AWS number). */
export const WARNING_FRACTION = 0.8;

/** ok below 80 % of the limit, warning from 80 %, critical at or above the limit. */
export function severityOf(usedFraction: number): QuotaSeverity {
  if (usedFraction >= 1) return 'critical';
  if (usedFraction >= WARNING_FRACTION) return 'warning';
  return 'ok';
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits });
export const pct = (fraction: number): string =>
  fraction > 0 && fraction < 0.001 ? '<0.1%' : `${fmt(fraction * 100, fraction < 0.1 ? 1 : 0)}%`;

export interface FindingInput {
  id: string;
  title: string;
  evidence: string;
  used: number;
  limit: number;
  quota: Quota;
  hint: string;
  /** Forces a severity (e.g. `info` for advice); default from the used fraction. */
  severity?: QuotaSeverity;
}

export function finding(input: FindingInput): QuotaFinding {
  // A limit of 0 (e.g. reserved concurrency 0) with any use counts as exactly at the limit, keeping the JSON finite.
  const usedFraction = input.limit > 0 ? input.used / input.limit : input.used > 0 ? 1 : 0;
  const { name, value, unit, source, asOf } = input.quota;
  return {
    id: input.id,
    severity: input.severity ?? severityOf(usedFraction),
    title: input.title,
    evidence: input.evidence,
    limit: input.limit,
    usedFraction,
    quota: { name, value, unit, source, asOf },
    hint: input.hint,
  };
}

/** The most used fraction among findings (for a quota-headroom threshold); 0 when there are none. */
export function maxUsedFraction(findings: readonly QuotaFinding[]): number {
  return findings.reduce((max, f) => Math.max(max, f.usedFraction), 0);
}
