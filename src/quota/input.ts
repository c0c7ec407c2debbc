/**
 * The checks' input from what a run knows: the target as configured, the traffic's shape, the service-time tail and
 * the invocation facts. One builder for a single run (src/run/quotas.ts, from the resolved scenario) and for a merged
 * one (src/merge/quotas.ts, from the result files), so both hold the same figures to the same limits.
 */
import type { InvocationFacts } from '../measure/invocation-facts.js';
import type { LatencyStats, TrafficSummary } from '../result/types.js';
import { checkQuotas } from './check.js';
import { maxUsedFraction } from './finding.js';
import type { QuotaFinding, QuotaFunctionInput, QuotaInput } from './types.js';

/** The target's configuration the checks read: the resolved target, or a result's `scenario.target`. */
export interface QuotaTarget {
  type: 'emulator' | 'url' | 'lambda';
  accountConcurrency: number;
  api?: { type: 'rest' | 'http'; integrationTimeoutMs: number; stageThrottle?: { rateRps: number; burst: number } };
  functions: ReadonlyArray<{ name: string; memoryMb?: number; timeoutMs?: number; reservedConcurrency?: number; provisionedConcurrency: number }>;
}

/** A phase as the checks read it: a resolved phase, or a result's phase summary. */
export interface QuotaPhase {
  type: string;
  durationMs: number;
  rate?: number;
  rampTo?: number;
  spikeRate?: number;
}

export interface QuotaSources {
  region: string;
  target: QuotaTarget;
  phases: readonly QuotaPhase[];
  /** Requests completed. */
  requests: number;
  /** Service-time statistics of every request (end − actual send). */
  serviceTime: LatencyStats;
  /** Absent: the peak-rate, burst and payload checks are skipped. */
  traffic?: TrafficSummary;
  invocations?: InvocationFacts;
}

export function buildQuotaInput({ region, target, phases, requests, serviceTime, traffic, invocations }: QuotaSources): QuotaInput {
  const projectedPeakRps = traffic?.projectedPeakRps;
  const input: QuotaInput = {
    region,
    latency: serviceTime.count > 0 ? { p999Ms: serviceTime.p999Ms, maxMs: serviceTime.maxMs } : {},
    ...(traffic ? { payload: { maxRequestBytes: traffic.maxRequestBytes, maxResponseBytes: traffic.maxResponseBytes } } : {}),
    traffic: {
      ...optional('peakRps', traffic?.peakRps),
      ...optional('peakWindow', traffic?.peakWindow),
      ...optional('projectedPeakRps', projectedPeakRps),
      ...optional('ramp', steepestRamp(phases)),
    },
  };
  if (target.api) input.apiType = target.api.type;
  // The stage's throttle, as the scenario sets it or (url targets) GetStage read it.
  if (target.api?.stageThrottle) input.apiThrottle = target.api.stageThrottle;
  // Only the emulator's functions, and a `lambda` target's after its lookups, are known in full, with measured facts.
  if (target.type === 'url' || target.functions.some((fn) => fn.memoryMb === undefined || fn.timeoutMs === undefined)) return input;

  input.accountConcurrency = target.accountConcurrency;
  if (target.api) input.integrationTimeoutMs = target.api.integrationTimeoutMs;
  if (invocations) {
    input.traffic!.peakConcurrency = invocations.peakConcurrency;
    // Mean function time per request that ran: throttled requests did no work, and would have if Lambda had had room.
    const served = requests - invocations.summary.throttles;
    if (served > 0 && invocations.executed > 0) input.traffic!.meanDurationMs = invocations.totalDurationMs / served;
  }
  input.functions = target.functions.map((fn): QuotaFunctionInput => {
    const name = fn.name;
    const facts = invocations?.byFunction.get(name);
    const throttled = invocations?.summary.functions.find((f) => f.name === name)?.throttles ?? 0;
    // Attempts per request, throttled ones included: production sends them all.
    const perRequest = facts && requests > 0 ? (facts.invocations + throttled) / requests : undefined;
    return {
      name,
      memoryMb: fn.memoryMb!,
      timeoutMs: fn.timeoutMs!,
      ...optional('reservedConcurrency', fn.reservedConcurrency),
      ...(fn.provisionedConcurrency > 0 ? { provisionedConcurrency: fn.provisionedConcurrency } : {}),
      ...(facts
        ? {
            ...optional('maxMemoryUsedMb', facts.maxMemoryUsedMb),
            ...optional('maxDurationMs', facts.maxDurationMs),
            ...optional('maxInitMs', facts.maxInitMs),
            ...optional('meanDurationMs', facts.meanDurationMs),
            peakConcurrency: facts.peakConcurrency,
            maxNewEnvironmentsPer10s: facts.maxNewEnvironmentsPer10s,
          }
        : {}),
      ...(projectedPeakRps !== undefined && perRequest !== undefined ? { projectedPeakRps: projectedPeakRps * perRequest } : {}),
    };
  });
  return input;
}

/** The ramp (or spike step) that needs the most new capacity per 10 s. */
export function steepestRamp(phases: readonly QuotaPhase[]): { fromRps: number; toRps: number; durationMs: number } | undefined {
  let best: { fromRps: number; toRps: number; durationMs: number } | undefined;
  let bestScore = 0;
  for (const phase of phases) {
    const ramp =
      phase.type === 'ramp' && phase.rate !== undefined && phase.rampTo !== undefined
        ? { fromRps: phase.rate, toRps: phase.rampTo, durationMs: phase.durationMs }
        : phase.type === 'spike' && phase.rate !== undefined && phase.spikeRate !== undefined
          ? { fromRps: phase.rate, toRps: phase.spikeRate, durationMs: 0 }
          : undefined;
    if (!ramp || ramp.toRps <= ramp.fromRps) continue;
    const score = (ramp.toRps - ramp.fromRps) / Math.max(1, ramp.durationMs / 10_000);
    if (score > bestScore) {
      bestScore = score;
      best = ramp;
    }
  }
  return best;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export interface QuotaAnalysis {
  findings: QuotaFinding[];
  /** The largest used/limit of any finding; undefined when nothing could be checked. */
  maxUsedFraction?: number;
}

/** The checks run on `sources`, with the worst used/limit for the `quotaHeadroom` threshold. */
export function analyseQuotas(sources: QuotaSources): QuotaAnalysis {
  const findings = checkQuotas(buildQuotaInput(sources));
  return findings.length === 0 ? { findings } : { findings, maxUsedFraction: maxUsedFraction(findings) };
}
