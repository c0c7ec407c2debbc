/**
 * The scheduler's own bookkeeping for one run: what was scheduled, sent, dropped and late, and the two delays an
 * open-model request can meet before its bytes reach a socket, kept apart because they mean different things:
 * - generator lag (intended time → hand-off to the client): the scheduler was behind, a fault of the load generator;
 * - connection wait (hand-off → socket write): every connection of the pool was busy, so the request queued for one,
 *   which says the target answered slower than the arrival rate needs at this many connections.
 * Latency from the intended time includes both; the summary says which one it was.
 */
import * as hdr from 'hdr-histogram-js';
import type { DriveSummary } from '../records/sample.js';

/** A hand-off more than this after its intended time counts as a late send. */
export const LATE_SEND_MS = 1;
/** A request that waited more than this between its hand-off and its socket write counts as a connection wait. */
export const CONNECTION_WAIT_MS = 1;

/** Delays in µs, 1 µs to 1 h at 3 significant digits: fixed memory whatever the run length. */
const MAX_DELAY_US = 3_600_000_000;

function createDelayHistogram(): hdr.Histogram {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_DELAY_US,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

function recordDelay(histogram: hdr.Histogram, delayMs: number): void {
  const us = Math.round(delayMs * 1000);
  histogram.recordValue(us < 1 ? 1 : us > MAX_DELAY_US ? MAX_DELAY_US : us);
}

export class DriveCounters {
  /** Arrivals whose intended time came (sent or dropped). */
  scheduled = 0;
  /** Requests written to a socket. */
  sent = 0;
  /** Samples delivered. */
  completed = 0;
  dropped = 0;
  lateSends = 0;
  connectionWaits = 0;
  /** Requests written once more after the server closed their keep-alive connection before answering. */
  retries = 0;
  maxInFlight = 0;
  private readonly lagUs = createDelayHistogram();
  private readonly waitUs = createDelayHistogram();

  /**
   * A request of an open phase reached its socket: it was due at `intendedAtMs`, handed to the client at
   * `handedAtMs`, written at `sentAtMs`.
   */
  recordOpenSend(intendedAtMs: number, handedAtMs: number, sentAtMs: number): void {
    this.sent++;
    const lagMs = handedAtMs - intendedAtMs;
    if (lagMs > LATE_SEND_MS) this.lateSends++;
    recordDelay(this.lagUs, lagMs);
    const waitMs = sentAtMs - handedAtMs;
    if (waitMs > CONNECTION_WAIT_MS) this.connectionWaits++;
    recordDelay(this.waitUs, waitMs);
  }

  /** A request of a closed phase reached its socket (no intended time, and its own connection: no delays). */
  recordClosedSend(): void {
    this.sent++;
  }

  noteInFlight(inFlight: number): void {
    if (inFlight > this.maxInFlight) this.maxInFlight = inFlight;
  }

  summary(aborted: boolean): DriveSummary {
    // Both histograms get one value per open send, so one emptiness test covers them.
    const empty = this.lagUs.totalCount === 0;
    const ms = (us: number): number => (empty ? 0 : us / 1000);
    return {
      scheduled: this.scheduled,
      sent: this.sent,
      dropped: this.dropped,
      lateSends: this.lateSends,
      sendLagMs: {
        p50: ms(this.lagUs.getValueAtPercentile(50)),
        p99: ms(this.lagUs.getValueAtPercentile(99)),
        max: ms(this.lagUs.maxValue),
      },
      connectionWaits: this.connectionWaits,
      connectionWaitMs: {
        p50: ms(this.waitUs.getValueAtPercentile(50)),
        p90: ms(this.waitUs.getValueAtPercentile(90)),
        p99: ms(this.waitUs.getValueAtPercentile(99)),
        max: ms(this.waitUs.maxValue),
      },
      retries: this.retries,
      maxInFlight: this.maxInFlight,
      aborted,
    };
  }
}
