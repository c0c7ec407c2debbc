/**
 * Reading a usage file (`lambdaload cost --usage usage.json`): a CostUsage as JSON, validated with every problem
 * named by its key path.
 */
import { readFile } from 'node:fs/promises';
import { LambdaloadError } from '../errors.js';
import { validateCostUsage } from './usage-validate.js';
import type { CostUsage } from './types.js';

/**
 * Reads and validates a usage file. `region` may be left out when the caller supplies it (e.g. `--region`), so the
 * file is validated with a placeholder Region in that case.
 */
export async function loadUsageFile(path: string, options: { regionFromCaller?: boolean } = {}): Promise<Partial<CostUsage>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new LambdaloadError('USAGE', `cannot read usage file ${path}`, { cause, hint: 'Check the path given to --usage.' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new LambdaloadError('USAGE', `${path}: not valid JSON`, { cause, hint: 'The usage file is a JSON object such as {"region": "us-east-1", "functions": [...]}; see "Usage files" in the README.' });
  }
  const probe = options.regionFromCaller && typeof json === 'object' && json !== null && !('region' in json) ? { ...json, region: 'placeholder' } : json;
  const problems = validateCostUsage(probe, path);
  if (problems.length > 0) {
    throw new LambdaloadError('USAGE', `${path}: invalid usage (${problems.length} problem${problems.length === 1 ? '' : 's'})`, {
      problems,
      hint: 'See "Usage files" in the README for every field and its unit.',
    });
  }
  return json as Partial<CostUsage>;
}
