import { defineConfig } from 'vitest/config';

/**
 * Two groups. The suite runs two files at a time (one per core). The example scenarios then run alone: they are the
 * README's main jobs, measured as a user runs them, and beside another test file a 2-core machine measures that
 * file's load instead (the hello spike's cold starts vary with it). They still run beside a CPU hog in CI's second
 * pass, which holds them to correct answers under load rather than to fair latency.
 */
const ALONE = ['test/integration/scenarios/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: ALONE, maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
