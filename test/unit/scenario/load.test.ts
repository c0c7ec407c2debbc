import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaloadError } from '../../../src/errors.js';
import { loadScenario, pickScenarioExport } from '../../../src/scenario/load.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = path.join(root, 'test', 'fixtures', 'scenarios');
const shown = (name: string) => `test/fixtures/scenarios/${name}`;

/** The LambdaloadError a load throws (fails the test when it does not throw one). */
async function loadError(file: string, cwd = root): Promise<LambdaloadError> {
  const error = await loadScenario(file, { cwd }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LambdaloadError);
  return error as LambdaloadError;
}

describe('loadScenario: valid files', () => {
  it('loads a TypeScript scenario with every option, with its absolute path, folder and source', async () => {
    const loaded = await loadScenario(shown('full.ts'), { cwd: root });
    expect(loaded.file).toBe(path.join(fixtures, 'full.ts'));
    expect(loaded.dir).toBe(fixtures);
    expect(loaded.source).toContain("name: 'full'");
    expect(loaded.scenario.name).toBe('full');
    expect(loaded.scenario.target.type).toBe('emulator');
    expect(loaded.scenario.phases).toHaveLength(6);
    expect(loaded.scenario.thresholds).toHaveLength(6);
  });

  it('accepts a `scenario` named export when there is no default export', async () => {
    const loaded = await loadScenario(shown('url-named-export.ts'), { cwd: root });
    expect(loaded.scenario.name).toBe('deployed');
    expect(loaded.scenario.target).toMatchObject({ type: 'url', url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod' });
  });

  it('loads a plain JavaScript module with no import at all', async () => {
    const loaded = await loadScenario(shown('plain.mjs'), { cwd: root });
    expect(loaded.scenario.name).toBe('plain-js');
    expect(loaded.scenario.requests[0]).toMatchObject({ method: 'POST', body: 'ping' });
  });

  it('resolves a relative path from the given cwd, not the process cwd', async () => {
    const loaded = await loadScenario('full.ts', { cwd: fixtures });
    expect(loaded.file).toBe(path.join(fixtures, 'full.ts'));
  });
});

describe('loadScenario: errors a user can act on', () => {
  it('SCENARIO_NOT_FOUND names the absolute path and where relative paths start', async () => {
    const error = await loadError('test/fixtures/scenarios/missing.ts');
    expect(error.code).toBe('SCENARIO_NOT_FOUND');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(path.join(fixtures, 'missing.ts'));
    expect(error.hint).toContain(root.replace(/\/$/, ''));
  });

  it('SCENARIO_NOT_FOUND for a directory', async () => {
    const error = await loadError('test/fixtures/scenarios');
    expect(error.code).toBe('SCENARIO_NOT_FOUND');
    expect(error.message).toContain('is a directory');
  });

  it('SCENARIO_LOAD_FAILED for a module that throws while imported, naming the file, line and column', async () => {
    const error = await loadError(shown('throws.ts'));
    expect(error.code).toBe('SCENARIO_LOAD_FAILED');
    expect(error.exitCode).toBe(2);
    // The line and column come from the stack through the source map; vitest replaces Error.prepareStackTrace, so
    // here they are the compiled module's. The CLI test checks the exact throws.ts:5:9 in a real process.
    expect(error.message).toMatch(/^test\/fixtures\/scenarios\/throws\.ts:\d+:\d+: loading the scenario threw: /);
    expect(error.message).toContain('set AWS_REGION before running this scenario');
    expect(error.hint).toContain(shown('throws.ts'));
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('SCENARIO_INVALID when nothing is exported as the scenario, listing what is exported', async () => {
    const error = await loadError(shown('no-default.ts'));
    expect(error.code).toBe('SCENARIO_INVALID');
    expect(error.message).toBe(`${shown('no-default.ts')}: no scenario exported (it exports rate)`);
    expect(error.hint).toContain('export default defineScenario(');
  });

  it('SCENARIO_INVALID lists every problem at once, each with the file, line and key path', async () => {
    const error = await loadError(shown('invalid.ts'));
    expect(error.code).toBe('SCENARIO_INVALID');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`${shown('invalid.ts')}: 9 problems`);
    const expected: Array<[line: number, keyPath: string]> = [
      [10, 'target.functions.hello.memoryMb'],
      [10, 'target.functions.hello.timeout'],
      [12, 'target.routes[0].function'],
      // No `code`: the scenario's folder, which has no index.js (the file is checked in the same pass).
      [10, 'target.functions.hello.handler'],
      [15, 'phases[0].rampto'],
      [16, 'phases[1].rampTo'],
      [17, 'phases[2].spikeAt'],
      [19, 'requests[1]'],
      [20, 'thresholds[0].max'],
    ];
    expect(error.problems).toHaveLength(expected.length);
    expected.forEach(([line, keyPath], i) => {
      expect(error.problems[i]!.startsWith(`${shown('invalid.ts')}:${line} ${keyPath} `)).toBe(true);
    });
    expect(error.problems[3]).toContain('(looked for index.js, index.mjs, index.cjs)');
    expect(error.problems[4]).toContain('did you mean rampTo?');
  });
});

describe('loadScenario: files written by the test', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-load-'));
    await mkdir(path.join(dir, 'sub'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('SCENARIO_LOAD_FAILED for a syntax error, pointing at file:line:column', async () => {
    await writeFile(path.join(dir, 'broken.ts'), "export default {\n  name: 'x',\n  phases: [,\n};\n");
    const error = await loadError('broken.ts', dir);
    expect(error.code).toBe('SCENARIO_LOAD_FAILED');
    expect(error.message).toMatch(/^broken\.ts:\d+:\d+: /);
    expect(error.hint).toContain('could not be compiled');
  });

  it('SCENARIO_LOAD_FAILED for a file type that is not a module', async () => {
    await writeFile(path.join(dir, 'scenario.json'), '{}');
    const error = await loadError('scenario.json', dir);
    expect(error.code).toBe('SCENARIO_LOAD_FAILED');
    expect(error.message).toContain('.json is not a scenario file type');
  });

  it('SCENARIO_LOAD_FAILED when an imported module is missing, naming the scenario', async () => {
    await writeFile(path.join(dir, 'sub', 'imports-missing.mjs'), "import './not-there.mjs';\nexport default {};\n");
    const error = await loadError('sub/imports-missing.mjs', dir);
    expect(error.code).toBe('SCENARIO_LOAD_FAILED');
    expect(error.message).toContain('sub/imports-missing.mjs');
  });

  it('shows paths outside cwd as absolute', async () => {
    const error = await loadError(path.join(dir, 'broken.ts'), root);
    expect(error.message.startsWith(path.join(dir, 'broken.ts'))).toBe(true);
  });
});

describe('pickScenarioExport', () => {
  it('prefers the default export over `scenario`', () => {
    expect(pickScenarioExport({ default: { name: 'a' }, scenario: { name: 'b' } }).value).toEqual({ name: 'a' });
  });

  it('reads the exports of a file compiled to CommonJS one level down', () => {
    const namespace = { default: { __esModule: true, scenario: { name: 'cjs' }, other: 1 } };
    expect(pickScenarioExport(namespace)).toEqual({ value: { name: 'cjs' }, exportNames: ['scenario', 'other'] });
  });

  it('names the exports it found when there is no scenario', () => {
    expect(pickScenarioExport({ rate: 10, helper: () => 0 })).toEqual({ exportNames: ['rate', 'helper'] });
    expect(pickScenarioExport(undefined)).toEqual({ exportNames: [] });
  });
});
