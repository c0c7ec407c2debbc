/**
 * Scenario files outside the repository: the README's scenario in a temporary folder, run by the built CLI, with no
 * lambdaload installed there (the running one answers `import ... from 'lambdaload'`) and with a project's own copy
 * installed (that copy wins). Both module systems: a lone `.ts` is compiled to CommonJS, one below a
 * `"type": "module"` package.json stays ESM.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, readResult, ROOT, runCli } from './helpers.js';

const CLI_TIMEOUT_MS = 60_000;

/** The first TypeScript block of README.md's "Scenario files" section. */
async function readmeScenario(): Promise<string> {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Scenario files'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('README.md: no ```ts block in "Scenario files"');
  return block;
}

/** The README's scenario with a short, slow phase and thresholds a busy machine cannot fail. */
function loosened(template: string): string {
  const phases = /phases: \[[\s\S]*?\n  \],/;
  expect(template).toMatch(phases);
  expect(template).toContain("code: './functions/hello'");
  return template.replace(phases, "phases: [{ type: 'constant', duration: '1s', rate: 5 }],").replace(/maxMs: [\d_]+/g, 'maxMs: 60_000');
}

let dir: string;
let template: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-anywhere-'));
  template = loosened(await readmeScenario());
}, 150_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A folder with the README's scenario and its `./functions/hello`; `packageJson` makes it a project. */
async function project(name: string, scenario: string, packageJson?: object): Promise<string> {
  const folder = path.join(dir, name);
  await mkdir(path.join(folder, 'functions', 'hello'), { recursive: true });
  await writeFile(path.join(folder, 'functions', 'hello', 'index.mjs'), "export const handler = async () => ({ statusCode: 200, body: 'Hello from anywhere' });\n");
  await writeFile(path.join(folder, 'scenario.ts'), scenario);
  if (packageJson) await writeFile(path.join(folder, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  return folder;
}

/** A stand-in for a project's own lambdaload: its `defineScenario` renames the scenario, so the result shows which ran. */
async function installOwnCopy(folder: string): Promise<void> {
  const pkg = path.join(folder, 'node_modules', 'lambdaload');
  await mkdir(pkg, { recursive: true });
  await writeFile(path.join(pkg, 'package.json'), JSON.stringify({ name: 'lambdaload', type: 'module', exports: { '.': { import: './index.js', default: './index.js' } } }));
  await writeFile(path.join(pkg, 'index.js'), "export const defineScenario = (scenario) => ({ ...scenario, name: 'own-copy' });\n");
}

async function runIn(folder: string) {
  const out = path.join(folder, 'result.json');
  const ran = await runCli(['run', 'scenario.ts', '--quiet', '--out', out], {}, CLI_TIMEOUT_MS, folder);
  return { ran, out };
}

/** What a run that did not exit 0 says about itself: its output and the result's failed thresholds and warnings. */
async function why(ran: { code: number | null; stdout: string }, out: string): Promise<string> {
  if (ran.code === 0) return '';
  const result = await readResult(out).catch(() => undefined);
  const said = result && { status: result.statusCodes, thresholds: result.thresholds.filter((t) => !t.passed), warnings: result.warnings, emulator: result.emulator && { ...result.emulator, functions: undefined, totals: undefined } };
  return `exit ${ran.code}\n${ran.stdout.slice(-2000)}\n${JSON.stringify(said, null, 1)}`;
}

describe('a scenario file in a folder outside the repository', () => {
  it("runs the README's scenario with no lambdaload installed there (compiled to CommonJS): exit 0", async () => {
    const folder = await project('bare-cjs', template);
    const { ran, out } = await runIn(folder);
    expect(ran.stderr).toBe('');
    expect(ran.code, await why(ran, out)).toBe(0);
    const result = await readResult(out);
    expect(result.scenario.name).toBe('hello');
    expect(result.requests).toMatchObject({ completed: 5, errors: 0 });
    expect(result.statusCodes).toEqual({ '200': 5 });
  }, CLI_TIMEOUT_MS + 10_000);

  it('runs it as an ES module (below a "type": "module" package.json): exit 0', async () => {
    const folder = await project('bare-esm', template, { type: 'module' });
    const { ran, out } = await runIn(folder);
    expect(ran.stderr).toBe('');
    expect(ran.code, await why(ran, out)).toBe(0);
    expect((await readResult(out)).statusCodes).toEqual({ '200': 5 });
  }, CLI_TIMEOUT_MS + 10_000);

  it("imports a symbol from 'lambdaload/wrapper' as well", async () => {
    const withWrapper = template.replace(
      "import { defineScenario } from 'lambdaload';",
      "import { defineScenario } from 'lambdaload';\nimport { withStartHeader } from 'lambdaload/wrapper';\n\nif (typeof withStartHeader !== 'function') throw new Error('lambdaload/wrapper has no withStartHeader');",
    );
    expect(withWrapper).toContain('lambdaload/wrapper');
    const folder = await project('wrapper', withWrapper);
    const { ran, out } = await runIn(folder);
    expect(ran.stderr).toBe('');
    expect(ran.code, await why(ran, out)).toBe(0);
  }, CLI_TIMEOUT_MS + 10_000);

  for (const [format, packageJson] of [
    ['CommonJS', { name: 'own-cjs' }],
    ['ESM', { name: 'own-esm', type: 'module' }],
  ] as const) {
    it(`uses the project's own lambdaload when it installs one (${format})`, async () => {
      const folder = await project(`own-${format}`, template, packageJson);
      await installOwnCopy(folder);
      const { ran, out } = await runIn(folder);
      expect(ran.stderr).toBe('');
      expect(ran.code, await why(ran, out)).toBe(0);
      expect((await readResult(out)).scenario.name).toBe('own-copy');
    }, CLI_TIMEOUT_MS + 10_000);
  }
});
