/**
 * Concurrency and scaling checks: measured and projected (Little's law) concurrency against account and reserved
 * concurrency, the ramp's required scaling against Lambda's scaling rate, and the synchronous invocation rate.
 */
import { finding, fmt } from './finding.js';
import { QUOTAS } from '../facts/quotas.js';
import type { QuotaFinding, QuotaFunctionInput, QuotaInput } from './types.js';

/** Scaling is measured per 10 s window (aws-facts §3.1). */
const SCALING_WINDOW_MS = 10_000;

/**
 * Little's law: the mean number in a system L = arrival rate λ × mean time in the system W. For Lambda, concurrent
 * environments needed = requests per second × mean duration in seconds.
 */
export function littlesLawConcurrency(ratePerSecond: number, meanDurationMs: number): number {
  return ratePerSecond * (meanDurationMs / 1000);
}

function accountLimit(input: QuotaInput): { limit: number; text: string } {
  const documented = QUOTAS.accountConcurrency.value;
  const limit = input.accountConcurrency ?? documented;
  return { limit, text: input.accountConcurrency ? `your limit ${fmt(limit)} (documented default ${fmt(documented)})` : `the default ${fmt(limit)}` };
}

const CONCURRENCY_HINT =
  'Beyond it Lambda throttles (429; REST APIs answer 500). Ask for a higher concurrency quota in Service Quotas before production, or shorten the duration.';

function reservedFinding(fn: QuotaFunctionInput): QuotaFinding | undefined {
  if (fn.reservedConcurrency === undefined) return undefined;
  const projected = fn.projectedPeakRps !== undefined && fn.meanDurationMs !== undefined ? littlesLawConcurrency(fn.projectedPeakRps, fn.meanDurationMs) : undefined;
  if (fn.peakConcurrency === undefined && projected === undefined) return undefined;
  const parts = [
    ...(fn.peakConcurrency !== undefined ? [`${fmt(fn.peakConcurrency)} in flight measured`] : []),
    ...(projected !== undefined ? [`${fmt(projected, 1)} needed at ${fmt(fn.projectedPeakRps!)} req/s × ${fmt(fn.meanDurationMs!)} ms`] : []),
  ];
  return finding({
    id: `lambda.concurrency.reserved.${fn.name}`,
    title: `${fn.name}: concurrency vs its reserved concurrency`,
    evidence: `${parts.join('; ')}; reserved concurrency ${fmt(fn.reservedConcurrency)}`,
    used: Math.max(fn.peakConcurrency ?? 0, projected ?? 0),
    limit: fn.reservedConcurrency,
    quota: { ...QUOTAS.accountConcurrency, name: 'Reserved concurrency (function configuration)', value: fn.reservedConcurrency, source: 'function configuration', asOf: 'this run' },
    hint: 'Reserved concurrency is also a ceiling: invocations above it are throttled even when the account has room. Raise it or remove it.',
  });
}

export function checkConcurrency(input: QuotaInput): QuotaFinding[] {
  const findings: QuotaFinding[] = [];
  const account = accountLimit(input);
  const traffic = input.traffic ?? {};
  if (traffic.peakConcurrency !== undefined) {
    findings.push(
      finding({
        id: 'lambda.concurrency.measured',
        title: 'Peak concurrency (measured) vs account concurrency',
        evidence: `${fmt(traffic.peakConcurrency)} invocations in flight at once; account concurrency: ${account.text}`,
        used: traffic.peakConcurrency,
        limit: account.limit,
        quota: QUOTAS.accountConcurrency,
        hint: CONCURRENCY_HINT,
      }),
    );
  }
  if (traffic.projectedPeakRps !== undefined && traffic.meanDurationMs !== undefined) {
    const needed = littlesLawConcurrency(traffic.projectedPeakRps, traffic.meanDurationMs);
    findings.push(
      finding({
        id: 'lambda.concurrency.projected',
        title: "Concurrency needed at the projected peak (Little's law)",
        evidence: `${fmt(traffic.projectedPeakRps)} req/s × ${fmt(traffic.meanDurationMs)} ms mean duration = ${fmt(needed, 1)} environments; account concurrency: ${account.text}`,
        used: needed,
        limit: account.limit,
        quota: QUOTAS.accountConcurrency,
        hint: CONCURRENCY_HINT,
      }),
    );
  }
  const functions = input.functions ?? [];
  for (const fn of functions) {
    const reserved = reservedFinding(fn);
    if (reserved) findings.push(reserved);
  }
  const reservedTotal = functions.reduce((n, fn) => n + (fn.reservedConcurrency ?? 0), 0);
  if (functions.some((fn) => fn.reservedConcurrency !== undefined)) {
    // At most (account concurrency − 100) can be reserved: 100 always stay unreserved (aws-facts §3.1).
    const reservable = account.limit - QUOTAS.unreservedConcurrencyMinimum.value;
    findings.push(
      finding({
        id: 'lambda.concurrency.reserved-total',
        title: 'Reserved concurrency of all functions vs what can be reserved',
        evidence: `${fmt(reservedTotal)} reserved in total; at most ${fmt(reservable)} can be (${account.text} − ${QUOTAS.unreservedConcurrencyMinimum.value} unreserved)`,
        used: reservedTotal,
        limit: reservable,
        quota: QUOTAS.unreservedConcurrencyMinimum,
        hint: 'Lambda refuses a reservation that leaves fewer than 100 unreserved; lower the reservations or raise account concurrency.',
      }),
    );
  }
  const peakRps = Math.max(traffic.peakRps ?? 0, traffic.projectedPeakRps ?? 0);
  if (peakRps > 0) {
    // Each environment serves at most 10 synchronous requests per second: 10 × concurrency in total (aws-facts §3.1).
    const rateLimit = QUOTAS.invocationsPerEnvironmentPerSecond.value * account.limit;
    findings.push(
      finding({
        id: 'lambda.invocation-rate',
        title: 'Peak request rate vs the synchronous invocation rate limit',
        evidence: `${fmt(peakRps)} req/s at the peak; limit ${QUOTAS.invocationsPerEnvironmentPerSecond.value} req/s per environment × ${fmt(account.limit)} = ${fmt(rateLimit)} req/s`,
        used: peakRps,
        limit: rateLimit,
        quota: QUOTAS.invocationsPerEnvironmentPerSecond,
        hint: 'Very short functions hit this before concurrency: raise account concurrency, or batch work per request.',
      }),
    );
  }
  return findings;
}

export function checkScaling(input: QuotaInput): QuotaFinding[] {
  const findings: QuotaFinding[] = [];
  const rate = QUOTAS.scalingRate.value;
  const hint = 'Above it, requests wait for environments or are throttled until Lambda catches up: ramp more slowly or pre-warm with Provisioned Concurrency.';
  for (const fn of input.functions ?? []) {
    if (fn.maxNewEnvironmentsPer10s === undefined) continue;
    findings.push(
      finding({
        id: `lambda.scaling.measured.${fn.name}`,
        title: `${fn.name}: new environments per 10 s (measured) vs the scaling rate`,
        evidence: `${fmt(fn.maxNewEnvironmentsPer10s)} cold starts within 10 s at most; Lambda adds up to ${fmt(rate)} environments per 10 s per function`,
        used: fn.maxNewEnvironmentsPer10s,
        limit: rate,
        quota: QUOTAS.scalingRate,
        hint,
      }),
    );
  }
  const { ramp, meanDurationMs } = input.traffic ?? {};
  if (ramp && meanDurationMs !== undefined && ramp.toRps > ramp.fromRps) {
    const growth = littlesLawConcurrency(ramp.toRps - ramp.fromRps, meanDurationMs);
    const windows = Math.max(1, ramp.durationMs / SCALING_WINDOW_MS);
    const needed = growth / windows;
    findings.push(
      finding({
        id: 'lambda.scaling.ramp',
        title: 'Scaling the ramp needs vs the scaling rate',
        evidence: `${fmt(ramp.fromRps)} → ${fmt(ramp.toRps)} req/s in ${fmt(ramp.durationMs / 1000, 1)} s at ${fmt(meanDurationMs)} ms mean duration adds ${fmt(growth, 1)} environments: ${fmt(needed, 1)} per 10 s (if one function serves it all)`,
        used: needed,
        limit: rate,
        quota: QUOTAS.scalingRate,
        hint,
      }),
    );
  }
  return findings;
}
