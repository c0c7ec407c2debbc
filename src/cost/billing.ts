/**
 * Lambda billing rules as pure functions: duration rounding, INIT billing, GB-seconds, Provisioned Concurrency
 * rounding. Each rule carries the date it took effect, so an old bill can be reproduced by choosing a billing date.
 */
import { roundUpMs } from '../measure/round-ms.js';
import type { BillingOptions } from './types.js';

/** 1 ms rounding since the December 2020 billing cycle; 100 ms before (What's New 2020-12-01, aws-facts §1.3). */
export const ONE_MS_BILLING_FROM = '2020-12-01';
/** Tiered duration pricing since the August 2022 billing cycle (What's New 2022-08-04, aws-facts §1.2). */
export const TIERED_DURATION_FROM = '2022-08-01';
/** INIT billed for on-demand ZIP / managed-runtime functions since 2025-08-01 (AWS Compute Blog 2025-04-29, aws-facts §1.7). */
export const INIT_BILLING_FROM = '2025-08-01';
/** Provisioned Concurrency is billed from enable to disable, rounded up to 5 minutes (Lambda pricing page, aws-facts §1.1). */
export const PROVISIONED_ROUNDING_MINUTES = 5;
/** Ephemeral storage up to 512 MB is included in the price (aws-facts §1.1). */
export const FREE_EPHEMERAL_STORAGE_MB = 512;

export interface BillingRules {
  /** The billing date, or undefined for "the rules in force today". */
  date?: string;
  granularityMs: 1 | 100;
  /** INIT of on-demand cold starts is billed (always for custom runtimes and container images). */
  initBilledOnDemand: boolean;
  tieredDuration: boolean;
}

const onOrAfter = (date: string | undefined, since: string) => date === undefined || date >= since;

/** Resolves the rules for a billing date (ISO dates compare as strings). */
export function resolveBillingRules(options: BillingOptions = {}): BillingRules {
  const { date } = options;
  return {
    date,
    granularityMs: options.granularityMs ?? (onOrAfter(date, ONE_MS_BILLING_FROM) ? 1 : 100),
    initBilledOnDemand: onOrAfter(date, INIT_BILLING_FROM),
    tieredDuration: onOrAfter(date, TIERED_DURATION_FROM),
  };
}

/** Ceil that ignores binary noise such as 116.99999999999999 for 117. */
function ceilClean(x: number): number {
  return Math.ceil(Number(x.toFixed(9)));
}

// Rounding lives with the ledger that keys invocations by it (measure/round-ms.ts); the cost room re-bills with it.
export { roundUpMs };

/**
 * Billed ms of one invocation. A cold start's INIT is inside Billed Duration when billed:
 * ceil(250.06 + 100.77) = 351 ms after 2025-08-01, ceil(250.06) = 251 ms before (aws-facts §1.7).
 */
export function billedMsPerInvocation(durationMs: number, initMs: number, rules: BillingRules, initAlwaysBilled = false): number {
  const billInit = initMs > 0 && (rules.initBilledOnDemand || initAlwaysBilled);
  return roundUpMs(durationMs + (billInit ? initMs : 0), rules.granularityMs);
}

/** The cost formula's core: GB-s = seconds × memory in GB, with GB = MB / 1,024 (aws-facts §1.9 "units conventions"). */
export function gbSeconds(billedMs: number, memoryMb: number): number {
  return (billedMs / 1000) * (memoryMb / 1024);
}

/** Seconds of Provisioned Concurrency billed for a period enabled: rounded up to 5 minutes. */
export function provisionedBilledSeconds(hoursEnabled: number): number {
  const periods = ceilClean((hoursEnabled * 60) / PROVISIONED_ROUNDING_MINUTES);
  return periods * PROVISIONED_ROUNDING_MINUTES * 60;
}

/** Describes the rules for the estimate's notes. */
export function describeBillingRules(rules: BillingRules): string {
  const when = rules.date === undefined ? 'current rules' : `rules of ${rules.date}`;
  const init = rules.initBilledOnDemand ? 'INIT billed on on-demand cold starts' : 'INIT not billed on on-demand cold starts (ZIP, managed runtimes)';
  const tiers = rules.tieredDuration ? 'tiered duration' : 'no duration tiers (before August 2022)';
  return `billing: ${when}; ${rules.granularityMs} ms rounding; ${init}; ${tiers}`;
}
