/**
 * Checks a value against the result's JSON Schema (schema/result.schema.json, generated from this folder's types).
 * Returns the problems as `path: message` lines, at most `limit`, so an edited or foreign file is named precisely.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';

let compiled: ValidateFunction | undefined;

/** The schema ships beside src/ and dist/ (`schema/` at the package root). */
export const RESULT_SCHEMA_URL = new URL('../../schema/result.schema.json', import.meta.url);

function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(RESULT_SCHEMA_URL, 'utf8')) as object;
    // Loaded on the first validation: commands that never read a result file do not pay for it.
    const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
    compiled = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return compiled;
}

export function resultProblems(value: unknown, limit = 10): string[] {
  const validate = validator();
  if (validate(value)) return [];
  return (validate.errors ?? []).slice(0, limit).map((e) => {
    const where = e.instancePath === '' ? '(top level)' : e.instancePath.slice(1).replaceAll('/', '.');
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
    return `${where}: ${e.message ?? e.keyword}${extra}`;
  });
}
