/**
 * `defineScenario`: the typed entry point of a scenario file. It returns its argument unchanged; its job is to give
 * the editor the `Scenario` type, so keys autocomplete and typos are underlined before anything runs.
 */
import type { Scenario } from './types.js';

/**
 * Declares a scenario. Use it as the default export of a scenario file:
 *
 * ```ts
 * import { defineScenario } from 'lambdaload';
 *
 * export default defineScenario({
 *   name: 'hello',
 *   target: { type: 'url', url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod' },
 *   phases: [{ type: 'constant', duration: '30s', rate: 50 }],
 *   requests: [{ path: '/hello' }],
 * });
 * ```
 */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}
