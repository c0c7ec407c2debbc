/**
 * Reads a saved result file for re-rendering: a file that is missing, not JSON (a run cut off while writing leaves
 * none, but a copy can be truncated), not a lambdaload result, or of a schema version this lambdaload does not read
 * is a `RESULT_INVALID` error (exit 2) naming the file and what is wrong.
 */
import { readFile } from 'node:fs/promises';
import { LambdaloadError } from '../errors.js';
import { migrateV1 } from './migrate.js';
import { RESULT_SCHEMA_VERSION, type RunResult } from '../result/types.js';
import { resultProblems } from '../result/validate.js';

/** Versions this lambdaload reads: the current one, and older ones it migrates (src/saved/migrate.ts). */
const MIGRATIONS: Record<number, (value: Record<string, unknown>) => Record<string, unknown>> = { 1: migrateV1 };

export async function readResultFile(file: string): Promise<RunResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LambdaloadError('RESULT_INVALID', `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a result file' : `cannot be read (${code ?? String(error)})`}`, {
      hint: 'Give the path of a result JSON written by `lambdaload run` (reports/<scenario>-<time>.json by default).',
    });
  }
  return parseResult(text, file);
}

/** Parses and checks a result's text; `file` names it in errors. */
export function parseResult(text: string, file: string): RunResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const truncated = text.trim().length === 0 ? 'it is empty' : /^\s*[{[]/.test(text) && !/[}\]]\s*$/.test(text) ? 'it ends early (truncated?)' : (error as Error).message;
    throw new LambdaloadError('RESULT_INVALID', `${file}: not valid JSON: ${truncated}`, {
      hint: 'Use the result file as `lambdaload run` wrote it; a copy that was cut short cannot be read.',
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('schemaVersion' in value)) {
    throw new LambdaloadError('RESULT_INVALID', `${file}: not a lambdaload result (no schemaVersion)`, {
      hint: 'Give the path of a result JSON written by `lambdaload run`.',
    });
  }
  const version = (value as { schemaVersion: unknown }).schemaVersion;
  const migrate = typeof version === 'number' ? MIGRATIONS[version] : undefined;
  if (version !== RESULT_SCHEMA_VERSION && !migrate) {
    const newer = typeof version === 'number' && version > RESULT_SCHEMA_VERSION;
    throw new LambdaloadError('RESULT_INVALID', `${file}: result schema version ${JSON.stringify(version)}; this lambdaload reads versions 1 to ${RESULT_SCHEMA_VERSION}`, {
      hint: newer ? 'Render it with the lambdaload version that wrote it, or a newer one (npm i -D lambdaload@latest).' : 'The file was not written by a released lambdaload.',
    });
  }
  const current = migrate ? migrate(value as Record<string, unknown>) : value;
  const problems = resultProblems(current);
  if (problems.length > 0) {
    throw new LambdaloadError('RESULT_INVALID', `${file}: not a valid lambdaload result (schema version ${String(version)}):\n  ${problems.join('\n  ')}`, {
      hint: 'Use the result file as `lambdaload run` wrote it; its shape is schema/result.schema.json in the lambdaload package.',
    });
  }
  return current as unknown as RunResult;
}
