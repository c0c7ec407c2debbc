/**
 * `import { defineScenario } from 'lambdaload'` (and `lambdaload/wrapper`) in a scenario file anywhere: in a folder
 * with no lambdaload installed it resolves to the lambdaload that is running, so `npx lambdaload run ~/tmp/try.ts`
 * works; a project that installs its own lambdaload gets that copy, because the fallback only answers when normal
 * resolution finds no package.
 *
 * A scenario reaches `lambdaload` through one of two module systems, and each needs its own hook:
 * - ESM (`.mts`, or a `.ts` below a `"type": "module"` package.json): Node's public `module.register` resolve hook
 *   (`package-fallback-hooks.ts`), chained behind tsx's own hooks, resolves to the built `dist/` file.
 * - CommonJS (a `.ts` anywhere else, the usual case for a lone file or an `npm init` project: tsx compiles its
 *   imports to `require` calls). On Node 20, `require` never reaches `module.register` hooks, so `Module._load` is
 *   wrapped (the seam require-mocking libraries use) and returns an ES module namespace that Node itself imported.
 *   Letting `require` load lambdaload's files instead would have tsx compile a second, CommonJS copy of lambdaload and
 *   of its dependencies, and undici throws when a copy of it is loaded beside the one already running.
 */
import { existsSync } from 'node:fs';
import Module, { createRequire, register } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PackageFallbackData } from './package-fallback-hooks.js';

/** This package's root: `src/scenario/` and `dist/scenario/` are both two levels below it. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The package's public entries (package.json `exports`) and the built file each resolves to. */
export const PACKAGE_ENTRIES = {
  lambdaload: 'dist/index.js',
  'lambdaload/wrapper': 'dist/wrapper/index.js',
} as const;

/** Always the compiled hooks: Node's loader thread cannot run TypeScript, even when this file runs from `src/`. */
const HOOKS_FILE = path.join(PACKAGE_ROOT, 'dist', 'scenario', 'package-fallback-hooks.js');

interface ModuleInternals {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
  _resolveFilename(request: string, parent: unknown, isMain: boolean): string;
}

/** Absolute file → its namespace, imported by Node's ESM loader: the running package's and any project's own. */
const namespaces = new Map<string, unknown>();
/** Specifier → the running package's file. */
const ownFiles = new Map<string, string>();
let installed = false;

/**
 * Makes `lambdaload` importable from `scenarioFile` in both module systems: installs the hooks (once per process) and
 * imports the copy the scenario's own folder resolves to, if any, so that `require` can hand it over.
 * Does nothing when `dist/` is not built (running from source before `npm run build`): there is nothing to fall back
 * to, and a missing import is reported as before. Resolves to whether the fallback is active.
 */
export async function preparePackageImports(scenarioFile: string): Promise<boolean> {
  if (!existsSync(HOOKS_FILE)) return false;
  if (!installed) {
    for (const [specifier, file] of Object.entries(PACKAGE_ENTRIES)) ownFiles.set(specifier, path.join(PACKAGE_ROOT, file));
    const data: PackageFallbackData = {
      targets: Object.fromEntries([...ownFiles].map(([specifier, file]) => [specifier, pathToFileURL(file).href])),
    };
    register(pathToFileURL(HOOKS_FILE), { data });
    installCommonJsHook();
    installed = true;
  }
  const files = [...ownFiles.values()];
  const fromScenario = createRequire(scenarioFile);
  for (const specifier of ownFiles.keys()) {
    try {
      files.push(fromScenario.resolve(specifier));
    } catch {
      // Not installed there (the fallback answers), or a copy that `require` cannot resolve: its import reports it.
    }
  }
  for (const file of files) {
    if (!namespaces.has(file)) namespaces.set(file, await import(pathToFileURL(file).href));
  }
  return true;
}

function installCommonJsHook(): void {
  const cjs = Module as unknown as ModuleInternals;
  // Node's own resolver, before tsx wraps it: tsx's wrapper would tag the file name with its namespace query.
  const resolveFilename = cjs._resolveFilename;
  const previousLoad = cjs._load;
  cjs._load = function loadLambdaload(this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    const own = ownFiles.get(request);
    if (own !== undefined) {
      let file = own;
      try {
        file = resolveFilename.call(Module, request, parent, isMain);
      } catch (error) {
        // Only "no such package" falls back; anything else (a broken install) is left for `require` to report.
        if ((error as { code?: unknown } | null)?.code !== 'MODULE_NOT_FOUND') file = '';
      }
      if (namespaces.has(file)) return namespaces.get(file);
    }
    return previousLoad.call(this, request, parent, isMain);
  };
}
