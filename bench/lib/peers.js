/**
 * serverless@3 + serverless-offline@13, the emulator benchmark's reference. They live in bench/peers/ with their own
 * package.json and lock file (exact versions) and are installed by the bench on first use, so the project's own
 * install stays small and fast. bench/peers/serverless.yml serves scenarios/functions/hello/index.mjs on GET /hello
 * as a REST API route (`http` event, stage dev → /dev/hello) and an HTTP API route (`httpApi` → /hello).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LOG_DIR, PEERS_DIR } from './paths.js';
import { freePort, runCommand, startServer } from './processes.js';

const SERVERLESS_BIN = path.join(PEERS_DIR, 'node_modules', 'serverless', 'bin', 'serverless.js');
const INSTALL_TIMEOUT_MS = 300_000;

export function peersInstalled() {
  return existsSync(SERVERLESS_BIN) && existsSync(path.join(PEERS_DIR, 'node_modules', 'serverless-offline', 'package.json'));
}

/** Installs bench/peers from its lock file if needed. Resolves `{ ok: true }` or `{ ok: false, reason }`. */
export async function ensurePeers(log) {
  if (peersInstalled()) return { ok: true, installed: false };
  log('emulator: installing serverless + serverless-offline into bench/peers (first use: npm ci, about a minute)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = await runCommand(npm, ['ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--loglevel=error'], { timeoutMs: INSTALL_TIMEOUT_MS });
  if (res.timedOut) return { ok: false, reason: `npm ci in bench/peers timed out after ${INSTALL_TIMEOUT_MS / 1000} s` };
  if (res.code !== 0 || !peersInstalled()) {
    const last = (res.stderr || res.stdout || res.error || '').trim().split('\n').filter((l) => !/Unknown user config/.test(l)).slice(-3).join(' ');
    return { ok: false, reason: `npm ci in bench/peers failed (code ${res.code}): ${last.slice(0, 300)}` };
  }
  return { ok: true, installed: true };
}

/** `serverless offline start` with its defaults (worker threads per concurrent request), on free ports of 127.0.0.1. */
export async function startServerlessOffline() {
  const httpPort = await freePort();
  const lambdaPort = await freePort();
  const server = await startServer(process.execPath, [SERVERLESS_BIN, 'offline', 'start', '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort)], {
    cwd: PEERS_DIR,
    // No telemetry, no update notices: the bench runs offline and must not reach out.
    env: { SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', SLS_DEPRECATION_DISABLE: '*', SLS_INTERACTIVE_SETUP_DISABLE: '1' },
    ready: /Server ready: (http:\/\/\S+)/,
    logFile: path.join(LOG_DIR, 'serverless-offline.log'),
    timeoutMs: 60_000,
    name: 'serverless-offline',
  });
  // "Server ready" prints the host as configured; the routes are on 127.0.0.1 (custom.serverless-offline.host).
  return { ...server, url: `http://127.0.0.1:${httpPort}` };
}
