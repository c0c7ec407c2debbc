/**
 * Defaults: what a value is when the scenario leaves it out. AWS's documented defaults, each with its source and the
 * date it was confirmed; then lambdaload's own choices, marked as such (AWS has no default for them). The resolved
 * target (src/target/resolve.ts) is the one place that applies them; nothing downstream guesses again.
 */
import { LOWER_THROTTLE_REGIONS, QUOTAS } from './quotas.js';

export interface DefaultValue<T> {
  value: T;
  /** Where the value comes from: an AWS document, or `lambdaload` for a choice of this tool. */
  source: string;
  asOf: string;
}

const CREATE_FUNCTION = 'Lambda API Reference, CreateFunction (MemorySize, Timeout, Architectures, EphemeralStorage); aws-facts §3.1';
const LAMBDALOAD = 'lambdaload (AWS sets no default for this)';

const aws = <T>(value: T, source: string, asOf = '2026'): DefaultValue<T> => ({ value, source, asOf });
const ours = <T>(value: T, why: string): DefaultValue<T> => ({ value, source: `${LAMBDALOAD}: ${why}`, asOf: '2026-12' });

/** A new function's configuration when the scenario leaves a key out. */
export const FUNCTION_DEFAULTS = {
  memoryMb: aws(QUOTAS.memoryMinMb.value, CREATE_FUNCTION),
  timeoutMs: aws(3_000, `${CREATE_FUNCTION} ("The default for new functions is 3 s")`),
  architecture: aws('x86_64' as const, CREATE_FUNCTION),
  ephemeralStorageMb: aws(QUOTAS.ephemeralStorageMinMb.value, CREATE_FUNCTION),
  provisionedConcurrency: aws(0, 'Lambda DG, "Configuring provisioned concurrency" (off unless configured)'),
  /** Every function needs a runtime on AWS; the emulator runs Node.js when none is named. */
  runtime: ours('nodejs22.x' as const, 'the emulator runs Node.js when no runtime is named'),
} as const;

/** The account's concurrency when the scenario does not state it. */
export const ACCOUNT_CONCURRENCY = aws(QUOTAS.accountConcurrency.value, QUOTAS.accountConcurrency.source, QUOTAS.accountConcurrency.asOf);

/** An API's settings when the scenario leaves them out. */
export const API_DEFAULTS = {
  restStage: ours('dev', "a REST API needs a named stage; URLs are '/dev/...'"),
  httpStage: aws('$default', 'APIGW DG http-api-stages ($default stage, no path prefix)'),
  restPayloadFormat: aws('1.0' as const, 'aws-facts §6.1 (REST proxy events are payload format 1.0)'),
  httpPayloadFormat: aws('2.0' as const, 'aws-facts §6.2 (the HTTP API default for new Lambda integrations)'),
  restIntegrationTimeoutMs: aws(QUOTAS.restIntegrationTimeoutMs.value, QUOTAS.restIntegrationTimeoutMs.source, QUOTAS.restIntegrationTimeoutMs.asOf),
  httpIntegrationTimeoutMs: aws(QUOTAS.httpIntegrationTimeoutMs.value, QUOTAS.httpIntegrationTimeoutMs.source, QUOTAS.httpIntegrationTimeoutMs.asOf),
} as const;

/**
 * Integration timeout bounds: 50 ms at least; HTTP API at most 30 s (not increasable); REST 29 s by default but
 * raisable for Regional APIs since 2024-06-04, with examples up to 300 s (aws-facts §3.2).
 */
export const INTEGRATION_TIMEOUT_RANGE_MS = { min: 50, max: { rest: 300_000, http: QUOTAS.httpIntegrationTimeoutMs.value } } as const;

/**
 * The account-level throttle every API of the account shares in a Region: 10,000 req/s with a 5,000 burst, or
 * 2,500 / 1,250 in the newer Regions (aws-facts §3.2).
 */
export function accountThrottle(region: string): DefaultValue<{ rateRps: number; burst: number }> {
  const lower = LOWER_THROTTLE_REGIONS.includes(region);
  const rate = lower ? QUOTAS.newRegionThrottleRps : QUOTAS.accountThrottleRps;
  const burst = lower ? QUOTAS.newRegionThrottleBurst : QUOTAS.accountThrottleBurst;
  return aws({ rateRps: rate.value, burst: burst.value }, rate.source, rate.asOf);
}

/** The local emulator's own settings (not AWS values). */
export const EMULATOR_DEFAULTS = {
  coldStartProfile: ours('real' as const, "the runtime's start as measured on this machine"),
  /** Lambda reclaims idle environments after an undocumented time; minutes, in practice. */
  idleTimeoutMs: ours(10 * 60_000, 'idle environments are reclaimed after 10 min (AWS documents no figure)'),
  maxLifetimeMs: ours(2 * 3_600_000, 'an environment is retired after 2 h (AWS documents no figure)'),
  spareRuntimes: ours(4, 'runtime processes kept started per function, enough for a few simultaneous cold starts'),
  cpu: ours('aws' as const, "invocations get the CPU share of their memory size where control groups exist"),
} as const;

/** The Region used when the scenario names none (a REGION_DEFAULTED warning says so). */
/** The month a cost projection prices, and the volume a comparison prices when the scenario gives none. */
export const PROJECTION_DEFAULTS = {
  hoursPerMonth: ours(720, 'a 30-day month: Provisioned Concurrency and a SnapStart snapshot stay on all of it unless the scenario says otherwise'),
  comparisonRequests: ours(1_000_000, 'without projection.monthlyRequests, the comparison prices a million requests'),
} as const;

export const FALLBACK_REGION = ours('us-east-1', 'cost and quotas need a Region; the run warns when it falls back to this one');
