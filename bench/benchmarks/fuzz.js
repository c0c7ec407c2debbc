/**
 * Hostile HTTP at the emulator, the long variant of test/integration/emulator-server/fuzz.test.ts (issue 18): for a
 * REST API and an HTTP API in turn, `lambdaload serve bench/scenarios/fuzz.ts` in its own process, and
 * bench/children/fuzz-client.ts (under tsx: it shares the test's generators and rules, test/support/hostile-http.ts)
 * sending half the requests each, 32 sockets at a time: malformed and oversized requests at the API Gateway front
 * (90%) and at the Runtime API of a live environment (10%). Checked: no answer breaks the rules, the server process
 * is still up, GET /hello answers 200, the fuzzed environment still serves (same process), and the server's
 * descriptors and runtime processes are back to their counts. The counts by outcome are in the raw results.
 *
 * The default is 100,000 requests in all; --quick sends 10,000.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import * as f from '../lib/format.js';
import { BENCH_DIR, LAMBDALOAD_BIN, LOG_DIR, ROOT } from '../lib/paths.js';
import { runCommand, startServer } from '../lib/processes.js';

export const name = 'fuzz';
const API_TYPES = ['rest', 'http'];
const SCENARIO = path.join(BENCH_DIR, 'scenarios', 'fuzz.ts');
const CLIENT = path.join(BENCH_DIR, 'children', 'fuzz-client.ts');
const SEED = 20_181;
const CONCURRENCY = 32;

function settings(opts) {
  return { requests: opts.quick ? 10_000 : 100_000 };
}

export function timeoutMs(opts) {
  // At a very slow 200 requests/s, plus start-ups and the settling checks.
  return (settings(opts).requests / 200) * 1_000 + API_TYPES.length * 120_000;
}

export async function run(opts, log) {
  const perApi = Math.ceil(settings(opts).requests / API_TYPES.length);
  const rows = [];
  const raw = { concurrency: CONCURRENCY };
  for (const api of API_TYPES) {
    const logFile = path.join(LOG_DIR, `fuzz-serve-${api}.log`);
    const server = await startServer(process.execPath, [LAMBDALOAD_BIN, 'serve', SCENARIO, '--port', '0'], {
      cwd: ROOT,
      env: { LAMBDALOAD_FUZZ_API: api },
      ready: /listening on (http:\/\/\S+)/,
      logFile,
      timeoutMs: 60_000,
      name: `lambdaload serve (fuzz ${api})`,
    });
    // Each API its own requests (the same seed would send the same ones twice); chunk seeds never overlap.
    const seed = SEED + API_TYPES.indexOf(api) * 10_000_000;
    let result;
    let alive;
    try {
      log(`fuzz ${api}: ${perApi} requests at ${server.match[1]} (server pid ${server.pid})`);
      const res = await runCommand(
        process.execPath,
        ['--import', 'tsx', CLIENT, '--url', server.match[1], '--api', api, '--server-pid', String(server.pid), '--requests', String(perApi), '--seed', String(seed), '--concurrency', String(CONCURRENCY)],
        { cwd: ROOT, timeoutMs: timeoutMs(opts) },
      );
      process.stderr.write(res.stderr);
      if (res.timedOut || res.code !== 0) throw new Error(`fuzz client (${api}) ${res.timedOut ? 'timed out' : `exited ${res.code}`}: ${res.stderr.slice(-500)}`);
      result = JSON.parse(res.stdout);
      alive = server.child.exitCode === null && server.child.signalCode === null;
    } finally {
      await server.stop();
    }
    // The emulator's own failures while serving (each answered 500) are in its log.
    const internalErrors = readFileSync(logFile, 'utf8').split('\n').filter((line) => line.includes('[lambdaload] gateway error')).length;
    const problems = result.gateway.problemCount + result.runtimeApi.problemCount;
    const h = result.health;
    const clean = problems === 0 && internalErrors === 0 && alive && h.helloAfter === 200 && h.sameEnvironment && h.fdsSettled && h.runtimesSettled;
    raw[api] = { ...result, alive, internalErrors };
    const rate = result.requests / (result.durationMs / 1000);
    rows.push({
      benchmark: `fuzz (${api === 'rest' ? 'REST API' : 'HTTP API'})`,
      measured:
        `${f.int(result.requests)} hostile requests in ${(result.durationMs / 1000).toFixed(0)} s (${f.int(rate)} req/s, ${CONCURRENCY} sockets): ` +
        `${f.int(result.gateway.requests)} at the API Gateway front, ${f.int(result.runtimeApi.requests)} at a live environment's Runtime API; ` +
        `answers: ${topOutcomes({ ...result.gateway.outcomes, ...runtimeApiLabels(result.runtimeApi.outcomes) })}`,
      lambdaload:
        `${problems} problems, ${internalErrors} internal errors; server ${alive ? 'up' : 'DOWN'}, GET /hello ${h.helloAfter}, environment ${h.sameEnvironment ? 'same' : 'replaced'}; ` +
        `descriptors ${h.before.fds} → ${h.after.fds}, runtime processes ${h.before.runtimes} → ${h.after.runtimes} (environments + spares ${h.after.environments + h.after.spares})`,
      target: '0 problems, up, nothing leaked',
      pass: clean,
    });
    log(`fuzz ${api}: ${clean ? 'clean' : 'PROBLEMS'}: ${rows.at(-1).lambdaload}`);
    for (const p of [...result.gateway.problems, ...result.runtimeApi.problems]) log(`  ${p.problem}\n    request: ${p.request}`);
  }
  return { rows, raw };
}

/** The Runtime API's outcomes told apart from the gateway's: `runtime API 404`, `runtime API wire 400`, … */
function runtimeApiLabels(counts) {
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [`runtime API ${k.replace(/^runtime-api /, '')}`, v]));
}

/** The most frequent outcomes, `label n`, the rest summed. */
function topOutcomes(counts, shown = 8) {
  const sorted = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const rest = sorted.slice(shown).reduce((sum, [, n]) => sum + n, 0);
  return `${sorted.slice(0, shown).map(([k, n]) => `${k} ${f.int(n)}`).join(', ')}${rest > 0 ? `, other ${f.int(rest)}` : ''}`;
}
