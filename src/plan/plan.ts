/**
 * `planCapacity`: the composition root of `lambdaload plan`. Resolve the plan, simulate it, summarise, then the
 * extra simulations the recommendations need (provisioned levels, demand without the account's limits) and the
 * sweep. Pure apart from the clock: the loaded plan comes in, the result goes out.
 */
import { createRequire } from 'node:module';
import { formatUsd } from '../cost/index.js';
import type { LoadedPlan } from './load.js';
import { provisionedCandidates, provisionedOption, quotaRequests } from './recommend.js';
import { resolvePlan } from './resolve.js';
import { PLAN_SCHEMA_VERSION, type PlanResult } from './result-types.js';
import { simulatePlan } from './simulate.js';
import { summarizeOutcome, timelineRows } from './summarize.js';
import { runSweep } from './sweep.js';
import { planAlternatives } from './alternatives.js';
import { checkPayloadLimits } from './payload.js';
import { rateSummary } from './traffic.js';

export interface PlanCapacityOptions {
  /** Path of the plan as shown in the output. */
  file: string;
  /** Run the sweep even when the plan has no `sweep` key (with the default grid). */
  sweep?: boolean;
  /** Skip the extra simulations of the recommendations (one simulation only). */
  recommendations?: boolean;
  /** Timeline bucket in seconds; default 1 s up to an hour of traffic, 60 s beyond. */
  bucketS?: number;
}

export function planCapacity(loaded: LoadedPlan, options: PlanCapacityOptions): PlanResult {
  const { plan } = loaded;
  const resolved = resolvePlan(loaded);
  const out = simulatePlan(resolved.config);
  const outcome = summarizeOutcome(plan, resolved, out);
  const rates = rateSummary(resolved.config.perSecond);
  const summary: string[] = [];

  const provisioned = [];
  const quotas = [];
  if (options.recommendations !== false) {
    for (const levels of outcome.coldStarts > 0 ? provisionedCandidates(outcome) : []) {
      const option = summarizeOutcome(plan, resolvePlan(loaded, { provisioned: levels }), simulatePlan(resolvePlan(loaded, { provisioned: levels }).config));
      provisioned.push(provisionedOption(outcome, option));
    }
    const throttled = Object.values(outcome.throttles).some((n) => n > 0);
    const demand = throttled ? summarizeOutcome(plan, resolvePlan(loaded, { unconstrained: true }), simulatePlan(resolvePlan(loaded, { unconstrained: true }).config)) : undefined;
    provisioned.sort((a, b) => a.provisioned - b.provisioned);
    quotas.push(...quotaRequests(resolved, outcome, demand, rates.peakRps));
    for (const q of quotas) summary.push(q.adjustable ? `ask for ${q.quota}: ${fmt(q.current)} → ${fmt(q.requested)} (${q.why})` : `${q.quota} (${fmt(q.current)}, cannot be raised): ${q.why}`);
    for (const p of provisioned) {
      summary.push(`provisioned concurrency ${fmt(p.provisioned)}: ${fmt(p.coldStartsRemoved)} fewer cold starts in the window (${fmt(p.coldStarts)} left), p99 ${fmt(p.p99Ms)} ms, ${p.extraUsd >= 0 ? '+' : '−'}${formatUsd(Math.abs(p.extraUsd))} a month`);
    }
  }
  // Asked for in the plan, like the sweep: simulated even without the recommendations.
  const alternatives = planAlternatives(loaded, outcome);
  for (const alt of alternatives?.rows ?? []) {
    const cold = alt.coldStarts === 0 ? `no cold starts (${fmt(outcome.coldStarts)} in the plan)` : `${fmt(alt.coldStarts)} cold starts, cold p99 ${fmt(outcome.latency.cold.p99Ms)} → ${fmt(alt.coldP99Ms)} ms`;
    summary.push(`${alt.label}: ${cold}, p99 ${fmt(alt.p99Ms)} ms, ${alt.deltaUsd >= 0 ? '+' : '−'}${formatUsd(Math.abs(alt.deltaUsd))} a month${alt.warnings.length > 0 ? ' (some charges unpriced, see the warnings)' : ''}`);
  }
  const sweep = plan.sweep !== undefined || options.sweep ? runSweep(loaded, plan.sweep ?? {}) : undefined;
  const cheapest = sweep?.rows.find((row) => row.cheapest);
  if (cheapest) summary.push(`cheapest configuration meeting the thresholds: ${cheapest.memoryMb} MB ${cheapest.architecture} ${cheapest.apiType.toUpperCase()} API, provisioned ${cheapest.provisioned}, ${formatUsd(cheapest.monthlyUsd)} a month`);
  else if (sweep) summary.push('no configuration of the sweep meets the thresholds');

  const payload = resolved.payload ? checkPayloadLimits(resolved.payload, resolved.region, resolved.apiType) : undefined;
  const warnings = [...resolved.warnings, ...(alternatives?.warnings ?? [])];
  const payloadLines: string[] = [];
  for (const over of payload?.over ?? []) {
    const text = `${pctText(over.share)} of the ${over.kind}s are over ${over.quota} (${fmt(over.limitBytes)} bytes): their clients get ${over.status}`;
    payloadLines.push(`${text}; move large bodies to S3 (presigned URLs), the limit cannot be raised`);
    warnings.push({ code: 'PAYLOAD_OVER_LIMIT', message: `${text} (simulated: counted as failed requests)` });
  }
  summary.unshift(...payloadLines);
  const bucketS = options.bucketS ?? (out.durationS <= 3600 ? 1 : 60);
  return {
    kind: 'plan',
    schemaVersion: PLAN_SCHEMA_VERSION,
    tool: { name: 'lambdaload', version: packageVersion() },
    plan: { name: plan.name, description: plan.description, file: options.file, region: resolved.region, apiType: resolved.apiType, seed: resolved.config.seed, arrivals: resolved.config.arrivals, trafficType: plan.traffic.type, peakRps: rates.peakRps, meanRps: rates.meanRps },
    ...outcome,
    timeline: { bucketS, rows: timelineRows(out, bucketS) },
    recommendations: { provisioned, quotas, cheapest, summary },
    sweep,
    payload,
    ...(alternatives ? { alternatives: alternatives.rows } : {}),
    notes: [
      'Lambda does not queue synchronous invocations: a request that finds no capacity is throttled at once, so latency is INIT (cold) + handler duration',
      ...resolved.notes,
      ...(alternatives?.notes ?? []),
      `cost: ${outcome.cost.basis}`,
    ],
    warnings,
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pctText = (share: number) => `${(share * 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;

function packageVersion(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
