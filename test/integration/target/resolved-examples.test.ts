/**
 * The resolved target of every example scenario, held against a golden file (test/golden/resolved-targets/): every
 * default the run applies, and where it comes from, changes only on purpose. Regenerate with `npx vitest run -u` and
 * read the diff.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/load.js';
import { resolveScenario } from '../../../src/target/resolve-scenario.js';
import { ensureBuilt, ROOT } from '../cli/helpers.js';

const examples = (await readdir(path.join(ROOT, 'scenarios'))).filter((f) => f.endsWith('.ts')).sort();

beforeAll(async () => {
  await ensureBuilt();
}, 150_000);

describe('resolved targets of the example scenarios', () => {
  it.each(examples)('%s', async (file) => {
    const loaded = await loadScenario(path.join('scenarios', file), { cwd: ROOT });
    const resolved = resolveScenario(loaded).resolvedTarget;
    await expect(`${JSON.stringify(resolved, null, 2)}\n`).toMatchFileSnapshot(path.join(ROOT, 'test/golden/resolved-targets', file.replace(/\.ts$/, '.json')));
  });
});
