/** `--workers` values the CLI refuses before anything starts: exit 2 with the flag, the value and what it takes. */
import { describe, expect, it } from 'vitest';
import { runCli, useCliWorkspace } from './helpers.js';

const ws = useCliWorkspace('workers-usage');

describe('lambdaload run --workers: bad values', () => {
  it.each([['0'], ['-1'], ['1.5'], ['two'], ['']])('--workers %j → exit 2', async (value) => {
    const ran = await runCli(['run', 'test/fixtures/cli/url-target.ts', '--quiet', `--workers=${value}`], { LAMBDALOAD_TEST_URL: ws.target.url });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`--workers ${JSON.stringify(value)}: expected a whole number ≥ 1 or auto`);
    expect(ws.target.received).toBe(0);
  });

  it('--workers with --shard → exit 2, saying why', async () => {
    const ran = await runCli(['run', 'test/fixtures/cli/url-target.ts', '--quiet', '--workers', '2', '--shard', '1/2'], { LAMBDALOAD_TEST_URL: ws.target.url });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('--workers 2 with --shard 1/2: not supported together');
    expect(ws.target.received).toBe(0);
  });
});
