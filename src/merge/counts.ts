/**
 * The counting sections of a merge: request counts, status and error codes, label sources and cold-start counts are
 * summed exactly; error kinds are united per (request, source, kind, status) or (function, error type), counts summed,
 * the first shard's example kept, most frequent first. What a shard kept only as statistics (cold-start INIT
 * percentiles, the engine's lag percentiles, in-flight peaks) cannot be added exactly: each such figure says what it
 * is (an upper bound) and `notes` returns the sentence the merged result's warning carries.
 */
import type { ColdStartSummary, ErrorKinds, FunctionErrorKind, LatencyStats, RequestCounts, RequestErrorKind } from '../result/measurements.js';
import { addEncodedDelays, lagSummary, waitSummary } from '../measure/delays.js';
import { encodeHistogram } from '../measure/histogram.js';
import type { EngineSummary, GeneratorLoad } from '../result/types.js';

export function sumRecords(records: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const record of records) for (const [key, n] of Object.entries(record)) out[key] = (out[key] ?? 0) + n;
  return out;
}

/** Status codes in numeric order, as a run writes them. */
export function sumStatusCodes(records: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> {
  return Object.fromEntries(Object.entries(sumRecords(records)).sort((a, b) => Number(a[0]) - Number(b[0])));
}

export function sumRequestCounts(counts: readonly RequestCounts[]): RequestCounts {
  const out: RequestCounts = { completed: 0, ok: 0, errors: 0, expectationFailures: 0, bytesSent: 0, bytesReceived: 0 };
  for (const c of counts) for (const key of Object.keys(out) as Array<keyof RequestCounts>) out[key] += c[key];
  return out;
}

function unite<T extends { count: number }>(lists: ReadonlyArray<readonly T[]>, idOf: (item: T) => string): T[] {
  const byId = new Map<string, T>();
  for (const list of lists) {
    for (const item of list) {
      const id = idOf(item);
      const seen = byId.get(id);
      if (seen) seen.count += item.count;
      else byId.set(id, { ...item });
    }
  }
  // Stable: equal counts keep first-seen order.
  return [...byId.values()].sort((a, b) => b.count - a.count);
}

export function uniteErrorKinds(kinds: readonly ErrorKinds[]): ErrorKinds {
  return {
    requests: unite<RequestErrorKind>(kinds.map((k) => k.requests), (k) => JSON.stringify([k.request, k.source, k.kind, k.status ?? null])),
    functions: unite<FunctionErrorKind>(kinds.map((k) => k.functions), (k) => JSON.stringify([k.function, k.errorType])),
    otherCount: kinds.reduce((sum, k) => sum + k.otherCount, 0),
  };
}

/**
 * Statistics of several buckets without their histograms: count, min, max and the count-weighted mean are exact;
 * each percentile is the highest of the shards' (an upper bound of the merged one).
 */
export function boundStats(stats: readonly LatencyStats[]): LatencyStats {
  const some = stats.filter((s) => s.count > 0);
  const count = some.reduce((sum, s) => sum + s.count, 0);
  if (count === 0) return { count: 0, minMs: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0 };
  const max = (field: keyof LatencyStats) => Math.max(...some.map((s) => s[field]));
  return {
    count,
    minMs: Math.min(...some.map((s) => s.minMs)),
    meanMs: Math.round((some.reduce((sum, s) => sum + s.meanMs * s.count, 0) / count) * 1000) / 1000,
    p50Ms: max('p50Ms'),
    p90Ms: max('p90Ms'),
    p99Ms: max('p99Ms'),
    p999Ms: max('p999Ms'),
    maxMs: max('maxMs'),
  };
}

export function mergeColdStarts(parts: readonly ColdStartSummary[], completed: number): ColdStartSummary {
  const count = parts.reduce((sum, p) => sum + p.count, 0);
  const withDownstream = parts.filter((p) => p.downstream !== undefined);
  return {
    count,
    rate: completed === 0 ? 0 : count / completed,
    initMs: boundStats(parts.map((p) => p.initMs)),
    ...(withDownstream.length > 0
      ? { downstream: sumRecords(withDownstream.map((p) => p.downstream!)), downstreamOnly: withDownstream.reduce((sum, p) => sum + (p.downstreamOnly ?? 0), 0) }
      : {}),
  };
}

/**
 * Counts summed; lag and wait percentiles from the shards' delay histograms added (exact), or the highest of the
 * shards' when one of them kept none; maxInFlight the sum of the peaks (an upper bound).
 */
export function mergeEngine(engines: readonly EngineSummary[]): EngineSummary {
  const sum = (field: 'scheduled' | 'sent' | 'dropped' | 'lateSends' | 'connectionWaits' | 'maxInFlight' | 'achievedRps') => engines.reduce((total, e) => total + e[field], 0);
  const highest = <K extends string>(pick: (e: EngineSummary) => Record<K, number>): Record<K, number> => {
    const out = { ...pick(engines[0]!) };
    for (const e of engines) for (const [key, v] of Object.entries(pick(e)) as Array<[K, number]>) out[key] = Math.max(out[key], v);
    return out;
  };
  const delays = delaysExact(engines)
    ? { lag: addEncodedDelays(engines.map((e) => e.delayHistograms!.sendLagUs)), wait: addEncodedDelays(engines.map((e) => e.delayHistograms!.connectionWaitUs)) }
    : undefined;
  return {
    scheduled: sum('scheduled'),
    sent: sum('sent'),
    dropped: sum('dropped'),
    lateSends: sum('lateSends'),
    sendLagMs: delays ? withExactMax(lagSummary(delays.lag), engines.map((e) => e.sendLagMs.max)) : highest((e) => e.sendLagMs),
    connectionWaits: sum('connectionWaits'),
    connectionWaitMs: delays ? withExactMax(waitSummary(delays.wait), engines.map((e) => e.connectionWaitMs.max)) : highest((e) => e.connectionWaitMs),
    ...(delays ? { delayHistograms: { sendLagUs: encodeHistogram(delays.lag), connectionWaitUs: encodeHistogram(delays.wait) } } : {}),
    maxInFlight: sum('maxInFlight'),
    aborted: engines.some((e) => e.aborted),
    achievedRps: sum('achievedRps'),
    ...retriesOf(engines),
    ...generatorOf(engines),
  };
}

/**
 * The shards' generator loads: CPU time and processes summed, the window and the event-loop share the highest (the
 * busiest process is the one whose wait is in the numbers). Absent unless every shard measured its own.
 */
export function generatorOf(engines: readonly EngineSummary[]): { generator?: GeneratorLoad } {
  const loads = engines.map((e) => e.generator);
  if (loads.length === 0 || loads.some((g) => g === undefined)) return {};
  return { generator: addLoads(loads as GeneratorLoad[]) };
}

/** Loads of several generator processes as one: CPU time and processes summed, the window and the loop share the highest. */
export function addLoads(loads: readonly GeneratorLoad[]): GeneratorLoad {
  return {
    cpuMs: loads.reduce((total, g) => total + g.cpuMs, 0),
    wallMs: Math.max(...loads.map((g) => g.wallMs)),
    eventLoopBusy: Math.max(...loads.map((g) => g.eventLoopBusy)),
    processes: loads.reduce((total, g) => total + g.processes, 0),
  };
}

/**
 * A decoded histogram knows its maximum only to its bucket's width; the shards' own maxima are exact (as in
 * histograms.ts), so the merged maximum is theirs, and no percentile is above it.
 */
function withExactMax<T extends { max: number }>(summary: T, maxima: readonly number[]): T {
  const max = Math.max(0, ...maxima);
  const out = { ...summary };
  for (const key of Object.keys(out) as Array<keyof T>) if (typeof out[key] === 'number') (out[key] as number) = Math.min(out[key] as number, max);
  out.max = max;
  return out;
}

/** Whether every shard kept its delay histograms, so the merged send-lag and connection-wait percentiles are exact. */
export function delaysExact(engines: readonly EngineSummary[]): boolean {
  return engines.every((e) => e.delayHistograms !== undefined);
}

/** Requests written again on a fresh connection, summed; absent when no shard retried (or none said). */
function retriesOf(engines: readonly EngineSummary[]): { retries?: number } {
  const total = engines.reduce((n, e) => n + (e.retries ?? 0), 0);
  return total > 0 ? { retries: total } : {};
}
