/** Reading a saved result: every way a file can be wrong is an RESULT_INVALID error (exit 2) saying which and why. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLambdaloadError } from '../../../src/errors.js';
import { parseResult, readResultFile } from '../../../src/result/read.js';

const FIXTURE = new URL('../../fixtures/results/hello.json', import.meta.url);
let dir: string;
let text: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-read-'));
  text = await readFile(FIXTURE, 'utf8');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(run: () => Promise<unknown> | unknown): Promise<{ code: string; exitCode: number; message: string }> {
  try {
    await run();
  } catch (error) {
    if (isLambdaloadError(error)) return { code: error.code, exitCode: error.exitCode, message: error.message };
    throw error;
  }
  throw new Error('expected an error');
}

describe('readResultFile', () => {
  it('reads a result written by lambdaload run', async () => {
    const result = await readResultFile(new URL(FIXTURE).pathname);
    expect(result.scenario.name).toBe('hello');
  });

  it.each([
    ['a missing file', async () => readResultFile(path.join(dir, 'none.json')), /none\.json: no such file/],
    ['a folder', async () => readResultFile(dir), /is a folder, not a result file/],
    ['an empty file', () => parseResult('', 'empty.json'), /empty\.json: not valid JSON: it is empty/],
    ['a truncated file', () => parseResult(text.slice(0, 500), 'cut.json'), /cut\.json: not valid JSON: it ends early \(truncated\?\)/],
    ['another JSON document', () => parseResult('{"hello": 1}', 'other.json'), /other\.json: not a lambdaload result \(no schemaVersion\)/],
    ['a newer schema version', () => parseResult(JSON.stringify({ ...JSON.parse(text), schemaVersion: 99 }), 'new.json'), /new\.json: result schema version 99; this lambdaload reads version 1/],
    ['a result missing keys', () => parseResult(JSON.stringify({ schemaVersion: 1, status: 'completed' }), 'part.json'), /part\.json: not a complete lambdaload result \(missing scenario, timing/],
  ])('%s: RESULT_INVALID, exit 2', async (_what, run, message) => {
    const error = await failure(run);
    expect(error).toMatchObject({ code: 'RESULT_INVALID', exitCode: 2 });
    expect(error.message).toMatch(message);
  });

  it('reads what it wrote back unchanged', async () => {
    const file = path.join(dir, 'copy.json');
    await writeFile(file, text);
    expect(await readResultFile(file)).toEqual(JSON.parse(text));
  });
});
