/**
 * Checks that each emulator function's code is where the scenario says, before any traffic: the `code` folder
 * exists, and the file its runtime would load for `handler` is in it (`index.handler` → `index.js`, `.mjs` or
 * `.cjs` for Node, `index.py` for Python; an executable `bootstrap` for `provided.*`). Without this check a missing
 * file shows up only as a run of 502s.
 *
 * Only missing files are problems. Whether the file exports the handler is left to the run: a text search would
 * miss re-exports, `module.exports = require(...)`, decorators and generated code, and a wrong verdict would block a
 * working scenario; a missing export fails the run with `Runtime.HandlerNotFound`, shown in its error table.
 *
 * The rules are pure over a `FileView`; `nodeFileView` is the file system edge.
 */
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { FUNCTION_DEFAULTS } from '../facts/defaults.js';
import { joinPath } from './key-path.js';
import { addProblem, isRecord, type Problem } from './rules.js';

/** What the check needs to know about the file system. */
export interface FileView {
  /** `file`, `dir`, or undefined when nothing is there. */
  kindOf(absolutePath: string): 'file' | 'dir' | undefined;
  isExecutable(absolutePath: string): boolean;
  /** Names in a folder (empty when it is not one). */
  namesIn(absoluteDir: string): string[];
}

export const nodeFileView: FileView = {
  kindOf(absolutePath) {
    const stats = statSync(absolutePath, { throwIfNoEntry: false });
    return stats === undefined ? undefined : stats.isDirectory() ? 'dir' : 'file';
  },
  isExecutable(absolutePath) {
    try {
      accessSync(absolutePath, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  namesIn(absoluteDir) {
    try {
      return readdirSync(absoluteDir);
    } catch {
      return [];
    }
  },
};

/** The extensions the Node runtime tries after the bare name, in its order (runtimes/node/bootstrap.mjs). */
const NODE_EXTENSIONS = ['.js', '.mjs', '.cjs'] as const;

/**
 * Checks the files of `target` (an emulator target; anything else is skipped) against the scenario's folder `dir`.
 * Functions whose `code`, `handler` or `runtime` are malformed are skipped: the shape checks report those.
 */
export function checkFunctionFiles(target: unknown, dir: string, out: Problem[], files: FileView = nodeFileView): void {
  if (!isRecord(target) || target.type !== 'emulator' || !isRecord(target.functions)) return;
  for (const [name, spec] of Object.entries(target.functions)) {
    if (!isRecord(spec)) continue;
    const at = joinPath('target.functions', name);
    const code = spec.code === undefined ? '.' : spec.code;
    const runtime = spec.runtime === undefined ? FUNCTION_DEFAULTS.runtime.value : spec.runtime;
    if (typeof code !== 'string' || code === '' || typeof runtime !== 'string') continue;
    const codeDir = path.resolve(dir, code);
    if (files.kindOf(codeDir) !== 'dir') {
      const where = spec.code === undefined ? at : `${at}.code`;
      const what = files.kindOf(codeDir) === 'file' ? 'is a file, not a folder' : 'does not exist';
      addProblem(out, where, `${JSON.stringify(code)} ${what} (relative paths start at the scenario's folder); it must be the folder with the function's code`);
      continue;
    }
    if (runtime.startsWith('provided')) checkBootstrap(codeDir, code, at, out, files);
    else if (typeof spec.handler === 'string') checkHandlerFile(spec.handler, runtime, codeDir, code, at, out, files);
  }
}

function checkBootstrap(codeDir: string, code: string, at: string, out: Problem[], files: FileView): void {
  const bootstrap = path.join(codeDir, 'bootstrap');
  const kind = files.kindOf(bootstrap);
  if (kind !== 'file') {
    addProblem(out, `${at}.runtime`, `needs an executable file named 'bootstrap' in ${JSON.stringify(code)}, and there is none (your compiled binary or script, e.g. cargo lambda's output)`);
  } else if (!files.isExecutable(bootstrap)) {
    addProblem(out, `${at}.runtime`, `needs ${JSON.stringify(`${code}/bootstrap`)} to be executable (chmod +x)`);
  }
}

function checkHandlerFile(handler: string, runtime: string, codeDir: string, code: string, at: string, out: Problem[], files: FileView): void {
  if (runtime.startsWith('nodejs')) {
    // `dir/index.handler` → module root `dir/`, module `index` (up to the first dot of the last segment).
    const base = handler.slice(0, handler.length - path.posix.basename(handler).length);
    const match = /^([^.]*)\./.exec(path.posix.basename(handler));
    if (!match || match[1] === '') return;
    const moduleName = match[1];
    const stem = path.resolve(codeDir, base, moduleName);
    const candidates = [stem, ...NODE_EXTENSIONS.map((ext) => stem + ext)];
    if (candidates.some((file) => files.kindOf(file) === 'file')) return;
    // Last, the runtime resolves the name as a package from the code folder up (node_modules).
    if (base === '' && inNodeModules(moduleName, codeDir, files)) return;
    const tried = NODE_EXTENSIONS.map((ext) => `${base}${moduleName}${ext}`).join(', ');
    addProblem(out, `${at}.handler`, `${JSON.stringify(handler)} names a file that is not in ${JSON.stringify(code)} (looked for ${tried}); fix the handler ('file.export') or the code folder`);
  } else if (runtime.startsWith('python')) {
    // `pkg/app.handler` or `pkg.app.handler` → module `pkg.app`: pkg/app.py, a package pkg/app/, or anything
    // Python may import as pkg/app (`.pyc`, `app.cpython-312-x86_64-linux-gnu.so`).
    const dot = handler.lastIndexOf('.');
    if (dot <= 0) return;
    const modulePath = handler.slice(0, dot).replace(/\//g, '.').split('.').join('/');
    const stem = path.resolve(codeDir, modulePath);
    const last = path.basename(stem);
    if (files.namesIn(path.dirname(stem)).some((n) => n === last || n.startsWith(`${last}.`))) return;
    addProblem(out, `${at}.handler`, `${JSON.stringify(handler)} names a module that is not in ${JSON.stringify(code)} (looked for ${modulePath}.py); fix the handler ('module.function') or the code folder`);
  }
}

function inNodeModules(moduleName: string, from: string, files: FileView): boolean {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (files.kindOf(path.join(dir, 'node_modules', moduleName)) !== undefined) return true;
    if (path.dirname(dir) === dir) return false;
  }
}
