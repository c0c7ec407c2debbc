import { readFile } from 'node:fs/promises';
import { defineConfig } from 'vitest/config';

/**
 * Two groups. The suite runs two files at a time (one per core). The example scenarios then run alone: they are the
 * README's main jobs, measured as a user runs them, and beside another test file a 2-core machine measures that
 * file's load instead (the hello spike's cold starts vary with it). They still run beside a CPU hog in CI's second
 * pass, which holds them to correct answers under load rather than to fair latency.
 */
const ALONE = ['test/integration/scenarios/**/*.test.ts'];

/**
 * CI's second pass beside a CPU hog (.ci/run sets LAMBDALOAD_HOG_PASS=1) leaves out the files whose outcome no
 * machine load can change (input validation, pricing, rendering, a browser reading a saved page): the first pass ran
 * them, and the hog pass is there for the timing-dependent rest.
 */
const LOAD_INSENSITIVE =
  process.env.LAMBDALOAD_HOG_PASS === '1'
    ? [
        'test/integration/cli/broken-inputs.test.ts',
        'test/integration/cli/cost.test.ts',
        'test/integration/cli/init.test.ts',
        'test/integration/cli/report.test.ts',
        'test/integration/cli/trend.test.ts',
        'test/integration/cost-cli/**/*.test.ts',
        'test/integration/plan/**/*.test.ts',
        'test/integration/report-html/**/*.test.ts',
      ]
    : [];

/** The workflow parser's files name source maps of sources it does not ship: vite would warn once per file. */
const withoutSourceMaps = {
  name: 'workflow-parser-without-source-maps',
  async load(id: string) {
    if (!id.includes('/node_modules/@actions/') || !id.endsWith('.js')) return null;
    return { code: (await readFile(id, 'utf8')).replace(/^\/\/# sourceMappingURL=.*$/m, ''), map: null };
  },
};

export default defineConfig({
  plugins: [withoutSourceMaps],
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // GitHub's workflow parser imports its schema JSON without an import attribute, which Node's ESM loader refuses:
    // vite loads it instead (test/integration/examples/scale-out.test.ts).
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    projects: [
      {
        extends: true,
        test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [...ALONE, ...LOAD_INSENSITIVE], maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
