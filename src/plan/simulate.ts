/**
 * `simulatePlan`: Lambda's scaling model behind API Gateway, event by event on a binary heap, deterministic for a
 * seed. The rules, in the order a request meets them:
 * 1. API Gateway throttles (token buckets, APIGW DG "Throttle API requests": route (method) settings of the stage,
 *    then the stage, then the account's 10,000 / 5,000), answering 429;
 * 2. Lambda's synchronous invocation rate (10 per second per unit of account concurrency, aws-facts §3.1);
 * 3. an idle provisioned environment, else an idle on-demand one (warm), else a new environment (cold start) if the
 *    function's concurrency (reserved, or the account's unreserved pool) and its scaling-rate bucket (1,000 per
 *    10 s, refilled continuously, scaling-behavior doc; or, under the pre-2023 rule, one bucket shared by the
 *    account's functions) allow, else a Lambda throttle (API Gateway answers 500);
 * 4. one request per environment at a time; INIT longer than the limit is cut and re-run inside the invoke; the
 *    integration timeout answers the client while the environment stays busy until the handler ends;
 * 5. environments idle longer than the reclaim time are dropped.
 * Lambda does not queue synchronous invocations: a request that finds no capacity fails at once, so latency is
 * INIT (cold) + handler duration, and capacity shortfalls show as throttles, not as waiting.
 * Memory is bounded: per-second typed arrays and HDR histograms, never a record per request.
 */
import { createRandom, deriveSeed } from '../engine/random.js';
import { createTokenBucket, takeToken, type TokenBucket } from '../emulator/token-bucket.js';
import { drawMs } from './distribution.js';
import { createEventHeap, popEvent, pushEvent } from './heap.js';
import { createIdlePool, reclaimIdle, releaseIdle, takeIdle, type IdlePool } from './idle-pool.js';
import type { SimConfig, SimFunctionTotals, SimOutput } from './sim-types.js';
import { countLatencyMs, createLatencyCounts, toHistogram } from './latency-counts.js';
import { createArrivalStream } from './traffic.js';
import { createSimTimeline, emptyThrottleCounts } from './sim-timeline.js';

const ARRIVAL = 0;
const INIT_DONE = 1;
const DONE_ON_DEMAND = 2;
const DONE_PROVISIONED = 3;

export function simulatePlan(config: SimConfig): SimOutput {
  const { functions, routes } = config;
  const F = functions.length;
  const durationS = config.perSecond.length;
  const timeline = createSimTimeline(durationS);
  const throttles = emptyThrottleCounts();
  const coldCounts = createLatencyCounts();
  const warmCounts = createLatencyCounts();
  const heap = createEventHeap();

  const streams = routes.map((route, r) => createArrivalStream(config.perSecond, route.share, config.arrivals, createRandom(deriveSeed(config.seed, r))));
  const randoms = functions.map((_, f) => createRandom(deriveSeed(config.seed, 1000 + f)));
  // Drawn only for routes with sizes over a limit, so plans without them keep every other draw as it was.
  const payloadRandoms = routes.map((route, r) => (route.payloadRejectShare || route.responseTooLargeShare ? createRandom(deriveSeed(config.seed, 2000 + r)) : undefined));
  const routeBuckets: Array<TokenBucket | undefined> = routes.map((route) => (route.throttle ? createTokenBucket(route.throttle, 0) : undefined));
  const stageBucket = config.stageThrottle ? createTokenBucket(config.stageThrottle, 0) : undefined;
  const accountBucket = createTokenBucket(config.apiAccount, 0);
  const invokeBucket = createTokenBucket({ rateRps: config.invocationRateRps, burst: config.invocationRateRps }, 0);
  const accountScaling = config.scalingScope === 'account' ? createTokenBucket(config.scaling, 0) : undefined;
  const scalingBuckets = functions.map(() => accountScaling ?? createTokenBucket(config.scaling, 0));
  const pools: IdlePool[] = functions.map(() => createIdlePool());
  const provIdle = new Int32Array(F);
  const onDemandBusy = new Int32Array(F); // serving or initialising
  const initialising = new Int32Array(F);
  const reserved = functions.map((fn) => fn.reservedConcurrency);
  let reservedTotal = 0;
  for (const value of reserved) reservedTotal += value ?? 0;
  const unreservedCapacity = Math.max(0, config.accountConcurrency - reservedTotal);
  let unreservedInUse = 0;
  let busyAll = 0; // serving or initialising, all functions, provisioned included
  const totals: SimFunctionTotals[] = functions.map((fn, f) => {
    provIdle[f] = fn.provisionedConcurrency;
    if (reserved[f] === undefined) unreservedInUse += fn.provisionedConcurrency;
    return { name: fn.name, invocations: 0, provisionedInvocations: 0, onDemandDurationMs: 0, provisionedDurationMs: 0, coldStarts: 0, initMs: 0, initTimeouts: 0, functionTimeouts: 0, peakConcurrency: fn.provisionedConcurrency, peakEnvironments: fn.provisionedConcurrency };
  });
  const counts = { arrivals: 0, served: 0, coldStarts: 0, integrationTimeouts: 0, payloadRejected: 0, responsesTooLarge: 0 };
  let second = 0;
  let nextBoundaryMs = 1000;

  for (let r = 0; r < routes.length; r++) {
    const t = streams[r].next();
    if (t !== Infinity) pushEvent(heap, t, r * 4 + ARRIVAL);
  }

  const flushSecond = () => {
    let idle = 0;
    let init = 0;
    for (let f = 0; f < F; f++) {
      reclaimIdle(pools[f], nextBoundaryMs, config.idleReclaimMs);
      idle += pools[f].size + provIdle[f];
      init += initialising[f];
    }
    timeline.idleEnd[second] = idle;
    timeline.initialisingEnd[second] = init;
    if (busyAll > timeline.busyPeak[second]) timeline.busyPeak[second] = busyAll;
    second++;
    nextBoundaryMs += 1000;
    if (second < durationS) timeline.busyPeak[second] = busyAll;
  };

  const admitted = (f: number, busyNow: number) => {
    if (busyNow > timeline.busyPeak[second]) timeline.busyPeak[second] = busyNow;
    const inUse = functions[f].provisionedConcurrency + onDemandBusy[f];
    const fnTotals = totals[f];
    if (inUse > fnTotals.peakConcurrency) fnTotals.peakConcurrency = inUse;
    const envs = functions[f].provisionedConcurrency + onDemandBusy[f] + pools[f].size;
    if (envs > fnTotals.peakEnvironments) fnTotals.peakEnvironments = envs;
  };

  /** A request reached an environment at `t`: `initMs` > 0 for a cold start. Returns when the environment is free. */
  const invoke = (t: number, f: number, initMs: number, cold: boolean, provisioned: boolean, responseTooLarge: boolean): number => {
    const fn = functions[f];
    const fnTotals = totals[f];
    const random = randoms[f];
    let handlerMs = drawMs(fn.warm, random());
    let initPart = initMs;
    if (initMs > config.initMaxMs) {
      // INIT past the limit is stopped and re-run inside the first invoke, under the function timeout (aws-facts §3.1).
      fnTotals.initTimeouts++;
      initPart = config.initMaxMs;
      handlerMs += initMs;
    }
    let failed = false;
    if (handlerMs > fn.timeoutMs) {
      handlerMs = fn.timeoutMs;
      fnTotals.functionTimeouts++;
      failed = true;
    }
    const latencyMs = initPart + handlerMs;
    fnTotals.invocations++;
    if (provisioned) {
      fnTotals.provisionedInvocations++;
      fnTotals.provisionedDurationMs += handlerMs;
    } else fnTotals.onDemandDurationMs += handlerMs;
    if (latencyMs > config.integrationTimeoutMs) {
      counts.integrationTimeouts++;
      timeline.integrationTimeouts[second]++;
    } else if (responseTooLarge && !failed) {
      // The function ran and is billed; its response is over Lambda's limit, so the invocation fails.
      counts.responsesTooLarge++;
    } else if (!failed) {
      counts.served++;
      timeline.served[second]++;
      timeline.latencySumMs[second] += latencyMs;
      if (latencyMs > timeline.latencyMaxMs[second]) timeline.latencyMaxMs[second] = latencyMs;
      countLatencyMs(cold ? coldCounts : warmCounts, latencyMs);
    }
    if (cold) pushEvent(heap, t + initPart, f * 4 + INIT_DONE);
    return t + latencyMs;
  };

  const arrive = (t: number, r: number) => {
    counts.arrivals++;
    timeline.arrivals[second]++;
    const route = routes[r];
    const f = route.fn;
    const routeBucket = routeBuckets[r];
    if (routeBucket && !takeToken(routeBucket, t)) return throttle('apiRoute');
    if (stageBucket && !takeToken(stageBucket, t)) return throttle('apiStage');
    if (!takeToken(accountBucket, t)) return throttle('apiAccount');
    const sizeRandom = payloadRandoms[r];
    if (sizeRandom && route.payloadRejectShare && sizeRandom() < route.payloadRejectShare) {
      counts.payloadRejected++;
      return;
    }
    const tooLarge = sizeRandom !== undefined && route.responseTooLargeShare !== undefined && sizeRandom() < route.responseTooLargeShare;
    if (!takeToken(invokeBucket, t)) return throttle('lambdaInvocationRate');
    if (provIdle[f] > 0) {
      provIdle[f]--;
      admitted(f, ++busyAll);
      pushEvent(heap, invoke(t, f, 0, false, true, tooLarge), f * 4 + DONE_PROVISIONED);
      return;
    }
    // Concurrency counts requests in flight (provisioned environments always): a warm on-demand environment is
    // refused as well as a new one once the function's or the account's limit is reached.
    const limit = reserved[f];
    if (limit !== undefined ? functions[f].provisionedConcurrency + onDemandBusy[f] >= limit : unreservedInUse >= unreservedCapacity) {
      return throttle('lambdaConcurrency');
    }
    const pool = pools[f];
    reclaimIdle(pool, t, config.idleReclaimMs);
    if (takeIdle(pool)) {
      onDemandBusy[f]++;
      if (reserved[f] === undefined) unreservedInUse++;
      admitted(f, ++busyAll);
      pushEvent(heap, invoke(t, f, 0, false, false, tooLarge), f * 4 + DONE_ON_DEMAND);
      return;
    }
    if (config.noColdStarts) {
      // Capacity kept running: the environment serves at once, as a warm one would (counted among the on-demand).
      onDemandBusy[f]++;
      if (limit === undefined) unreservedInUse++;
      admitted(f, ++busyAll);
      pushEvent(heap, invoke(t, f, 0, false, false, tooLarge), f * 4 + DONE_ON_DEMAND);
      return;
    }
    if (!takeToken(scalingBuckets[f], t)) return throttle('lambdaScalingRate');
    onDemandBusy[f]++;
    initialising[f]++;
    if (limit === undefined) unreservedInUse++;
    counts.coldStarts++;
    timeline.coldStarts[second]++;
    const initMs = drawMs(functions[f].init, randoms[f]());
    totals[f].coldStarts++;
    totals[f].initMs += initMs;
    admitted(f, ++busyAll);
    pushEvent(heap, invoke(t, f, initMs, true, false, tooLarge), f * 4 + DONE_ON_DEMAND);
  };

  const throttle = (cause: keyof typeof throttles) => {
    throttles[cause]++;
    timeline.throttles[cause][second]++;
  };

  while (heap.size > 0) {
    const t = heap.times[0];
    const code = heap.codes[0];
    popEvent(heap);
    while (t >= nextBoundaryMs && second < durationS - 1) flushSecond();
    const kind = code & 3;
    const index = code >> 2;
    if (kind === ARRIVAL) {
      arrive(t, index);
      const next = streams[index].next();
      if (next !== Infinity) pushEvent(heap, next, code);
    } else if (kind === INIT_DONE) {
      initialising[index]--;
    } else if (kind === DONE_ON_DEMAND) {
      busyAll--;
      onDemandBusy[index]--;
      if (reserved[index] === undefined) unreservedInUse--;
      releaseIdle(pools[index], t);
    } else {
      busyAll--;
      provIdle[index]++;
    }
  }
  while (second < durationS - 1) flushSecond();
  flushSecond();
  const latency = { all: toHistogram(coldCounts, warmCounts), cold: toHistogram(coldCounts), warm: toHistogram(warmCounts) };
  return { durationS, ...counts, throttles, functions: totals, timeline, latency };
}
