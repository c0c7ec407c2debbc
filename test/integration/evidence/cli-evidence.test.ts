/**
 * `lambdaload run --evidence cloudwatch` as a user types it: the real CLI in a child process, on an emulator scenario
 * (the emulator the run starts serves CloudWatch), prints the server-side block and writes the evidence section; a
 * source that does not exist is refused before anything runs.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/result/types.js';
import { ensureBuilt, FIXTURES, runCli } from '../cli/helpers.js';

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

describe('lambdaload run --evidence cloudwatch', () => {
  it('prints the server-side block and writes the evidence section', async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'll-evidence-')), 'result.json');
    // The SDK's own notice about Node.js versions (printed once on Node 20) is not lambdaload's output.
    const ran = await runCli(['run', path.join(FIXTURES, 'emulator-hello.ts'), '--evidence', 'cloudwatch', '--quiet', '--out', out], {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    }, 90_000);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Server side (CloudWatch');
    const result = JSON.parse(await readFile(out, 'utf8')) as RunResult;
    expect(result.evidence?.complete).toBe(true);
    expect(result.evidence?.functions[0]?.invocations.value).toBe(result.emulator?.invocations);
  }, 120_000);

  it('refuses an evidence source that does not exist', async () => {
    const ran = await runCli(['run', path.join(FIXTURES, 'emulator-hello.ts'), '--evidence', 'xray', '--quiet']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/evidence.*cloudwatch/i);
  }, 60_000);
});
