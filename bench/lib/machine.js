/** The machine note printed under the table: figures mean something only with the machine and versions beside them. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PEERS_DIR, ROOT } from './paths.js';

function versionOf(packageJson) {
  try {
    return JSON.parse(readFileSync(packageJson, 'utf8')).version;
  } catch {
    return undefined;
  }
}

export function machineInfo() {
  const cpus = os.cpus();
  const peers = JSON.parse(readFileSync(path.join(PEERS_DIR, 'package.json'), 'utf8')).devDependencies;
  const installed = (name) => versionOf(path.join(PEERS_DIR, 'node_modules', name, 'package.json'));
  return {
    date: new Date().toISOString(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage1m: os.loadavg()[0],
    lambdaload: versionOf(path.join(ROOT, 'package.json')),
    autocannon: versionOf(path.join(ROOT, 'node_modules', 'autocannon', 'package.json')),
    serverless: installed('serverless') ?? `${peers.serverless} (not installed yet)`,
    serverlessOffline: installed('serverless-offline') ?? `${peers['serverless-offline']} (not installed yet)`,
    peersInstalled: existsSync(path.join(PEERS_DIR, 'node_modules', 'serverless-offline')),
  };
}

export function renderMachineNote(m) {
  return [
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.kernel}; Node ${m.node}; 1-min load average ${m.loadAverage1m.toFixed(2)} at start, ${m.loadAverageAtEnd1m?.toFixed(2) ?? '?'} at the end.`,
    `Versions: lambdaload ${m.lambdaload}, autocannon ${m.autocannon}, serverless ${m.serverless} + serverless-offline ${m.serverlessOffline}. Date ${m.date}.`,
    `CPU calibration (SHA-256 of 64 MB on one core): ${m.calibrationStartMs?.toFixed(0) ?? '?'} ms before the bench, ${m.calibrationEndMs?.toFixed(0) ?? '?'} ms after (lower is faster; it varies with the host's load, which the VM cannot see).`,
    'Generator and servers share the machine, loopback only (127.0.0.1); every figure is from this run, so compare ratios, not absolute numbers, between runs or machines.',
  ].join('\n');
}

/** Busy CPU seconds of the whole machine so far (/proc/stat: everything but idle and iowait). */
function machineBusySeconds() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return (user + nice + system + irq + softirq + steal) / 100;
}

/**
 * A snapshot for telling how much of the machine other processes took while the bench ran: the machine's busy
 * CPU seconds and the bench's own (this process, its live descendants, and the descendants it has reaped).
 */
export function cpuSnapshot(treeCpuSeconds) {
  return { atMs: performance.now(), busyS: machineBusySeconds(), oursS: treeCpuSeconds(process.pid) };
}

/** CPU seconds used by processes outside the bench between two snapshots, and their share of the machine. */
export function foreignCpu(before, after) {
  const wallS = (after.atMs - before.atMs) / 1000;
  const foreignS = Math.max(0, after.busyS - before.busyS - (after.oursS - before.oursS));
  return { foreignCpuSeconds: foreignS, foreignShare: wallS > 0 ? foreignS / (wallS * os.cpus().length) : 0 };
}

/**
 * Connections the kernel dropped because a listening socket's accept queue was full (TcpExt ListenOverflows, whole
 * machine). Each one is a SYN retried about 1 s later: latency that belongs to the server's backlog, not to its work.
 */
export function listenOverflows() {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    const header = lines.findIndex((l) => l.startsWith('TcpExt:'));
    const names = lines[header].split(/\s+/);
    const values = lines[header + 1].split(/\s+/);
    return Number(values[names.indexOf('ListenOverflows')]);
  } catch {
    return NaN;
  }
}

/**
 * A fixed CPU-bound task (SHA-256 of 64 MB, one core), timed: the VM's own speed at that moment. Contention from
 * outside the VM (an oversubscribed host) is invisible in /proc, yet it changed absolute figures here by 2× between
 * runs an hour apart; this number makes that visible next to the table.
 */
export function calibrationMs() {
  const chunk = Buffer.alloc(1024 * 1024, 7);
  const startedMs = performance.now();
  const hash = createHash('sha256');
  for (let i = 0; i < 64; i++) hash.update(chunk);
  hash.digest();
  return performance.now() - startedMs;
}
