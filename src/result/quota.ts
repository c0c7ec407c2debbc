/** A quota finding as a result holds it (contract v2; src/quota builds values of this shape). */
export interface QuotaFinding {
  /** Stable id, e.g. `lambda.concurrency.measured`, `lambda.memory.api`. */
  id: string;
  severity: 'ok' | 'info' | 'warning' | 'critical';
  title: string;
  /** The numbers from this run (or projection) the finding rests on. */
  evidence: string;
  /** The limit compared against, in `quota.unit`. */
  limit: number;
  /** Used / limit (1 = at the limit). */
  usedFraction: number;
  quota: { name: string; value: number; unit: string; source: string; asOf: string };
  hint: string;
}
