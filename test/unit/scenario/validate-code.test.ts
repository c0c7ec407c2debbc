import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFunctionFiles, type FileView } from '../../../src/scenario/validate-code.js';
import type { Problem } from '../../../src/scenario/rules.js';

const DIR = path.resolve('/scenarios');

/** A file system of `files` (paths relative to DIR; a trailing `/` makes a folder; `*` an executable file). */
function view(files: string[]): FileView {
  const entries = new Map<string, 'file' | 'dir' | 'exec'>();
  for (const f of files) {
    const kind = f.endsWith('/') ? 'dir' : f.endsWith('*') ? 'exec' : 'file';
    const full = path.resolve(DIR, f.replace(/[/*]$/, ''));
    entries.set(full, kind);
    for (let d = path.dirname(full); !entries.has(d); d = path.dirname(d)) entries.set(d, 'dir');
  }
  return {
    kindOf: (p) => {
      const k = entries.get(p);
      return k === undefined ? undefined : k === 'dir' ? 'dir' : 'file';
    },
    isExecutable: (p) => entries.get(p) === 'exec',
    namesIn: (d) => [...entries.keys()].filter((p) => path.dirname(p) === d && p !== d).map((p) => path.basename(p)),
  };
}

function check(functions: Record<string, unknown>, files: string[]): Problem[] {
  const out: Problem[] = [];
  checkFunctionFiles({ type: 'emulator', functions }, DIR, out, view(files));
  return out;
}

describe('checkFunctionFiles', () => {
  it.each([
    ['Node .js', { code: './fn', handler: 'index.handler' }, ['fn/index.js']],
    ['Node .mjs', { code: './fn', handler: 'index.handler', runtime: 'nodejs24.x' }, ['fn/index.mjs']],
    ['Node .cjs in a subfolder', { code: 'fn', handler: 'src/app.handler' }, ['fn/src/app.cjs']],
    ['Node handler as a package in node_modules up the tree', { code: './fn', handler: 'my-handler.handler' }, ['fn/x.js', 'node_modules/my-handler/']],
    ['Node, default code folder (the scenario folder)', { handler: 'index.handler' }, ['index.js']],
    ['Python module', { code: './py', handler: 'app.handler', runtime: 'python3.12' }, ['py/app.py']],
    ['Python dotted module path', { code: './py', handler: 'pkg.app.handler', runtime: 'python3.12' }, ['py/pkg/app.py']],
    ['Python package', { code: './py', handler: 'app.handler', runtime: 'python3.12' }, ['py/app/__init__.py']],
    ['Python compiled module', { code: './py', handler: 'fast.handler', runtime: 'python3.12' }, ['py/fast.cpython-312-x86_64-linux-gnu.so']],
    ['provided with an executable bootstrap', { code: './rs', handler: 'ignored', runtime: 'provided.al2023' }, ['rs/bootstrap*']],
  ])('accepts %s', (_name, spec, files) => {
    expect(check({ fn: spec }, files)).toEqual([]);
  });

  it.each([
    ['a missing code folder', { code: './nope', handler: 'index.handler' }, ['fn/index.js'], 'target.functions.fn.code', '"./nope" does not exist'],
    ['a code path that is a file', { code: './fn/index.js', handler: 'index.handler' }, ['fn/index.js'], 'target.functions.fn.code', 'is a file, not a folder'],
    ['a missing Node handler file', { code: './fn', handler: 'main.handler' }, ['fn/index.js'], 'target.functions.fn.handler', '(looked for main.js, main.mjs, main.cjs)'],
    ['a missing Python module', { code: './py', handler: 'app.handler', runtime: 'python3.13' }, ['py/main.py'], 'target.functions.fn.handler', '(looked for app.py)'],
    ['a Python file in the wrong folder', { code: './py', handler: 'pkg.app.handler', runtime: 'python3.11' }, ['py/app.py'], 'target.functions.fn.handler', '(looked for pkg/app.py)'],
    ['provided without bootstrap', { code: './rs', handler: 'x', runtime: 'provided.al2' }, ['rs/main'], 'target.functions.fn.runtime', "an executable file named 'bootstrap'"],
    ['provided with a bootstrap that is not executable', { code: './rs', handler: 'x', runtime: 'provided.al2023' }, ['rs/bootstrap'], 'target.functions.fn.runtime', 'chmod +x'],
  ])('reports %s at its key path', (_name, spec, files, at, message) => {
    const problems = check({ fn: spec }, files);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe(at);
    expect(problems[0]!.message).toContain(message);
  });

  it('reports every function at once, and a default code folder at the function itself', () => {
    const problems = check({ a: { code: './a', handler: 'index.handler' }, b: { handler: 'index.handler' } }, ['c/index.js']);
    expect(problems.map((p) => p.path)).toEqual(['target.functions.a.code', 'target.functions.b.handler']);
  });

  it('leaves malformed specs to the shape checks, and other targets alone', () => {
    expect(check({ fn: { code: 42, handler: 'index.handler' }, g: 'nope', h: { code: './x', handler: 7 } }, ['x/'])).toEqual([]);
    const out: Problem[] = [];
    checkFunctionFiles({ type: 'url', url: 'https://example.com' }, DIR, out, view([]));
    expect(out).toEqual([]);
  });
});
