/**
 * The scenario room: the typed `defineScenario` helper, loading `.ts` scenario files without a build step,
 * validation that reports every problem at once (resolving defaults and durations is the target room's:
 * src/target/resolve-scenario.ts).
 */
export * from './types.js';
export { defineScenario } from './define.js';
export { formatDurationMs, parseDurationMs, readDurationMs, type DurationReading } from './duration.js';
export { loadScenario, pickScenarioExport, SCENARIO_EXTENSIONS, type LoadedScenario, type LoadScenarioOptions } from './load.js';
export { assertValidScenario, formatProblem, validateScenario, type Problem, type ValidationContext } from './validate.js';
export { defaultPhaseName, requestName } from './names.js';
