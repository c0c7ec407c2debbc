/** The bench's own target servers, each started in its own process (optionally pinned to a CPU). */
import path from 'node:path';
import { BENCH_DIR, LOG_DIR } from './paths.js';
import { startServer } from './processes.js';

const LISTENING = /listening on (http:\/\/\S+)/;

async function startNodeServer(script, args, { cpu, name }) {
  const server = await startServer(process.execPath, [path.join(BENCH_DIR, 'servers', script), ...args], {
    ready: LISTENING,
    logFile: path.join(LOG_DIR, `${name}.log`),
    cpu,
    name,
    timeoutMs: 10_000,
  });
  return { ...server, url: server.match[1] };
}

/** node:http answering "ok" (the reference figures' trivial server). */
export function startOkServer({ cpu, name = 'ok-server' } = {}) {
  return startNodeServer('ok-server.js', [], { cpu, name });
}

/** The server that holds every request for `stallMs` at the start of each `periodMs` cycle. */
export function startStallServer({ periodMs, stallMs, name = 'stall-server' }) {
  return startNodeServer('stall-server.js', [String(periodMs), String(stallMs)], { name });
}
