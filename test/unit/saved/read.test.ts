/** Reading a saved result: every way a file can be wrong is an RESULT_INVALID error (exit 2) saying which and why. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLambdaloadError } from '../../../src/errors.js';
import { parseResult, readResultFile } from '../../../src/saved/read.js';

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
    ['a newer schema version', () => parseResult(JSON.stringify({ ...JSON.parse(text), schemaVersion: 99 }), 'new.json'), /new\.json: result schema version 99; this lambdaload reads versions 1 to 2/],
    ['a result missing keys', () => parseResult(JSON.stringify({ schemaVersion: 2, status: 'completed' }), 'part.json'), /part\.json: not a valid lambdaload result \(schema version 2\):\n.*\(top level\): must have required property 'latency'/s],
    [
      'a field the contract does not have',
      () => parseResult(JSON.stringify({ ...JSON.parse(text), engine: { ...JSON.parse(text).engine, internal: 1 } }), 'extra.json'),
      /extra\.json: not a valid lambdaload result \(schema version 2\):\n {2}engine: must NOT have additional properties \(internal\)/,
    ],
    [
      'a v1 result written before the resolved target (2026-11)',
      () => readResultFile(new URL('../../fixtures/results/hello-v1-early.json', import.meta.url).pathname),
      /hello-v1-early\.json: not a valid lambdaload result \(schema version 1\):\n.*scenario\.target: must have required property 'region'/s,
    ],
  ])('%s: RESULT_INVALID, exit 2', async (_what, run, message) => {
    const error = await failure(run);
    expect(error).toMatchObject({ code: 'RESULT_INVALID', exitCode: 2 });
    expect(error.message).toMatch(message);
  });

  it('reads a v1 result as v2: kind, readable statistics beside each histogram, percentiles within [min, max]', async () => {
    const v1Text = await readFile(new URL('../../fixtures/results/hello-v1.json', import.meta.url), 'utf8');
    const v1 = JSON.parse(v1Text);
    // A v1 bucket whose p90 passed its max (HDR's bucket edge), as v1 files can hold.
    v1.latency.overall.cold = { ...v1.latency.overall.cold, p90Ms: v1.latency.overall.cold.maxMs + 0.132 };
    const migrated = parseResult(JSON.stringify(v1), 'v1.json');
    expect(migrated).toMatchObject({ schemaVersion: 2, kind: 'run' });
    expect(migrated.latency.overall.cold.p90Ms).toBe(v1.latency.overall.cold.maxMs);
    // The statistics the migration computes equal those a v2 run wrote for the same histograms, within the
    // histogram's precision (0.1%): the encoded form keeps bucket edges, not the exact min and max a run tracked.
    const v2 = JSON.parse(text) as typeof migrated;
    expect(migrated.histograms.map(({ stats: _, ...h }) => h)).toEqual(v2.histograms.map(({ stats: _, ...h }) => h));
    migrated.histograms.forEach((h, i) => {
      const written = v2.histograms[i]!.stats;
      expect(h.stats.count).toBe(written.count);
      for (const key of ['minMs', 'meanMs', 'p50Ms', 'p90Ms', 'p99Ms', 'p999Ms', 'maxMs'] as const) {
        expect(Math.abs(h.stats[key] - written[key]), `${i} ${key}`).toBeLessThanOrEqual(written[key] * 0.001 + 0.002);
      }
    });
  });

  it('reads what it wrote back unchanged', async () => {
    const file = path.join(dir, 'copy.json');
    await writeFile(file, text);
    expect(await readResultFile(file)).toEqual(JSON.parse(text));
  });
});
