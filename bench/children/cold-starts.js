/**
 * Cold starts of the Node hello handler in the emulator's `real` mode (only the runtime process's own init, no
 * simulated delay), read from the `x-lambdaload-start: cold; init-ms=...` header of each response:
 *  - sequential: `count` fresh emulators, one request each (each is a first request: a cold start on a quiet machine);
 *  - burst: one fresh emulator, `burst` concurrent requests (each needs its own environment, so `burst` cold starts
 *    that share the CPU at once, as a traffic spike does).
 * Prints one JSON line. Usage: node bench/children/cold-starts.js <count> <burst>
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../dist/emulator/server.js';
import { loadScenario } from '../../dist/scenario/load.js';
import { parseStartHeader } from '../../dist/evidence/start-header.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const [countArg, burstArg] = process.argv.slice(2);
const count = Number(countArg);
const burst = Number(burstArg);

const loaded = await loadScenario(path.join(ROOT, 'scenarios', 'hello.ts'), { cwd: ROOT });
const target = { ...loaded.scenario.target, coldStartProfile: 'real' };

async function request(url) {
  const startedMs = performance.now();
  const res = await fetch(url);
  await res.text();
  const parsed = parseStartHeader(res.headers.get('x-lambdaload-start'));
  return { status: res.status, start: parsed?.start, initMs: parsed?.initMs, latencyMs: performance.now() - startedMs };
}

const sequential = [];
for (let i = 0; i < count; i++) {
  const emulator = await startEmulator(target, { scenarioDir: loaded.dir });
  try {
    sequential.push(await request(emulator.routes[0].url));
  } finally {
    await emulator.close();
  }
}

let concurrent = [];
if (burst > 0) {
  const emulator = await startEmulator(target, { scenarioDir: loaded.dir });
  try {
    concurrent = await Promise.all(Array.from({ length: burst }, () => request(emulator.routes[0].url)));
  } finally {
    await emulator.close();
  }
}
process.stdout.write(`${JSON.stringify({ sequential, concurrent })}\n`);
