/**
 * Loads a scenario file (`.ts`, `.mts`, `.cts`, `.js`, `.mjs`, `.cjs`) with no build step by the user: tsx's
 * `tsImport` strips the types with esbuild and imports the module, whether lambdaload itself runs from `src/`
 * (tsx, vitest) or as compiled JavaScript from `dist/`. Then the scenario is validated.
 *
 * `import { defineScenario } from 'lambdaload'` in a scenario resolves like any package import, from the scenario's
 * folder: the installed package in a user's project, or the package's own name inside this repository (Node's
 * self-reference through `exports`, once `dist/` is built). Where neither exists (a scenario in any other folder),
 * `preparePackageImports` resolves it to the running lambdaload.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LambdaloadError } from '../errors.js';
import { preparePackageImports } from './package-fallback.js';
import type { Scenario } from './types.js';
import { assertValidScenario, SCENARIO_EXAMPLE } from './validate.js';

export interface LoadedScenario {
  /** Absolute path of the scenario file. */
  file: string;
  /** Its folder. */
  dir: string;
  /** The validated scenario, as written (see `resolveScenario` for defaults). */
  scenario: Scenario;
  /** The file's text (for line numbers in later messages). */
  source: string;
}

export interface LoadScenarioOptions {
  /** Folder that relative paths start from, and that messages show paths relative to. Default `process.cwd()`. */
  cwd?: string;
}

export const SCENARIO_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

/** This package's root: `src/scenario/` and `dist/scenario/` are both two levels below it. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Imports the scenario file and validates its default export (or its `scenario` export).
 * Throws `SCENARIO_NOT_FOUND`, `SCENARIO_LOAD_FAILED` (syntax error, throw at import, missing import) or
 * `SCENARIO_INVALID` (no scenario exported, or every problem found in it).
 */
export async function loadScenario(file: string, options: LoadScenarioOptions = {}): Promise<LoadedScenario> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  const shown = displayPath(absolute, cwd);
  await assertScenarioFile(absolute, shown, cwd);
  const source = await readFile(absolute, 'utf8');

  let namespace: unknown;
  try {
    await preparePackageImports(absolute);
    const { tsImport } = await import('tsx/esm/api');
    namespace = await tsImport(pathToFileURL(absolute).href, import.meta.url);
  } catch (error) {
    throw loadFailure(error, shown, cwd);
  }

  const picked = pickScenarioExport(namespace);
  if (picked.value === undefined) {
    const found = picked.exportNames.length === 0 ? 'it exports nothing' : `it exports ${picked.exportNames.join(', ')}`;
    throw new LambdaloadError('SCENARIO_INVALID', `${shown}: no scenario exported (${found})`, {
      hint: `Export the scenario as the default export: ${SCENARIO_EXAMPLE}`,
    });
  }
  const scenario = assertValidScenario(picked.value, { file: shown, source, dir: path.dirname(absolute) });
  return { file: absolute, dir: path.dirname(absolute), scenario, source };
}

/**
 * The scenario among a module's exports: `default`, else `scenario`. A TypeScript file in a CommonJS project
 * (no `"type": "module"`) is compiled to CommonJS, and its exports arrive one level down, under `default`.
 */
export function pickScenarioExport(namespace: unknown): { value?: unknown; exportNames: string[] } {
  let exports = isObject(namespace) ? namespace : {};
  if (isObject(exports.default) && exports.default.__esModule === true) exports = exports.default;
  const exportNames = Object.keys(exports).filter((name) => name !== '__esModule');
  const value = exports.default !== undefined ? exports.default : exports.scenario;
  return value === undefined ? { exportNames } : { value, exportNames };
}

async function assertScenarioFile(absolute: string, shown: string, cwd: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(absolute)).isFile();
  } catch (error) {
    throw new LambdaloadError('SCENARIO_NOT_FOUND', `Scenario file not found: ${absolute}`, {
      hint: `Check the path (relative paths start from ${cwd}). A scenario is a .ts file such as scenarios/hello.ts.`,
      cause: error,
    });
  }
  if (!isFile) {
    throw new LambdaloadError('SCENARIO_NOT_FOUND', `Not a scenario file: ${shown} is a directory`, {
      hint: 'Give the path of the scenario file itself, e.g. scenarios/hello.ts.',
    });
  }
  const extension = path.extname(absolute);
  if (!(SCENARIO_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new LambdaloadError('SCENARIO_LOAD_FAILED', `Cannot load ${shown}: ${extension || 'no extension'} is not a scenario file type`, {
      hint: `Scenario files are TypeScript or JavaScript modules (${SCENARIO_EXTENSIONS.join(', ')}) with ${SCENARIO_EXAMPLE}.`,
    });
  }
}

/** Turns whatever the import threw into a `SCENARIO_LOAD_FAILED` that says where and why. */
function loadFailure(error: unknown, shown: string, cwd: string): LambdaloadError {
  const message = error instanceof Error ? error.message : String(error);
  const syntax = /^(.+?):(\d+):(\d+): ERROR: (.+)$/m.exec(message);
  if (syntax) {
    const where = `${displayPath(syntax[1], cwd)}:${syntax[2]}:${syntax[3]}`;
    return new LambdaloadError('SCENARIO_LOAD_FAILED', `${where}: ${syntax[4]}`, {
      hint: `${shown} could not be compiled; fix the syntax error at ${where}.`,
      cause: error,
    });
  }
  if (isMissingLambdaload(error, message)) {
    return new LambdaloadError('SCENARIO_LOAD_FAILED', `${shown}: cannot import 'lambdaload' (${firstLine(message)})`, {
      hint: 'lambdaload falls back to its own built files (dist/) when the scenario\'s project does not install it; build them first (npm run build).',
      cause: error,
    });
  }
  const location = error instanceof Error ? userFrame(error.stack, cwd) : undefined;
  const where = location ?? shown;
  return new LambdaloadError('SCENARIO_LOAD_FAILED', `${where}: loading the scenario threw: ${firstLine(message)}`, {
    hint: `Importing ${shown} runs its top-level code; the error above was thrown there${location ? '' : ' or in a module it imports'}.`,
    cause: error,
  });
}

function isMissingLambdaload(error: unknown, message: string): boolean {
  const code = isObject(error) ? error.code : undefined;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND' && code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') return false;
  return message.includes("'lambdaload'") || message.includes(path.join(PACKAGE_ROOT, 'dist'));
}

/**
 * `file:line:column` of the first stack frame in a file of the user's (not Node's, a dependency's or lambdaload's).
 * Frames of code compiled to CommonJS point into a `data:` URL whose lines are not the file's, so they are skipped.
 */
function userFrame(stack: string | undefined, cwd: string): string | undefined {
  for (const line of (stack ?? '').split('\n')) {
    const frame = /^\s*at (?:.*?\()?(.+?):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!frame) continue;
    let location = frame[1];
    if (location.startsWith('file://')) location = fileURLToPath(location.replace(/\?.*$/, ''));
    else location = location.replace(/\?.*$/, '');
    if (!path.isAbsolute(location) || location.includes(`${path.sep}node_modules${path.sep}`) || isOwnCode(location)) continue;
    return `${displayPath(location, cwd)}:${frame[2]}:${frame[3]}`;
  }
  return undefined;
}

/** lambdaload's own modules (its import hooks sit on the stack of every `require` in a scenario). */
function isOwnCode(file: string): boolean {
  return ['src', 'dist'].some((dir) => file.startsWith(path.join(PACKAGE_ROOT, dir) + path.sep));
}

/** A path relative to `cwd` when it is below it, else absolute. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}
