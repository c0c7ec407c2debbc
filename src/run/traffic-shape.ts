/**
 * What the client side saw of the traffic's shape, kept in fixed memory per second of run: arrivals per 100 ms
 * (for the densest burst and the peak 1 s rate), the active span, and the largest request and response bodies.
 * Inputs of the quota checks, which compare them with API Gateway's token bucket and payload limits.
 */
import type { Sample } from '../records/sample.js';

export const BUCKET_MS = 100;
const BUCKETS_PER_SECOND = 1000 / BUCKET_MS;

export class TrafficShape {
  private readonly buckets = new Map<number, number>();
  private firstMs = Infinity;
  private lastMs = -Infinity;
  maxRequestBytes = 0;
  maxResponseBytes = 0;

  add(sample: Pick<Sample, 'intendedAtMs' | 'endedAtMs' | 'bytesSent' | 'bytesReceived' | 'status'>): void {
    const bucket = Math.floor(sample.intendedAtMs / BUCKET_MS);
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
    if (sample.intendedAtMs < this.firstMs) this.firstMs = sample.intendedAtMs;
    if (sample.endedAtMs > this.lastMs) this.lastMs = sample.endedAtMs;
    if (sample.bytesSent > this.maxRequestBytes) this.maxRequestBytes = sample.bytesSent;
    if (sample.status !== 0 && sample.bytesReceived > this.maxResponseBytes) this.maxResponseBytes = sample.bytesReceived;
  }

  /** From the first intended send to the last response, in ms (0 before any sample). */
  activeMs(): number {
    return this.lastMs > this.firstMs ? this.lastMs - this.firstMs : 0;
  }

  /** The most arrivals within one 100 ms bucket. */
  peakWindow(): { windowMs: number; requests: number } | undefined {
    if (this.buckets.size === 0) return undefined;
    return { windowMs: BUCKET_MS, requests: Math.max(...this.buckets.values()) };
  }

  /** The most arrivals within any 1 s window (sliding over 100 ms buckets), in req/s. */
  peakRps(): number | undefined {
    if (this.buckets.size === 0) return undefined;
    const keys = [...this.buckets.keys()].sort((a, b) => a - b);
    let best = 0;
    let sum = 0;
    let tail = 0;
    for (const key of keys) {
      sum += this.buckets.get(key)!;
      while (keys[tail]! <= key - BUCKETS_PER_SECOND) sum -= this.buckets.get(keys[tail++]!)!;
      if (sum > best) best = sum;
    }
    return best;
  }
}
