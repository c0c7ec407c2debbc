/**
 * The scheduler's own bookkeeping for one run: what was scheduled, sent, dropped and late, and the two delays an
 * open-model request can meet before its bytes reach a socket, kept apart because they mean different things:
 * - generator lag (intended time → hand-off to the client): the scheduler was behind, a fault of the load generator;
 * - connection wait (hand-off → socket write): every connection of the pool was busy, so the request queued for one,
 *   which says the target answered slower than the arrival rate needs at this many connections.
 * Latency from the intended time includes both; the summary says which one it was.
 */
import type { DriveSummary } from '../records/sample.js';
import { lagSummary, waitSummary } from '../measure/delays.js';
import { createHistogram, encodeHistogram, recordUs } from '../measure/histogram.js';

/** A hand-off more than this after its intended time counts as a late send. */
export const LATE_SEND_MS = 1;
/** A request that waited more than this between its hand-off and its socket write counts as a connection wait. */
export const CONNECTION_WAIT_MS = 1;

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
  private readonly lagUs = createHistogram();
  private readonly waitUs = createHistogram();

  /**
   * A request of an open phase reached its socket: it was due at `intendedAtMs`, handed to the client at
   * `handedAtMs`, written at `sentAtMs`.
   */
  recordOpenSend(intendedAtMs: number, handedAtMs: number, sentAtMs: number): void {
    this.sent++;
    const lagMs = handedAtMs - intendedAtMs;
    if (lagMs > LATE_SEND_MS) this.lateSends++;
    recordUs(this.lagUs, lagMs * 1000);
    const waitMs = sentAtMs - handedAtMs;
    if (waitMs > CONNECTION_WAIT_MS) this.connectionWaits++;
    recordUs(this.waitUs, waitMs * 1000);
  }

  /** A request of a closed phase reached its socket (no intended time, and its own connection: no delays). */
  recordClosedSend(): void {
    this.sent++;
  }

  noteInFlight(inFlight: number): void {
    if (inFlight > this.maxInFlight) this.maxInFlight = inFlight;
  }

  summary(aborted: boolean): DriveSummary {
    return {
      scheduled: this.scheduled,
      sent: this.sent,
      dropped: this.dropped,
      lateSends: this.lateSends,
      sendLagMs: lagSummary(this.lagUs),
      connectionWaits: this.connectionWaits,
      connectionWaitMs: waitSummary(this.waitUs),
      retries: this.retries,
      maxInFlight: this.maxInFlight,
      aborted,
      delayHistograms: { sendLagUs: encodeHistogram(this.lagUs), connectionWaitUs: encodeHistogram(this.waitUs) },
    };
  }
}
