/**
 * A per-second timeline of the run. Counts are attributed to the second the event happened in (sent: actual send
 * time; completed, errors, cold starts and latency percentiles: completion time). In flight at the end of a second
 * is derived exactly: sent so far − completed so far. Percentile histograms are kept only for the last few open
 * seconds, so memory stays flat however long the run is.
 */
import type { Sample } from '../records/sample.js';
import { createHistogram, recordUs, type Histogram } from './histogram.js';
import type { StatusClass } from './recorder.js';
import type { TimelineSecond } from '../result/measurements.js';

export type { TimelineSecond };

/** Seconds kept open for late completions before their percentiles are frozen. */
const OPEN_SECONDS = 3;

export function createTimeline(t0Ms: number) {
  const slots: TimelineSecond[] = [];
  const open = new Map<number, Histogram>();

  function slot(second: number): TimelineSecond {
    for (let s = slots.length; s <= second; s++) {
      slots.push({ second: s, sent: 0, completed: 0, errors: { '4xx': 0, '5xx': 0, network: 0, expectation: 0 }, inFlight: 0, coldStarts: 0, p50Ms: 0, p99Ms: 0 });
    }
    return slots[second]!;
  }

  function freeze(second: number, histogram: Histogram): void {
    const s = slot(second);
    s.p50Ms = Math.round(histogram.getValueAtPercentile(50)) / 1000;
    s.p99Ms = Math.round(histogram.getValueAtPercentile(99)) / 1000;
    open.delete(second);
  }

  function record(sample: Sample, statusClass: StatusClass, error: boolean, cold: boolean): void {
    const sentSecond = Math.max(0, Math.floor((sample.sentAtMs - t0Ms) / 1000));
    const endSecond = Math.max(0, Math.floor((sample.endedAtMs - t0Ms) / 1000));
    slot(sentSecond).sent++;
    const s = slot(endSecond);
    s.completed++;
    if (cold) s.coldStarts++;
    if (error) {
      if (statusClass === 'error') s.errors.network++;
      else if (statusClass === '4xx') s.errors['4xx']++;
      else if (statusClass === '5xx') s.errors['5xx']++;
      else s.errors.expectation++;
    }
    let h = open.get(endSecond);
    if (h === undefined) {
      h = createHistogram();
      open.set(endSecond, h);
      for (const [second, old] of open) if (second < endSecond - OPEN_SECONDS) freeze(second, old);
    }
    recordUs(h, (sample.endedAtMs - sample.intendedAtMs) * 1000);
  }

  function finish(): TimelineSecond[] {
    for (const [second, h] of open) freeze(second, h);
    let sent = 0;
    let completed = 0;
    for (const s of slots) {
      sent += s.sent;
      completed += s.completed;
      s.inFlight = sent - completed;
    }
    return slots;
  }

  return { record, finish };
}
