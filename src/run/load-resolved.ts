/** The scenario of a run, loaded or taken as given, validated and resolved; and its Region. */
import { LambdaloadError } from '../errors.js';
import type { Warning } from '../result/types.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { assertValidScenario } from '../scenario/validate.js';
import { resolveScenario, type ResolvedScenario } from '../target/resolve-scenario.js';

/** The scenario of `options` (a file or an object), validated and resolved. */
export async function loadResolved(options: { file?: string; scenario?: Scenario }, cwd: string): Promise<ResolvedScenario> {
  if (options.file !== undefined) return resolveScenario(await loadScenario(options.file, { cwd }));
  if (options.scenario !== undefined) {
    const file = '<scenario object>';
    const scenario = assertValidScenario(options.scenario, { file, dir: cwd });
    return resolveScenario({ file, dir: cwd, scenario });
  }
  throw new LambdaloadError('USAGE', 'run() needs a scenario: pass `file` (a scenario file) or `scenario` (an object)');
}

/** The scenario's region; a REGION_DEFAULTED warning when it was not given. */
export function regionOf(scenario: ResolvedScenario, warnings: Warning[]): string {
  const { region, defaults } = scenario.resolvedTarget;
  if (defaults.some((d) => d.path === 'projection.region')) {
    warnings.push({
      code: 'REGION_DEFAULTED',
      message: `no region in the scenario: cost and quotas use ${region}; set projection.region (e.g. 'eu-west-1')`,
    });
  }
  return region;
}
