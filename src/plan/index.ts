/**
 * The plan room: capacity planning for Lambda behind API Gateway. A typed plan (or a saved result's traffic) is
 * simulated against Lambda's scaling model and API Gateway's throttles, priced with the cost room, and turned into
 * recommendations and a sweep of configurations.
 */
export type * from './types.js';
export type * from './result-types.js';
export { definePlan } from './define.js';
export { loadPlan, planFromResult, type LoadedPlan } from './load.js';
export { validatePlan, assertValidPlan } from './validate.js';
export { resolvePlan, type PlanOverrides, type ResolvedPlan } from './resolve.js';
export { simulatePlan } from './simulate.js';
export { planCapacity, type PlanCapacityOptions } from './plan.js';
export { renderPlan } from './render.js';
export { renderPlanHtml } from './render-html.js';
export { renderPlanMarkdown } from './render-markdown.js';
export { readPlanResultFile, assertPlanResult } from './read-saved.js';
export { parseTrafficCsv, type CsvTraffic, type CsvProblem } from './traffic-csv.js';
