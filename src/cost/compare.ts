/**
 * The same month of traffic priced several ways: x86_64 vs arm64, REST vs HTTP API, each memory size the run
 * measured, and (when the caller describes them) SnapStart and Lambda Managed Instances. Each row is a full
 * projection, so tiers and free tier apply to each as they would on a real bill.
 */
import type { CostAlternatives, CostComparisonRow } from '../result/cost.js';
import { projectMonthlyCost, type MonthlyTraffic, type ProjectionOptions } from './projection.js';
import type { ProjectionBasis } from './run-cost.js';
import type { Architecture, PricedApiType } from './types.js';

export type ComparisonRow = CostComparisonRow;

export interface CostComparison {
  monthlyRequests: number;
  rows: ComparisonRow[];
  notes: string[];
  /** The alternatives asked for, kept so the comparison can be priced again (a merge of shards). */
  alternatives?: CostAlternatives;
}

/** Options of a comparison: a projection's, plus the alternatives to price beside the measured setup. */
export interface CompareOptions extends ProjectionOptions {
  /**
   * `snapStart` adds a SnapStart row (not offered when the run used Provisioned Concurrency: the two cannot be
   * combined); `managedInstances` a Lambda Managed Instances row.
   */
  alternatives?: CostAlternatives;
}

const ARCHS: Architecture[] = ['x86_64', 'arm64'];
const APIS: PricedApiType[] = ['rest', 'http'];
const API_LABEL: Record<PricedApiType, string> = { rest: 'REST', http: 'HTTP API' };

/** The architecture the basis ran on (the first function's; mixed runs are labelled by it). */
const baseArchitecture = (basis: ProjectionBasis): Architecture => basis.functions[0]?.architecture ?? 'x86_64';

/**
 * Groups of functions by memory size, each scaled to carry every invocation of a request. Only when the run
 * measured one function at several sizes: different functions that happen to differ in memory are not variants.
 */
function memoryVariants(basis: ProjectionBasis): Array<{ memoryMb: number; basis: ProjectionBasis }> {
  if (new Set(basis.functions.map((fn) => fn.name)).size !== 1) return [];
  const sizes = [...new Set(basis.functions.map((fn) => fn.memoryMb))].sort((a, b) => a - b);
  if (sizes.length < 2) return [];
  const totalPerRequest = basis.functions.reduce((n, fn) => n + fn.invocationsPerRequest, 0);
  return sizes.map((memoryMb) => {
    const group = basis.functions.filter((fn) => fn.memoryMb === memoryMb);
    const groupPerRequest = group.reduce((n, fn) => n + fn.invocationsPerRequest, 0);
    const scale = groupPerRequest > 0 ? totalPerRequest / groupPerRequest : 0;
    return { memoryMb, basis: { ...basis, functions: group.map((fn) => ({ ...fn, invocationsPerRequest: fn.invocationsPerRequest * scale })) } };
  });
}

/** Prices `traffic` on every variant. Pure. */
export function compareCosts(basis: ProjectionBasis, traffic: MonthlyTraffic, compareOptions: CompareOptions = {}): CostComparison {
  const { alternatives, ...options } = compareOptions;
  const measuredArch = baseArchitecture(basis);
  const measuredApi = basis.api?.type;
  const baseline = projectMonthlyCost(basis, traffic, options);
  const row = (label: string, variant: ProjectionOptions, b = basis, memoryMb?: number): ComparisonRow => {
    const projection = projectMonthlyCost(b, traffic, { ...options, ...variant });
    return {
      label,
      architecture: variant.architecture ?? measuredArch,
      apiType: variant.apiType ?? measuredApi,
      ...(memoryMb !== undefined ? { memoryMb } : {}),
      monthlyUsd: projection.estimate.totalUsd,
      costPerMillionUsd: projection.costPerMillionUsd,
      deltaUsd: projection.estimate.totalUsd - baseline.estimate.totalUsd,
      baseline: false,
      warnings: projection.estimate.warnings.map((w) => w.message),
    };
  };
  const rows: ComparisonRow[] = [];
  for (const architecture of ARCHS) {
    for (const apiType of measuredApi ? APIS : [undefined]) {
      const label = apiType ? `${architecture} + ${API_LABEL[apiType]}` : architecture;
      const r = row(label, { architecture, ...(apiType ? { apiType } : {}) });
      r.baseline = architecture === measuredArch && apiType === measuredApi;
      rows.push(r);
    }
  }
  for (const variant of memoryVariants(basis)) rows.push(row(`${variant.memoryMb} MB (measured)`, {}, variant.basis, variant.memoryMb));
  const notes = [`${baseline.monthlyRequests.toLocaleString('en-US')} requests per month`];
  const snap = alternatives?.snapStart;
  const usesProvisioned = options.provisioned !== undefined || basis.functions.some((fn) => fn.provisionedShare > 0);
  if (snap && usesProvisioned) notes.push('no SnapStart row: SnapStart cannot be combined with Provisioned Concurrency');
  else if (snap) {
    rows.push({ ...row(`SnapStart (restore ${snap.restoreDurationMs} ms)`, { snapStart: snap }), alternative: 'snapstart' });
    notes.push(`the SnapStart row assumes a Billed Restore Duration of ${snap.restoreDurationMs} ms per cold start (given, not measured)`);
  }
  const managed = alternatives?.managedInstances;
  if (managed) {
    rows.push({ ...row(`Managed Instances${managed.instanceType ? ` (${managed.instanceType})` : ''}`, { managedInstances: managed }), alternative: 'managed-instances' });
  }
  const otherArch = ARCHS.find((a) => a !== measuredArch)!;
  notes.push(`${otherArch} rows reuse the durations measured on ${measuredArch}; the real speed difference depends on the workload`);
  return { monthlyRequests: baseline.monthlyRequests, rows, notes, ...(alternatives ? { alternatives } : {}) };
}
