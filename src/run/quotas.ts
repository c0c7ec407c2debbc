/**
 * Builds the quota room's input from what the run measured (client-side traffic shape, latency tail, the
 * emulator's invocation facts) and what the scenario expects in production, then runs the checks.
 */
import type { Measurements } from '../measure/recorder.js';
import { checkQuotas, maxUsedFraction, type QuotaFinding, type QuotaFunctionInput, type QuotaInput } from '../quota/index.js';
import type { EmulatorSummary } from '../result/types.js';
import type { ResolvedPhase, ResolvedScenario } from '../target/resolve-scenario.js';
import type { InvocationFacts } from './invocations.js';
import type { TrafficShape } from './traffic-shape.js';

export interface QuotaAnalysisInput {
  scenario: ResolvedScenario;
  region: string;
  measurements: Pick<Measurements, 'serviceTime' | 'requests'>;
  shape: TrafficShape;
  invocations?: InvocationFacts;
  emulator?: EmulatorSummary;
}

export interface QuotaAnalysis {
  findings: QuotaFinding[];
  /** The largest used/limit of any finding; undefined when nothing could be checked. */
  maxUsedFraction?: number;
}

export function analyseQuotas(input: QuotaAnalysisInput): QuotaAnalysis {
  const quotaInput = buildQuotaInput(input);
  const findings = checkQuotas(quotaInput);
  return findings.length === 0 ? { findings } : { findings, maxUsedFraction: maxUsedFraction(findings) };
}

export function buildQuotaInput({ scenario, region, measurements, shape, invocations }: QuotaAnalysisInput): QuotaInput {
  const target = scenario.resolvedTarget;
  const projectedPeakRps = scenario.projection?.peakRps;
  const requests = measurements.requests.completed;
  const tail = measurements.serviceTime.overall.all;
  const input: QuotaInput = {
    region,
    latency: tail.count > 0 ? { p999Ms: tail.p999Ms, maxMs: tail.maxMs } : {},
    payload: { maxRequestBytes: shape.maxRequestBytes, maxResponseBytes: shape.maxResponseBytes },
    traffic: {
      ...optional('peakRps', shape.peakRps()),
      ...optional('peakWindow', shape.peakWindow()),
      ...optional('projectedPeakRps', projectedPeakRps),
      ...optional('ramp', steepestRamp(scenario.phases)),
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
export function steepestRamp(phases: readonly ResolvedPhase[]): { fromRps: number; toRps: number; durationMs: number } | undefined {
  let best: { fromRps: number; toRps: number; durationMs: number } | undefined;
  let bestScore = 0;
  for (const phase of phases) {
    const ramp =
      phase.type === 'ramp'
        ? { fromRps: phase.rate, toRps: phase.rampTo, durationMs: phase.durationMs }
        : phase.type === 'spike'
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
