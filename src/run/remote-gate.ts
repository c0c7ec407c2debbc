/**
 * Safety before load reaches an account. A target outside this machine (any host that is not loopback) gets traffic
 * only with explicit consent (`--allow-remote` or `safety.allowRemote`), and the plan is shown first: the URL, the
 * peak rate, the requests the phases will send and what the test itself will cost on AWS. With `maxCostUsd` set
 * (scenario or flag), a plan that may cost more is refused, and so is one whose cost cannot be bounded in advance.
 * Everything here happens before the first request.
 */
import { BlockList, isIP } from 'node:net';
import { estimateCost, type CostUsage } from '../cost/index.js';
import { createRateProfile, isOpenPhase } from '../engine/phases.js';
import { effectiveLambdaEndpoint } from '../target/direct.js';
import { LambdaloadError, isLambdaloadError } from '../errors.js';
import { formatDurationMs, parseDurationMs } from '../scenario/duration.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';
import type { ResolvedFunction } from '../target/types.js';
import { functionShares } from './request-functions.js';

export interface RemoteGateOptions {
  /** `--allow-remote`: consent for a target beyond this machine (else `safety.allowRemote`). */
  allowRemote?: boolean;
  /** `--max-cost-usd`: wins over `safety.maxCostUsd`. */
  maxCostUsd?: number;
}

export interface RemotePlan {
  url: string;
  /** The highest arrival rate of any open phase (req/s). */
  peakRps: number;
  /** Requests the open phases send; `undefined` when a closed phase makes the count unknowable in advance. */
  totalRequests?: number;
  /** What the test will cost on AWS at most; `undefined` when it cannot be bounded (the reason in `costNote`). */
  costUsd?: number;
  /** How the cost was estimated, or why it could not be. */
  costNote: string;
}

/** Loopback addresses: 127.0.0.0/8, ::1, and 127.0.0.0/8 written as IPv4-mapped IPv6. */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** Whether `url` reaches only this machine (a loopback address, or `localhost` and its subdomains, RFC 6761). */
export function isLoopbackUrl(url: string): boolean {
  return isLoopbackHost(new URL(url).hostname);
}

/** Whether a host name or address (IPv6 with or without brackets) is this machine's loopback. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = isIP(host);
  return family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * For a remote target: the plan, once consent is given and the cost fits; throws `REMOTE_CONSENT_REQUIRED` or
 * `COST_LIMIT_EXCEEDED` (exit 5) otherwise. `undefined` for targets on this machine (no gate).
 */
export function checkRemoteGate(scenario: ResolvedScenario, options: RemoteGateOptions = {}): RemotePlan | undefined {
  const url = remoteUrlOf(scenario);
  if (url === undefined || isLoopbackUrl(url)) return undefined;
  const plan = planRemoteRun(scenario);
  const lines = formatPlan(plan);
  const consent = options.allowRemote === true || scenario.safety?.allowRemote === true;
  if (!consent) {
    throw new LambdaloadError('REMOTE_CONSENT_REQUIRED', `${scenario.file}: the target ${plan.url} is not on this machine; no request was sent`, {
      hint: 'Read the plan, then run again with --allow-remote (or set safety: { allowRemote: true } in the scenario). Set maxCostUsd to cap what the test may cost.',
      problems: lines,
    });
  }
  const maxCostUsd = options.maxCostUsd ?? scenario.safety?.maxCostUsd;
  if (maxCostUsd !== undefined && (plan.costUsd === undefined || plan.costUsd > maxCostUsd)) {
    const why = plan.costUsd === undefined ? `its cost cannot be bounded in advance (${plan.costNote})` : `it may cost $${plan.costUsd.toFixed(4)}, over maxCostUsd $${maxCostUsd}`;
    throw new LambdaloadError('COST_LIMIT_EXCEEDED', `${scenario.file}: the test against ${plan.url} is refused: ${why}; no request was sent`, {
      hint: 'Lower the phases’ rates or durations, raise maxCostUsd (--max-cost-usd or safety.maxCostUsd), or describe the functions (target.function, or target.functions with target.routes, of a url target) so its cost can be estimated.',
      problems: lines,
    });
  }
  return plan;
}

/**
 * Where a run's traffic goes beyond the emulator: a url target's URL, or the Lambda endpoint of a `lambda` target
 * (its `endpoint`, else the SDK's from the environment, else AWS's). Undefined for the local emulator.
 */
export function remoteUrlOf(scenario: ResolvedScenario): string | undefined {
  const target = scenario.target;
  if (target.type === 'url') return target.url;
  if (target.type === 'lambda') return effectiveLambdaEndpoint(target.region, target.endpoint);
  return undefined;
}

export function planRemoteRun(scenario: ResolvedScenario): RemotePlan {
  const endpoint = remoteUrlOf(scenario) ?? '';
  const invoke = scenario.resolvedTarget.invoke;
  const url = invoke ? `${endpoint} (Invoke ${invoke.functionName}${invoke.qualifier === undefined ? '' : `:${invoke.qualifier}`})` : endpoint;
  let peakRps = 0;
  let total: number | undefined = 0;
  for (const phase of scenario.phases) {
    if (phase.type === 'closed') total = undefined;
    if (!isOpenPhase(phase)) continue;
    const profile = createRateProfile(phase);
    if (total !== undefined) total += profile.totalArrivals;
    for (const s of profile.segments) peakRps = Math.max(peakRps, s.startRps, s.endRps);
  }
  const totalRequests = total === undefined ? undefined : Math.ceil(total);
  return { url, peakRps, ...(totalRequests === undefined ? {} : { totalRequests }), ...estimateTestCost(scenario, totalRequests) };
}

/**
 * The test's own AWS cost, as an upper bound: every request reaches API Gateway and the function, and every
 * invocation runs for the assumed duration (`safety.assumedDuration`, else the whole function or HTTP timeout).
 */
function estimateTestCost(scenario: ResolvedScenario, requests: number | undefined): Pick<RemotePlan, 'costUsd' | 'costNote'> {
  if (requests === undefined) return { costNote: 'a closed phase sends as many requests as the target answers' };
  const target = scenario.resolvedTarget;
  const fn = target.functions[0];
  // Direct invoke reaches Lambda alone; behind a URL, the API's type must be known to price it.
  if (!target.api && !target.invoke) return { costNote: 'the API type is unknown: set target.api.type' };
  if (target.invoke && fn?.memoryMb === undefined) return { costNote: 'the function’s memory is read from AWS (GetFunctionConfiguration) once consent is given' };
  // Each request is priced with the function behind its route.
  const shares = target.invoke ? new Map(fn ? [[fn.name, 1]] : []) : functionShares(scenario, target);
  if (!shares || shares.size === 0) {
    return { costNote: 'the function behind the API is unknown: set target.function (name, region, memoryMb), or target.functions with target.routes' };
  }
  const priced = [...shares].map(([name, share]) => ({ fn: target.functions.find((f) => f.name === name), name, share }));
  const unknown = priced.find((p) => p.fn?.memoryMb === undefined);
  if (unknown) return { costNote: `the memory size of function ${unknown.name} is unknown: set target.functions.${unknown.name}.memoryMb (or allow lambda:GetFunctionConfiguration)` };
  const assumed = scenario.safety?.assumedDuration;
  const durationOf = (f: ResolvedFunction) => (assumed !== undefined ? parseDurationMs(assumed) : Math.min(f.timeoutMs ?? Infinity, scenario.http.timeoutMs));
  const usage: CostUsage = {
    region: target.region,
    functions: priced.map((p) => ({ memoryMb: p.fn!.memoryMb!, architecture: p.fn!.architecture, requests: Math.ceil(requests * p.share), durationMs: durationOf(p.fn!) })),
    ...(target.api ? { api: { type: target.api.type, requests } } : {}),
  };
  try {
    const estimate = estimateCost(usage);
    if (estimate.warnings.some((w) => w.code === 'PRICE_MISSING')) {
      return { costNote: `a price is missing for ${target.region}: ${estimate.warnings.find((w) => w.code === 'PRICE_MISSING')!.message}` };
    }
    const durationMs = durationOf(priced[0]!.fn!);
    const basis = assumed !== undefined ? `safety.assumedDuration ${formatDurationMs(durationMs)}` : `the ${formatDurationMs(durationMs)} timeout (set safety.assumedDuration for a closer figure)`;
    const through = target.api ? `through ${target.api.type === 'rest' ? 'a REST API' : 'an HTTP API'}` : 'invoked directly';
    const memory = priced.length === 1 ? `${priced[0]!.fn!.memoryMb} MB` : priced.map((p) => `${p.name} ${p.fn!.memoryMb} MB`).join(', ');
    const timeouts = priced.length === 1 || assumed !== undefined ? basis : "each function's timeout (set safety.assumedDuration for a closer figure)";
    return { costUsd: estimate.totalUsd, costNote: `${requests} requests ${through} in ${target.region}, each invocation at ${memory} for ${timeouts}` };
  } catch (error) {
    if (isLambdaloadError(error) && error.code === 'PRICING_DATA_MISSING') return { costNote: error.message };
    throw error;
  }
}

/** The plan as the lines a user reads before deciding. */
export function formatPlan(plan: RemotePlan): string[] {
  return [
    `target ${plan.url}`,
    `peak ${plan.peakRps} req/s · ${plan.totalRequests === undefined ? 'requests: not known in advance (closed phases)' : `${plan.totalRequests} requests`}`,
    plan.costUsd === undefined ? `AWS cost of the test: unknown (${plan.costNote})` : `AWS cost of the test: at most $${plan.costUsd.toFixed(4)} (${plan.costNote})`,
  ];
}
