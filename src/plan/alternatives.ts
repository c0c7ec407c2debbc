/**
 * The plan's `alternatives`, simulated on the same traffic and priced beside it: SnapStart (each cold start restores
 * a snapshot in the given time instead of running INIT) and Lambda Managed Instances (capacity kept running, so no
 * cold start on the request path). Their inputs are the user's: a plan cannot measure a restore or an instance fleet.
 */
import { PROJECTION_DEFAULTS } from '../facts/defaults.js';
import { allJavaManagedRuntimes, snapStartUnsupported, snapStartUnsupportedReason } from '../facts/features.js';
import type { CostAlternatives } from '../result/cost.js';
import { parseDurationMs } from '../scenario/duration.js';
import type { LoadedPlan } from './load.js';
import { resolvePlan, type PlanOverrides } from './resolve.js';
import type { PlanAlternative, PlanOutcome } from './result-types.js';
import { simulatePlan } from './simulate.js';
import { summarizeOutcome } from './summarize.js';
import { THROTTLE_CAUSES, type PlanWarning } from './types.js';

export interface PlanAlternatives {
  rows: PlanAlternative[];
  /** Why an alternative asked for has no row (it cannot be combined with the plan). */
  notes: string[];
  warnings: PlanWarning[];
}

/** The rows of the plan's alternatives against `base`, the plan as given; undefined when the plan names none. */
export function planAlternatives(loaded: LoadedPlan, base: PlanOutcome): PlanAlternatives | undefined {
  const spec = loaded.plan.alternatives;
  if (spec === undefined) return undefined;
  const result: PlanAlternatives = { rows: [], notes: [], warnings: [] };
  const simulate = (overrides: PlanOverrides, alternative: CostAlternatives) => {
    const resolved = resolvePlan(loaded, overrides);
    return summarizeOutcome(loaded.plan, resolved, simulatePlan(resolved.config), alternative);
  };
  const add = (kind: PlanAlternative['kind'], label: string, outcome: PlanOutcome, notes: string[]) => {
    // The cost room's warnings that the plan as given does not have: a price it does not know for this setup.
    const known = new Set(base.cost.estimate.warnings.map((w) => w.message));
    const warnings = outcome.cost.estimate.warnings.filter((w) => !known.has(w.message));
    for (const w of warnings) if (!result.warnings.some((x) => x.message === w.message)) result.warnings.push({ code: w.code, message: w.message });
    result.rows.push(row(kind, label, base, outcome, notes, warnings.map((w) => w.message)));
  };

  if (spec.snapStart) {
    const runtimes = base.functions.map((fn) => fn.runtime ?? '');
    const unsupported = snapStartUnsupported(runtimes);
    const withPc = base.functions.filter((fn) => fn.provisionedConcurrency > 0).map((fn) => fn.name);
    if (unsupported.length > 0) {
      result.warnings.push({ code: 'COST_SNAPSTART_UNSUPPORTED', message: `no SnapStart alternative: ${snapStartUnsupportedReason(unsupported)}` });
    } else if (withPc.length > 0) {
      result.notes.push(`no SnapStart alternative: SnapStart cannot be combined with Provisioned Concurrency (Lambda SnapStart docs), which ${withPc.join(', ')} ${withPc.length > 1 ? 'use' : 'uses'} in this plan`);
    } else {
      const restoreDurationMs = parseDurationMs(spec.snapStart.restoreDuration);
      const cachedHours = spec.snapStart.cachedHours ?? PROJECTION_DEFAULTS.hoursPerMonth.value;
      const javaManagedRuntime = allJavaManagedRuntimes(runtimes);
      const outcome = simulate({ coldStartMs: restoreDurationMs }, { snapStart: { restoreDurationMs, cachedHours, javaManagedRuntime } });
      const notes = [
        `each cold start lasts the restore duration given, ${restoreDurationMs} ms, instead of INIT (given, not measured: a SnapStart function's REPORT shows it as Billed Restore Duration), billed in INIT's place`,
        `the snapshot cached ${cachedHours} h in the month${spec.snapStart.cachedHours === undefined ? ' (the whole month: give cachedHours when the version is published for less)' : ''}`,
        'a restored environment serves at the plan\'s warm durations (first invocations after a restore are often slower; not modelled)',
      ];
      if (javaManagedRuntime) notes.push('Java managed runtimes pay no SnapStart cache or restore charge (Lambda pricing page)');
      const unsaid = base.functions.filter((fn) => fn.runtime === undefined).map((fn) => fn.name);
      if (unsaid.length > 0) notes.push(`no runtime given for ${unsaid.join(', ')}: SnapStart assumed offered and charged (set functions.<name>.runtime)`);
      add('snapstart', `SnapStart (restore ${restoreDurationMs} ms)`, outcome, notes);
    }
  }

  const managed = spec.managedInstances;
  if (managed) {
    const outcome = simulate({ noColdStarts: true }, { managedInstances: { ...managed } });
    const notes = [
      'no cold start on the request path: a request that finds no idle environment is served by capacity kept running; the planner does not model the instances\' capacity (how many requests they hold, how fast instances are added): the instance hours are yours to give',
      "API Gateway's throttles and Lambda's concurrency limits and invocation rate kept as in the plan; the scaling rate of new environments does not apply",
      `priced: the requests, ${managed.instanceHours.toLocaleString('en-US')} instance hours${managed.ec2OnDemandHourlyUsd === undefined ? ' (no EC2 price given: not in the total)' : ` at $${managed.ec2OnDemandHourlyUsd} an hour (given)`} and the management fee on them; no Lambda duration charge`,
    ];
    add('managed-instances', `Managed Instances${managed.instanceType ? ` (${managed.instanceType})` : ''}`, outcome, notes);
  }
  return result;
}

function row(kind: PlanAlternative['kind'], label: string, base: PlanOutcome, outcome: PlanOutcome, notes: string[], warnings: string[]): PlanAlternative {
  return {
    kind,
    label,
    coldStarts: outcome.coldStarts,
    throttled: THROTTLE_CAUSES.reduce((n, cause) => n + outcome.throttles[cause], 0),
    throttles: outcome.throttles,
    errorRate: outcome.errorRate,
    p50Ms: outcome.latency.all.p50Ms,
    p99Ms: outcome.latency.all.p99Ms,
    coldP99Ms: outcome.latency.cold.p99Ms,
    monthlyUsd: outcome.cost.totalUsd,
    deltaUsd: outcome.cost.totalUsd - base.cost.totalUsd,
    notes,
    warnings,
  };
}
