/**
 * A saved plan result read back for rendering again (`lambdaload plan --from plan.json`): the file must be a plan
 * result of this contract's version; anything else is refused with what it is and what to do with it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LambdaloadError } from '../errors.js';
import { PLAN_SCHEMA_VERSION, type PlanResult } from './result-types.js';

/** The keys every renderer reads. */
const REQUIRED = ['plan', 'thresholds', 'throttles', 'statuses', 'latency', 'functions', 'cost', 'timeline', 'recommendations', 'notes', 'warnings'] as const;

/** Reads a saved plan result (`lambdaload plan … --out`); PLAN_NOT_FOUND or PLAN_INVALID (exit 2) otherwise. */
export async function readPlanResultFile(file: string, cwd = process.cwd()): Promise<PlanResult> {
  const absolute = path.resolve(cwd, file);
  const text = await readFile(absolute, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new LambdaloadError('PLAN_NOT_FOUND', error.code === 'ENOENT' ? `Saved plan not found: ${absolute}` : `Cannot read ${file}: ${error.code ?? error.message}`, {
      hint: 'Give a file written by `lambdaload plan … --out plan.json`.',
      cause: error,
    });
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LambdaloadError('PLAN_INVALID', `${file} is not a plan result: not JSON (${(error as Error).message})`, { hint: 'Give a file written by `lambdaload plan … --out plan.json`.', cause: error });
  }
  return assertPlanResult(value, file);
}

/** Returns `value` as a PlanResult, or throws PLAN_INVALID saying what the file is instead. */
export function assertPlanResult(value: unknown, file: string): PlanResult {
  const hint = 'Give a file written by `lambdaload plan … --out plan.json` (or `--json > plan.json`).';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LambdaloadError('PLAN_INVALID', `${file} is not a plan result: it holds ${Array.isArray(value) ? 'an array' : `a ${value === null ? 'null' : typeof value}`}, not an object`, { hint });
  }
  const record = value as Record<string, unknown>;
  if (record.kind !== 'plan') {
    if (record.kind === undefined && typeof record.scenario === 'object' && 'schemaVersion' in record) {
      throw new LambdaloadError('PLAN_INVALID', `${file} is not a plan result: it is a run result of \`lambdaload run\` (scenario '${String((record.scenario as { name?: unknown }).name)}')`, {
        hint: `Render it with \`lambdaload report ${file}\`, or plan from its traffic with \`lambdaload plan ${file} --scale 10\`.`,
      });
    }
    throw new LambdaloadError('PLAN_INVALID', `${file} is not a plan result: ${record.kind === undefined ? 'it has no kind: \'plan\'' : `its kind is ${JSON.stringify(record.kind)}, not 'plan'`}`, { hint });
  }
  if (record.schemaVersion !== PLAN_SCHEMA_VERSION) {
    throw new LambdaloadError('PLAN_INVALID', `${file} is a plan result of schemaVersion ${JSON.stringify(record.schemaVersion)}; this lambdaload renders version ${PLAN_SCHEMA_VERSION}`, {
      hint: 'Simulate the plan again with this lambdaload (`lambdaload plan plan.ts --out plan.json`), or render it with the version that wrote it.',
    });
  }
  const missing = REQUIRED.filter((key) => typeof record[key] !== 'object' || record[key] === null);
  if (missing.length > 0) throw new LambdaloadError('PLAN_INVALID', `${file} is an incomplete plan result: ${missing.join(', ')} missing`, { hint });
  return value as PlanResult;
}
