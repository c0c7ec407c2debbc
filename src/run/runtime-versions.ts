/**
 * The declared runtime against the local interpreter that ran it. The emulator cannot run Node.js 22 on a machine
 * with Node.js 20: a `nodejs22.x` function runs on the Node.js running lambdaload, a `python3.13` one on the local
 * `python3` (src/emulator/lambda/runtime-launch.ts). Language features, start-up time (the cold start) and memory then
 * follow the local version, so the result says so, with the figures, rather than letting the run pass for the
 * declared runtime. Pure.
 */
import type { FunctionRuntimeSummary, Warning } from '../result/types.js';

/** The version a runtime identifier names: `nodejs22.x` → `22`, `python3.13` → `3.13`; undefined for `provided.*`. */
export function declaredVersion(runtime: string): string | undefined {
  return /^nodejs(\d+)\.x$/.exec(runtime)?.[1] ?? /^python(\d+\.\d+)$/.exec(runtime)?.[1];
}

/** The local version cut to what the runtime names: Node's major (`20.20.2` → `20`), Python's major.minor. */
export function comparableLocalVersion(entry: FunctionRuntimeSummary): string | undefined {
  const parts = entry.localVersion?.split('.');
  if (!parts) return undefined;
  return entry.local === 'node' ? parts[0] : parts.slice(0, 2).join('.');
}

/** `RUNTIME_VERSION_MISMATCH` when any function ran on a local version other than the one it declares. */
export function runtimeVersionWarning(runtimes: readonly FunctionRuntimeSummary[]): Warning | undefined {
  const differing = runtimes.filter((r) => {
    const declared = declaredVersion(r.runtime);
    const local = comparableLocalVersion(r);
    return declared !== undefined && local !== undefined && declared !== local;
  });
  if (differing.length === 0) return undefined;
  const list = differing.map((r) => `${r.function} declares ${r.runtime} but ran on the local ${r.local} ${r.localVersion}`).join('; ');
  return {
    code: 'RUNTIME_VERSION_MISMATCH',
    message:
      `${list}. The emulator runs each function on the local interpreter (Node.js: the one running lambdaload; Python: ` +
      `python3 on PATH), so language features, start-up (cold starts) and memory follow its version, not the declared ` +
      `one. Run lambdaload with the declared version installed, or declare the runtime you have (README: What functions find).`,
  };
}
