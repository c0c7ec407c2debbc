/**
 * The result contract's shape is held twice on purpose: by the types in src/result/ and by the committed JSON Schema
 * generated from them. Any change to a type changes the generated schema, and this test fails until the schema is
 * regenerated (`npm run schema`), so a change to the file's shape is always a visible, reviewed diff.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { generateResultSchema } from '../../../scripts/result-schema.mjs';
import { RESULT_SCHEMA_URL, resultProblems } from '../../../src/result/validate.js';

describe('result JSON Schema', () => {
  it('is what the contract types generate (run `npm run schema` after changing src/result/*.ts)', () => {
    expect((generateResultSchema as () => string)()).toBe(readFileSync(RESULT_SCHEMA_URL, 'utf8'));
  }, 180_000);

  it('accepts a result written by a real run, and names every problem of an edited one', () => {
    const result = JSON.parse(readFileSync(new URL('../../fixtures/results/hello.json', import.meta.url), 'utf8'));
    expect(resultProblems(result)).toEqual([]);
    result.kind = 'plan';
    delete result.timing;
    result.latency.overall.warm.p50Ms = '12';
    expect(resultProblems(result)).toEqual([
      "(top level): must have required property 'timing'",
      'latency.overall.warm.p50Ms: must be number',
      'kind: must be equal to constant',
    ]);
  });
});
