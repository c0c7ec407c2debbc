/**
 * Prices a run: its measured invocation totals (and the API requests in front) through the cost room, then the
 * month at the scenario's expected traffic and the same month on other architectures, API types and memory sizes.
 * Missing pricing data becomes a visible warning and no cost section, never a guessed number.
 */
import { compareCosts, estimateRunCost, projectMonthlyCost, runProjectionOptions, type CompareOptions, type MeasuredFunction, type MonthlyTraffic } from '../cost/index.js';
import { isLambdaloadError } from '../errors.js';
import type { InvocationTotals } from '../measure/invocation-totals.js';
import type { Measurements } from '../measure/recorder.js';
import { totalsFromEvidence } from '../cloudwatch/cost-basis.js';
import type { CloudWatchEvidence } from '../cloudwatch/types.js';
import type { CostReport, Warning } from '../result/types.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';
import { parseDurationMs } from '../scenario/duration.js';
import { PROJECTION_DEFAULTS } from '../facts/defaults.js';
import { allJavaManagedRuntimes, snapStartUnsupported, snapStartUnsupportedReason } from '../facts/features.js';
import type { CostAlternativesSpec } from '../scenario/types.js';

export interface CostAnalysisInput {
  scenario: ResolvedScenario;
  region: string;
  /** The run's invocation totals (the emulator's ledger, or a `lambda` target's REPORT records). */
  totals: InvocationTotals;
  measurements: Pick<Measurements, 'statusCodes' | 'requests'>;
  runDurationMs: number;
  /** Warnings are appended here. */
  warnings: Warning[];
  /** Server-side figures read from CloudWatch (src/cloudwatch): billed durations for targets beyond the emulator. */
  evidence?: CloudWatchEvidence;
}

const PROVISIONED_HOURS_PER_MONTH = PROJECTION_DEFAULTS.hoursPerMonth.value;
const COMPARISON_DEFAULT_REQUESTS = PROJECTION_DEFAULTS.comparisonRequests.value;

export function analyseCost(input: CostAnalysisInput): CostReport | undefined {
  const { scenario, region, warnings } = input;
  const target = scenario.resolvedTarget;
  // The emulator (behind its gateway or invoked directly) and a `lambda` target (REPORT lines in the invoke tails) have
  // billed durations; for a `url` target they are what CloudWatch's REPORT lines say (evidence), when read.
  const server = target.type === 'url' ? pricedFromEvidence(input.evidence, warnings) : undefined;
  const totals = server ?? input.totals;
  if ((target.type === 'url' && server === undefined) || (target.type === 'emulator' && !target.api && !target.invoke)) {
    warnings.push({
      code: 'COST_NEEDS_REPORTS',
      message: 'no cost for this run: pricing needs billed durations (the local emulator records them; REPORT lines from CloudWatch come with the AWS targets)',
    });
    return undefined;
  }
  if (totals.functions.length === 0) {
    warnings.push({ code: 'COST_NO_INVOCATIONS', message: 'no cost for this run: no Lambda invocation was recorded' });
    return undefined;
  }

  const functions: Record<string, MeasuredFunction> = {};
  let provisionedEnvironments = 0;
  for (const fn of target.functions) {
    const provisioned = fn.provisionedConcurrency;
    provisionedEnvironments += provisioned;
    functions[fn.name] = {
      architecture: fn.architecture,
      ephemeralStorageMb: fn.ephemeralStorageMb,
      initAlwaysBilled: (fn.runtime ?? '').startsWith('provided'),
      ...(provisioned > 0 ? { provisionedConcurrency: provisioned } : {}),
    };
  }
  // Requests API Gateway answered (network errors never reached it).
  const apiRequests = Object.values(input.measurements.statusCodes).reduce((n, c) => n + c, 0);

  try {
    const run = estimateRunCost({
      region,
      totals,
      functions,
      // Direct invoke has no API Gateway in front: Lambda only.
      ...(target.api
        ? {
            api: {
              type: target.api.type,
              requests: apiRequests,
              requestBytesTotal: input.measurements.requests.bytesSent,
              responseBytesTotal: input.measurements.requests.bytesReceived,
            },
          }
        : {}),
      runDurationMs: input.runDurationMs,
    });
    const projection = scenario.projection;
    const options = runProjectionOptions(projection?.freeTier ?? false, provisionedEnvironments);
    const traffic: MonthlyTraffic | undefined = projection?.monthlyRequests !== undefined ? { monthlyRequests: projection.monthlyRequests } : undefined;
    const monthly = traffic ? projectMonthlyCost(run.basis, traffic, options) : undefined;
    const alternatives = alternativesOf(projection?.alternatives, target.functions.map((fn) => fn.runtime ?? ''), warnings);
    const comparison = compareCosts(run.basis, traffic ?? { monthlyRequests: COMPARISON_DEFAULT_REQUESTS }, { ...options, ...(alternatives ? { alternatives } : {}) });
    for (const w of [...run.estimate.warnings, ...(monthly?.estimate.warnings ?? [])]) {
      if (!warnings.some((x) => x.message === w.message)) warnings.push({ code: `COST_${w.code}`, message: w.message });
    }
    const throttled = totals.functions.reduce((n, fn) => n + (fn.outcomes.throttled ?? 0), 0);
    if (throttled > 0) {
      warnings.push({
        code: 'COST_THROTTLES_IN_BASIS',
        message: `${throttled} requests were throttled by Lambda in this run: they are priced as API requests only, and the projection keeps the same share unserved; without throttling in production, Lambda cost per request is higher`,
      });
    }
    if (traffic === undefined) {
      warnings.push({
        code: 'NO_PROJECTION',
        message: 'no monthly projection: set projection.monthlyRequests in the scenario to price a month at your traffic',
      });
    }
    return { region, run, ...(monthly ? { projection: monthly } : {}), comparison };
  } catch (error) {
    if (isLambdaloadError(error) && error.code === 'PRICING_DATA_MISSING') {
      warnings.push({ code: 'PRICING_DATA_MISSING', message: `no cost for this run: ${error.message}${error.hint ? ` (${error.hint})` : ''}` });
      return undefined;
    }
    throw error;
  }
}

/** Totals from CloudWatch REPORT lines, saying so (and which functions had to be left out). */
function pricedFromEvidence(evidence: CloudWatchEvidence | undefined, warnings: Warning[]): InvocationTotals | undefined {
  const fromEvidence = totalsFromEvidence(evidence);
  if (fromEvidence === undefined) return undefined;
  const left = fromEvidence.leftOut.length > 0 ? `; left out (incomplete figures): ${fromEvidence.leftOut.join(', ')}` : '';
  warnings.push({ code: 'COST_FROM_CLOUDWATCH', message: `cost priced from the billed durations in CloudWatch REPORT lines (server side), not from the client's view${left}` });
  return fromEvidence.totals;
}

/**
 * The scenario's alternatives as the comparison prices them. A SnapStart snapshot stays cached while its version is
 * published: the whole month unless the scenario says otherwise. Java managed runtimes pay no cache or restore charge
 * (aws-facts §1.1).
 */
function alternativesOf(spec: CostAlternativesSpec | undefined, runtimes: readonly string[], warnings: Warning[]): CompareOptions['alternatives'] {
  if (!spec) return undefined;
  // A runtime the target does not say (a url target's function described by name and memory) is not refused.
  const unsupported = snapStartUnsupported(runtimes);
  if (spec.snapStart && unsupported.length > 0) {
    warnings.push({ code: 'COST_SNAPSTART_UNSUPPORTED', message: `no SnapStart row in the comparison: ${snapStartUnsupportedReason(unsupported)}` });
  }
  const snap = unsupported.length === 0 ? spec.snapStart : undefined;
  return {
    ...(snap
      ? {
          snapStart: {
            restoreDurationMs: parseDurationMs(snap.restoreDuration),
            cachedHours: snap.cachedHours ?? PROVISIONED_HOURS_PER_MONTH,
            javaManagedRuntime: allJavaManagedRuntimes(runtimes),
          },
        }
      : {}),
    ...(spec.managedInstances ? { managedInstances: { ...spec.managedInstances } } : {}),
  };
}
