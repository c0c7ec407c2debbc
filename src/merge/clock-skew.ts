/**
 * A shard's clock skew against its target, from the responses' `Date` headers (RFC 9110 §6.6.1: the server's time
 * when it made the response, to the second). Shards on machines whose clocks disagree wait for different instants
 * under one `--start-at`; merge compares the shards' skews (against the same target) and warns.
 *
 * Each response bounds the offset (local − server): the server stamped H at a server time in [H, H + 1 s), while the
 * local clock read somewhere between the send and the answer, so offset ∈ (sent − H − 1000, ended − H]. The
 * intersection over every response shrinks as answers land on both sides of second boundaries; the estimate is its
 * middle. Coarse: good to about ±0.5 s plus a request's latency, never better than the header's 1 s resolution allows.
 */
import { performance } from 'node:perf_hooks';

export function createClockSkewEstimator() {
  // Samples carry performance.now() times: read against the wall clock once, here (monotonic in between).
  const epochOffsetMs = Date.now() - performance.now();
  let lo = -Infinity;
  let hi = Infinity;

  /** `sentAtMs` and `endedAtMs`: the request's send and answer, performance.now() times (as samples carry them). */
  function add(date: string, sentAtMs: number, endedAtMs: number): void {
    const serverMs = Date.parse(date);
    if (!Number.isFinite(serverMs)) return;
    lo = Math.max(lo, epochOffsetMs + sentAtMs - serverMs - 1000);
    hi = Math.min(hi, epochOffsetMs + endedAtMs - serverMs);
  }

  /** Local − server, ms, rounded; undefined before any response with a Date header. */
  function estimateMs(): number | undefined {
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
    // Bounds that cross (a server clock stepped mid-run, or a stale cached header) still have a middle worth reporting.
    return Math.round((lo + hi) / 2);
  }

  return { add, estimateMs };
}
