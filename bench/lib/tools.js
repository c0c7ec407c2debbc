/**
 * The tools under comparison, each run as its own CLI process exactly as a user runs it: `lambdaload run` (with a
 * scenario built here and passed through the environment) and the autocannon CLI pinned in the root package.
 */
import path from 'node:path';
import { BENCH_DIR, LAMBDALOAD_BIN, RESULTS_DIR, ROOT } from './paths.js';
import { runCommand } from './processes.js';

const AUTOCANNON_BIN = path.join(ROOT, 'node_modules', '.bin', 'autocannon');
const FROM_ENV_SCENARIO = path.join(BENCH_DIR, 'scenarios', 'from-env.ts');
/** Result files of `lambdaload run` go here, not into the project's reports/ (bench/run.js empties it first). */
export const RUNS_DIR = path.join(RESULTS_DIR, 'runs');

/** Node's own flags are not passed on, so a child runs as a user's would. */
const NODE = process.execPath;

function parseJson(result, tool) {
  if (result.timedOut) throw new Error(`${tool} timed out after ${Math.round(result.wallMs)} ms`);
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`${tool} exited with code ${result.code} without a JSON result: ${(result.stderr || result.stdout).slice(-1_500)}`);
  }
}

/**
 * `lambdaload run <scenario> --quiet --json` for a URL target. `phases` as in a scenario; returns the RunResult
 * plus `cpuSeconds` (user+sys of the lambdaload process and of the children it waited for: `--workers`' workers)
 * and `wallMs`. `args`: more flags of `run` (e.g. `['--workers', '2']`).
 */
export async function runLambdaload({ url, phases, http, requests = [{ path: '/' }], timeoutMs, cpu, name = 'bench', args = [] }) {
  const scenario = { name, target: { type: 'url', url }, phases, requests, ...(http ? { http } : {}) };
  const result = await runCommand(NODE, [LAMBDALOAD_BIN, 'run', FROM_ENV_SCENARIO, '--quiet', '--json', '--reports-dir', RUNS_DIR, ...args], {
    cwd: ROOT,
    env: { LAMBDALOAD_BENCH_SCENARIO: JSON.stringify(scenario) },
    timeoutMs,
    cpu,
    cpuTimes: true,
  });
  const json = parseJson(result, 'lambdaload run');
  return { result: json, cpuSeconds: result.cpuSeconds, wallMs: result.wallMs };
}

/**
 * The autocannon CLI with `--json`. `args` are its flags (e.g. ['-c', '50', '-d', '5']). Returns autocannon's
 * result plus `rps` (requests completed / duration), `cpuSeconds` and `wallMs`.
 */
export async function runAutocannon({ url, args, timeoutMs, cpu }) {
  const result = await runCommand(NODE, [AUTOCANNON_BIN, ...args, '--json', '--no-progress', url], { cwd: ROOT, timeoutMs, cpu, cpuTimes: true });
  const json = parseJson(result, 'autocannon');
  // `requests.average` is the mean of per-second counts; total / duration also counts a last partial second.
  const rps = json.requests.total / json.duration;
  return { result: json, rps, cpuSeconds: result.cpuSeconds, wallMs: result.wallMs };
}

/** A constant-rate phase as a scenario writes it. */
export function constantPhase(rate, durationMs, name = 'constant') {
  return { name, type: 'constant', duration: durationMs, rate };
}

/** A closed-model phase as a scenario writes it. */
export function closedPhase(connections, durationMs, name = 'closed') {
  return { name, type: 'closed', duration: durationMs, connections };
}
