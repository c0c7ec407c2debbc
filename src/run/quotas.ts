/**
 * The quota checks' sources from what a single run measured: the resolved target and phases, the client-side traffic
 * shape with the production peak the scenario expects, the service-time tail and the invocation facts. The checks
 * themselves, and the input they read, are the quota room's (src/quota/input.ts), shared with the merge.
 */
import type { InvocationFacts } from '../measure/invocation-facts.js';
import type { Measurements } from '../measure/recorder.js';
import { analyseQuotas as analyse, type QuotaAnalysis } from '../quota/index.js';
import type { TrafficSummary } from '../result/types.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';
import type { TrafficShape } from './traffic-shape.js';

export interface QuotaAnalysisInput {
  scenario: ResolvedScenario;
  region: string;
  measurements: Pick<Measurements, 'serviceTime' | 'requests'>;
  traffic: TrafficSummary;
  invocations?: InvocationFacts;
}

export type { QuotaAnalysis };

export function analyseQuotas({ scenario, region, measurements, traffic, invocations }: QuotaAnalysisInput): QuotaAnalysis {
  return analyse({
    region,
    target: scenario.resolvedTarget,
    phases: scenario.phases,
    requests: measurements.requests.completed,
    serviceTime: measurements.serviceTime.overall.all,
    traffic,
    ...(invocations ? { invocations } : {}),
  });
}

/** The result's `traffic` section: the shape the client measured and the scenario's expected production peak. */
export function trafficSummary(shape: TrafficShape, scenario: Pick<ResolvedScenario, 'projection'>): TrafficSummary {
  const peakRps = shape.peakRps();
  const peakWindow = shape.peakWindow();
  const projectedPeakRps = scenario.projection?.peakRps;
  return {
    ...(peakRps === undefined ? {} : { peakRps }),
    ...(peakWindow === undefined ? {} : { peakWindow }),
    maxRequestBytes: shape.maxRequestBytes,
    maxResponseBytes: shape.maxResponseBytes,
    ...(projectedPeakRps === undefined ? {} : { projectedPeakRps }),
  };
}
