/**
 * Usage files (`lambdaload cost --usage`): the README's examples are valid and priced, and a bad file names every
 * problem by its key path, starting with the file's name.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateCost } from '../../../src/cost/estimate.js';
import type { CostUsage } from '../../../src/cost/types.js';
import { loadUsageFile } from '../../../src/cost/usage-file.js';
import { validateCostUsage } from '../../../src/cost/usage-validate.js';
import { LambdaloadError } from '../../../src/errors.js';

async function readmeUsageExamples(): Promise<unknown[]> {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('### Usage files');
  const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as unknown);
}

describe("README's usage file examples", () => {
  it('are valid and each prices to a non-zero month', async () => {
    const examples = await readmeUsageExamples();
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const usage of examples) {
      expect(validateCostUsage(usage)).toEqual([]);
      expect(estimateCost(usage as CostUsage).totalUsd).toBeGreaterThan(0);
    }
  });
});

describe('examples/usage/*.json', () => {
  it('load, price, and are the examples the README shows', async () => {
    const readmeExamples = (await readmeUsageExamples()).map((u) => JSON.stringify(u));
    const dir = new URL('../../../examples/usage/', import.meta.url);
    const files = ['apis.json', 'snapstart-streaming.json', 'products.json'];
    for (const file of files) {
      const usage = await loadUsageFile(path.join(dir.pathname, file));
      expect(estimateCost(usage as CostUsage).totalUsd).toBeGreaterThan(0);
      expect(readmeExamples).toContain(JSON.stringify(usage));
    }
  });
});

describe('loadUsageFile: bad files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-usage-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function problemsOf(name: string, text: string): Promise<LambdaloadError> {
    const file = path.join(dir, name);
    await writeFile(file, text);
    const error = await loadUsageFile(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LambdaloadError);
    expect((error as LambdaloadError).code).toBe('USAGE');
    expect((error as LambdaloadError).exitCode).toBe(2);
    return error as LambdaloadError;
  }

  it('not JSON: names the file and says what a usage file is', async () => {
    const error = await problemsOf('broken.json', '{ "region": "us-east-1", }');
    expect(error.message).toBe(`${path.join(dir, 'broken.json')}: not valid JSON`);
    expect(error.hint).toContain('Usage files');
  });

  it('an array instead of an object', async () => {
    const error = await problemsOf('array.json', '[{ "region": "us-east-1" }]');
    expect(error.problems).toEqual([`${path.join(dir, 'array.json')}: expected an object`]);
  });

  it('nested mistakes: each with its full key path', async () => {
    const file = path.join(dir, 'nested.json');
    const error = await problemsOf(
      'nested.json',
      JSON.stringify({
        region: 'us-east-1',
        functions: [{ name: 7, memoryMb: 1024, requests: 100, durationMs: 50, provisioned: { environments: 2, hours: 730, requests: 10 }, billed: { initMs: 5 } }],
        websocket: { messages: 10, messageKb: 256 },
      }),
    );
    expect(error.message).toBe(`${file}: invalid usage (5 problems)`);
    expect(error.problems).toEqual([
      `${file}.functions[0].name: expected a string, got 7`,
      `${file}.functions[0].billed.onDemandMs: required`,
      `${file}.functions[0].provisioned.hours: unknown key (expected one of environments, hoursEnabled, requests, durationMs)`,
      `${file}.functions[0].provisioned.hoursEnabled: required`,
      `${file}.websocket.messageKb: 256 is outside 0–128`,
    ]);
  });

  it('functions that is not an array', async () => {
    const file = path.join(dir, 'functions.json');
    const error = await problemsOf('functions.json', JSON.stringify({ region: 'us-east-1', functions: { memoryMb: 128, requests: 1, durationMs: 1 } }));
    expect(error.problems).toEqual([`${file}.functions: expected an array`]);
  });
});
