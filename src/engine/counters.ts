/**
 * The scheduler's own bookkeeping for one run: what was scheduled, sent, dropped and late, and the send-lag
 * distribution, so the summary hides nothing about how well the engine kept to the schedule.
 */
import * as hdr from 'hdr-histogram-js';
import type { DriveSummary } from './types.js';

/** A send more than this after its intended time counts as late. */
export const LATE_SEND_MS = 1;

export class DriveCounters {
  /** Arrivals whose intended time came (sent or dropped). */
  scheduled = 0;
  /** Requests written to a socket. */
  sent = 0;
  /** Samples delivered. */
  completed = 0;
  dropped = 0;
  lateSends = 0;
  maxInFlight = 0;
  // Send lag in µs, 1 µs to 1 h at 3 significant digits: fixed memory whatever the run length.
  private readonly lagUs = hdr.build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });

  /** A request of an open phase reached its socket. */
  recordOpenSend(intendedAtMs: number, sentAtMs: number): void {
    this.sent++;
    const lagMs = sentAtMs - intendedAtMs;
    if (lagMs > LATE_SEND_MS) this.lateSends++;
    const lagUs = Math.round(lagMs * 1000);
    this.lagUs.recordValue(lagUs < 1 ? 1 : lagUs > 3_600_000_000 ? 3_600_000_000 : lagUs);
  }

  /** A request of a closed phase reached its socket (no intended time, so no lag). */
  recordClosedSend(): void {
    this.sent++;
  }

  noteInFlight(inFlight: number): void {
    if (inFlight > this.maxInFlight) this.maxInFlight = inFlight;
  }

  summary(aborted: boolean): DriveSummary {
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
      maxInFlight: this.maxInFlight,
      aborted,
    };
  }
}
