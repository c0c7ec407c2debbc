/** `definePlan`: the typed entry point of a plan file (returns its argument; its job is the editor's types). */
import type { Plan } from './types.js';

/**
 * Declares a capacity plan. Use it as the default export of a plan file:
 *
 * ```ts
 * import { definePlan } from 'lambdaload';
 *
 * export default definePlan({
 *   name: 'launch',
 *   traffic: { type: 'spike', toRps: 2000, ramp: '30s', hold: '5m' },
 *   functions: { api: { memoryMb: 512, duration: { p50: 40, p99: 180 }, init: { p50: 350, p99: 900 } } },
 * });
 * ```
 */
export function definePlan(plan: Plan): Plan {
  return plan;
}
