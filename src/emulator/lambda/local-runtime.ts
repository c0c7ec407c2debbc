/**
 * The local interpreter that actually runs a function, against the runtime it declares. The emulator runs a
 * `nodejs22.x` function on the Node.js running lambdaload and a `python3.13` function on the local `python3`,
 * whatever their versions (runtime-launch.ts): the run's result records which, and warns when they differ
 * (src/run/runtime-versions.ts).
 */
import { execFile } from 'node:child_process';
import type { FunctionConfig } from './types.js';
import { runtimeKind } from './runtime-launch.js';

/** What ran one function. */
export interface LocalRuntime {
  function: string;
  /** Declared, e.g. `nodejs22.x`, `python3.13`, `provided.al2023`. */
  runtime: string;
  /** The local program: `node`, `python3`, or the function's own `bootstrap`. */
  local: 'node' | 'python3' | 'bootstrap';
  /** Its version, e.g. `20.20.2`; absent for a custom runtime's bootstrap, or when Python could not be asked. */
  localVersion?: string;
}

export interface LocalPython {
  /** Absolute path of the interpreter (`python3` when it could not be asked). */
  path: string;
  /** `major.minor.micro`, when it could be asked. */
  version?: string;
}

/**
 * Asks `python3` (from `cwd`, so a pyenv `.python-version` there applies) for its real executable and version: a
 * pyenv shim costs ~100 ms per start, the binary behind it does not.
 */
export function probeLocalPython(cwd: string): Promise<LocalPython> {
  return new Promise((resolve) => {
    const script = "import sys; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])";
    execFile('python3', ['-c', script], { cwd, timeout: 10_000 }, (error, stdout) => {
      const [executable, version] = stdout.trim().split('\n').map((line) => line.trim());
      if (error || !executable) return resolve({ path: 'python3' });
      resolve(version ? { path: executable, version } : { path: executable });
    });
  });
}

export function localRuntimeOf(fn: FunctionConfig, python: LocalPython | undefined): LocalRuntime {
  const kind = runtimeKind(fn.runtime);
  if (kind === 'node') return { function: fn.name, runtime: fn.runtime, local: 'node', localVersion: process.versions.node };
  if (kind === 'python') {
    const entry: LocalRuntime = { function: fn.name, runtime: fn.runtime, local: 'python3' };
    if (python?.version) entry.localVersion = python.version;
    return entry;
  }
  return { function: fn.name, runtime: fn.runtime, local: 'bootstrap' };
}

/** The INIT_START line's runtime version, e.g. `python3.13 (local python3 3.11.7)`. */
export function formatRuntimeVersion(local: LocalRuntime): string {
  if (local.local === 'bootstrap') return `${local.runtime} (local bootstrap)`;
  return `${local.runtime} (local ${local.local}${local.localVersion ? ` ${local.localVersion}` : ''})`;
}
