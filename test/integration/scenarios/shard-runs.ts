/**
 * What the shard tests share: N real `lambdaload run --shard i/N` processes with a common `--start-at`, then
 * `lambdaload merge` of their files, each result held to the contract; and a local server that answers
 * `GET /sleep?ms=N` after N ms, counting what it received.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { summariseInvocations } from '../../../src/measure/invocation-facts.js';
import { analyseQuotas } from '../../../src/quota/index.js';
import type { RunResult } from '../../../src/result/types.js';
import { readResult, runCli, type Exited } from '../cli/helpers.js';

export interface ShardRuns {
  dir: string;
  file(name: string): string;
  shards: RunResult[];
  merged: RunResult;
  /** The merge's own output (`--format md`). */
  merging: Exited;
  cleanUp(): Promise<void>;
}

/**
 * The quota findings one run with a merged result's numbers would have (src/run/quotas.ts), from the result's own
 * sections: what a merge's re-check must equal.
 */
export function quotasOfOneRun(result: RunResult): RunResult['quotas'] {
  return analyseQuotas({
    region: result.scenario.target.region,
    target: result.scenario.target,
    phases: result.scenario.phases,
    requests: result.requests.completed,
    serviceTime: result.serviceTime.overall.all,
    traffic: result.traffic!,
    invocations: summariseInvocations(result.emulator!.totals!),
  }).findings;
}

/** How many CLI start-ups the lead covers, and its cap (the callers' hooks allow 150 s in all). */
const START_UPS_PER_LEAD = 20;
const MAX_LEAD_MS = 50_000;

/** Runs `scenario` as `count` shards starting `leadMs` from now, then merges them into `merged.json`. */
/**
 * `leadMs`: how far ahead the common start is, at least. Every shard process must have loaded the scenario and
 * started its target by then; on a 2-core machine under load three CLI processes took over 10 s, so the callers give
 * 15–20 s. On a busier machine the lead grows with the CLI's start-up measured just before (`--version`): a shard's
 * own start-up (the scenario loaded, its target started) takes a few dozen times that.
 */
export async function runShards(scenario: string, count: number, leadMs: number, env: Record<string, string> = {}): Promise<ShardRuns> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-shards-'));
  const file = (name: string) => path.join(dir, `${name}.json`);
  const names = Array.from({ length: count }, (_, i) => file(`shard-${i + 1}`));
  const probedAt = performance.now();
  expect((await runCli(['--version'])).code).toBe(0);
  const startUpMs = performance.now() - probedAt;
  const lead = Math.min(MAX_LEAD_MS, Math.max(leadMs, START_UPS_PER_LEAD * startUpMs));
  const startAt = new Date(Date.now() + lead).toISOString();
  const runs = await Promise.all(names.map((out, i) => runCli(['run', scenario, '--quiet', '--shard', `${i + 1}/${count}`, '--start-at', startAt, '--out', out], env, lead + 60_000)));
  for (const ran of runs) expect(ran.code, ran.stderr).toBe(0);
  const shards = await Promise.all(names.map((name) => readResult(name)));
  const merging = await runCli(['merge', ...names, '--out', file('merged'), '--format', 'md']);
  expect(merging.code, merging.stderr).toBe(0);
  return { dir, file, shards, merged: await readResult(file('merged')), merging, cleanUp: () => rm(dir, { recursive: true, force: true }) };
}

export interface SleepServer {
  url: string;
  readonly received: number;
  close(): Promise<void>;
}

/** Answers after the `ms` the query asks, labelled warm as lambdaload's wrapper labels a warm Lambda. */
export async function startSleepServer(): Promise<SleepServer> {
  let received = 0;
  const server = createServer((req, res) => {
    received++;
    req.resume();
    const ms = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('ms') ?? '0');
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain', 'x-lambdaload-start': 'warm; env=e-1' }).end('hello'), ms);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`,
    get received() {
      return received;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
