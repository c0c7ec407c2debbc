/**
 * `lambdaload init` as a user runs it: the starter in an empty folder outside the repository runs as it stands
 * (both functions answer through the emulator), and init never overwrites.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, readResult, runCli } from './helpers.js';

const CLI_TIMEOUT_MS = 60_000;

let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-init-'));
}, 150_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('lambdaload init', () => {
  it('writes a starter into an empty folder that `lambdaload run scenario.ts` runs with exit 0, both routes answering 200', async () => {
    const folder = await mkdtemp(path.join(dir, 'empty-'));
    const init = await runCli(['init'], {}, CLI_TIMEOUT_MS, folder);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    for (const file of ['scenario.ts', 'functions/hello-node/index.mjs', 'functions/hello-python/app.py', 'package.json', 'tsconfig.json', 'README.md']) {
      expect(init.stdout).toContain(`  ${file}\n`);
    }
    expect(init.stdout).toContain('next: npx lambdaload run scenario.ts');

    const out = path.join(folder, 'result.json');
    const ran = await runCli(['run', 'scenario.ts', '--quiet', '--out', out], {}, CLI_TIMEOUT_MS, folder);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    expect(result.requests.errors).toBe(0);
    expect(Object.keys(result.statusCodes)).toEqual(['200']);
    expect(result.scenario.requests.map((r) => r.path)).toEqual(['/node', '/python']);
    // Each request's `expect` checks the status and the function's own greeting, so a count here is a 200 from it.
    expect(result.latency.byRequest.node!.all.count).toBeGreaterThan(0);
    expect(result.latency.byRequest.python!.all.count).toBeGreaterThan(0);
    expect(result.emulator!.functions.map((f) => [f.name, f.invocations > 0, f.functionErrors])).toEqual([
      ['helloNode', true, 0],
      ['helloPython', true, 0],
    ]);
    expect(result.thresholds.every((t) => t.passed)).toBe(true);
  }, 2 * CLI_TIMEOUT_MS + 10_000);

  it('creates the named folder, with package.json asking for the running version', async () => {
    const init = await runCli(['init', 'My Load Test'], {}, CLI_TIMEOUT_MS, dir);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('next: cd "My Load Test" && npx lambdaload run scenario.ts');
    const pkg = JSON.parse(await readFile(path.join(dir, 'My Load Test', 'package.json'), 'utf8')) as Record<string, unknown>;
    const own = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(pkg).toMatchObject({ name: 'my-load-test', devDependencies: { lambdaload: `^${own.version}` } });
    expect(await readFile(path.join(dir, 'My Load Test', 'README.md'), 'utf8')).not.toContain('{{');
  }, CLI_TIMEOUT_MS + 10_000);

  it('refuses to overwrite: exit 2, every existing file listed, nothing written', async () => {
    const folder = await mkdtemp(path.join(dir, 'taken-'));
    await writeFile(path.join(folder, 'scenario.ts'), '// mine\n');
    await mkdir(path.join(folder, 'functions', 'hello-python'), { recursive: true });
    await writeFile(path.join(folder, 'functions', 'hello-python', 'app.py'), '# mine\n');
    const init = await runCli(['init', folder], {}, CLI_TIMEOUT_MS, dir);
    expect(init.code).toBe(2);
    expect(init.stdout).toBe('');
    expect(init.stderr).toContain(`✗ ${folder}: 2 of the starter's files already exist; lambdaload init never overwrites`);
    expect(init.stderr).toContain('  - functions/hello-python/app.py\n  - scenario.ts\n');
    expect(init.stderr).toContain('hint: Run it in an empty or new folder');
    expect(await readFile(path.join(folder, 'scenario.ts'), 'utf8')).toBe('// mine\n');
    expect((await readdir(folder)).sort()).toEqual(['functions', 'scenario.ts']);
    expect(await readdir(path.join(folder, 'functions'))).toEqual(['hello-python']);
  }, CLI_TIMEOUT_MS + 10_000);
});
