/**
 * The library entry: `import { defineScenario, run } from 'lambdaload'`.
 */
export * from './scenario/types.js';
export { defineScenario } from './scenario/define.js';
export { run, type RunOptions, type RunProgress } from './run/run.js';
export type { RunResult, CostReport, ThresholdResult, Warning } from './result/types.js';
export { startEmulator, type RunningEmulator, type StartEmulatorOptions } from './emulator/server.js';
export { estimateCost, type CostUsage, type CostEstimate, type CostLine } from './cost/index.js';
export { mergeInvocationTotals, type InvocationTotals } from './measure/invocation-totals.js';
export { mergeShards, type MergeOptions, type ShardFile } from './merge/merge.js';
export { runOnWorkers, type WorkersRunOptions } from './workers/run-workers.js';
export { checkQuotas, type QuotaFinding, type QuotaInput } from './quota/index.js';
export { LambdaloadError, EXIT_CODES } from './errors.js';
export { renderRunSummary } from './report/summary.js';
export { renderJson } from './report/json.js';
export { definePlan, loadPlan, planCapacity, readPlanResultFile, renderPlan, renderPlanMarkdown, simulatePlan, type Plan, type PlanResult } from './plan/index.js';
