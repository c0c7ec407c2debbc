/**
 * Turns labelled samples into HDR histograms keyed by phase × request × start × status class, for two metrics:
 * `latency` (end − intended send: what a user waits, coordinated-omission safe) and `service` (end − actual send).
 * Memory is fixed per key, whatever the run length; histograms are created lazily on first use.
 */
import type { Sample } from '../records/sample.js';
import type { EncodedHistogram, HistogramKey, Measurements, StartBuckets } from '../result/measurements.js';
import type { StartLabel } from '../scenario/types.js';
import type { SampleLabel } from '../coldstart/label.js';
import { classifyError } from './classify-error.js';
import { createRequestErrorCounter, type ErrorKinds } from './error-kinds.js';
import { createHistogram, encodeHistogram, mergeHistograms, recordUs, type Histogram } from './histogram.js';
import { summarizeHistogram, type LatencyStats } from './stats.js';
import { createTimeline, type TimelineSecond } from './timeline.js';

export const START_LABELS = ['cold', 'warm', 'unknown'] as const satisfies readonly StartLabel[];
export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx', 'error'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export type { EncodedHistogram, HistogramKey, Measurements, StartBuckets };

interface Cell {
  key: HistogramKey;
  latency: Histogram;
  service: Histogram;
}

export interface RecorderOptions {
  phaseNames: readonly string[];
  requestNames: readonly string[];
  /** performance.now() of the run's start: second 0 of the timeline. */
  t0Ms: number;
}

export function statusClassOf(sample: Pick<Sample, 'status'>): StatusClass {
  const s = sample.status;
  if (s >= 200 && s < 300) return '2xx';
  if (s >= 300 && s < 400) return '3xx';
  if (s >= 400 && s < 500) return '4xx';
  if (s >= 500) return '5xx';
  return 'error';
}

export function isErrorSample(sample: Pick<Sample, 'status' | 'expectationFailed'>): boolean {
  return sample.status === 0 || sample.expectationFailed === true;
}

export function createRecorder(options: RecorderOptions) {
  const { phaseNames, requestNames } = options;
  const cells = new Map<number, Cell>();
  const initHistogram = createHistogram();
  const downstream = new Map<string, number>();
  let downstreamOnly = 0;
  const statusCodes = new Map<number, number>();
  const errorCodes = new Map<string, number>();
  const labelSources = new Map<string, number>();
  const requestErrors = createRequestErrorCounter();
  const timeline = createTimeline(options.t0Ms);
  const totals = { completed: 0, ok: 0, errors: 0, expectationFailures: 0, bytesSent: 0, bytesReceived: 0, coldStarts: 0 };

  function cellFor(phaseIndex: number, requestIndex: number, start: StartLabel, statusClass: StatusClass): Cell {
    const id =
      ((phaseIndex * requestNames.length + requestIndex) * START_LABELS.length + START_LABELS.indexOf(start as never)) *
        STATUS_CLASSES.length +
      STATUS_CLASSES.indexOf(statusClass);
    let cell = cells.get(id);
    if (cell === undefined) {
      cell = {
        key: { phase: phaseNames[phaseIndex] ?? `phase-${phaseIndex + 1}`, request: requestNames[requestIndex] ?? `request-${requestIndex + 1}`, start, statusClass },
        latency: createHistogram(),
        service: createHistogram(),
      };
      cells.set(id, cell);
    }
    return cell;
  }

  function record(sample: Sample, label: SampleLabel): void {
    const statusClass = statusClassOf(sample);
    const cell = cellFor(sample.phaseIndex, sample.requestIndex, label.start, statusClass);
    recordUs(cell.latency, (sample.endedAtMs - sample.intendedAtMs) * 1000);
    recordUs(cell.service, (sample.endedAtMs - sample.sentAtMs) * 1000);

    const error = isErrorSample(sample);
    totals.completed++;
    if (error) {
      totals.errors++;
      const kind = classifyError(sample);
      if (kind !== undefined) requestErrors.add(requestNames[sample.requestIndex] ?? `request-${sample.requestIndex + 1}`, kind);
    } else totals.ok++;
    if (sample.expectationFailed) totals.expectationFailures++;
    totals.bytesSent += sample.bytesSent;
    totals.bytesReceived += sample.bytesReceived;
    if (sample.status !== 0) statusCodes.set(sample.status, (statusCodes.get(sample.status) ?? 0) + 1);
    if (sample.errorCode !== undefined) errorCodes.set(sample.errorCode, (errorCodes.get(sample.errorCode) ?? 0) + 1);
    labelSources.set(label.source, (labelSources.get(label.source) ?? 0) + 1);
    if (label.start === 'cold') {
      totals.coldStarts++;
      if (label.initMs !== undefined) recordUs(initHistogram, label.initMs * 1000);
      if (label.downstream) {
        if (label.ownStart === 'warm') downstreamOnly++;
        for (const name of new Set(label.downstream.map((d) => d.functionName))) downstream.set(name, (downstream.get(name) ?? 0) + 1);
      }
    }
    timeline.record(sample, statusClass, error, label.start === 'cold');
  }

  function bucketsOf(select: (cell: Cell) => boolean, metric: 'latency' | 'service'): StartBuckets {
    const chosen = [...cells.values()].filter(select);
    const of = (start?: StartLabel) =>
      summarizeHistogram(mergeHistograms(chosen.filter((c) => start === undefined || c.key.start === start).map((c) => c[metric])));
    return { all: of(), cold: of('cold'), warm: of('warm'), unknown: of('unknown') };
  }

  function byName(names: readonly string[], field: 'phase' | 'request', metric: 'latency' | 'service') {
    const out: Record<string, StartBuckets> = {};
    for (const name of names) out[name] = bucketsOf((c) => c.key[field] === name, metric);
    return out;
  }

  /** A cheap view for live progress. */
  function snapshot() {
    return { completed: totals.completed, errors: totals.errors, coldStarts: totals.coldStarts };
  }

  function finish(): Measurements {
    const histograms: EncodedHistogram[] = [];
    for (const cell of cells.values()) {
      histograms.push({ metric: 'latency', key: cell.key, stats: summarizeHistogram(cell.latency), encoded: encodeHistogram(cell.latency) });
      histograms.push({ metric: 'service', key: cell.key, stats: summarizeHistogram(cell.service), encoded: encodeHistogram(cell.service) });
    }
    return {
      latency: {
        overall: bucketsOf(() => true, 'latency'),
        byRequest: byName(requestNames, 'request', 'latency'),
        byPhase: byName(phaseNames, 'phase', 'latency'),
      },
      serviceTime: { overall: bucketsOf(() => true, 'service'), byRequest: byName(requestNames, 'request', 'service') },
      requests: {
        completed: totals.completed,
        ok: totals.ok,
        errors: totals.errors,
        expectationFailures: totals.expectationFailures,
        bytesSent: totals.bytesSent,
        bytesReceived: totals.bytesReceived,
      },
      statusCodes: Object.fromEntries([...statusCodes].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v])),
      errorCodes: Object.fromEntries(errorCodes),
      errorKinds: { ...requestErrors.finish(), functions: [] },
      coldStarts: {
        count: totals.coldStarts,
        rate: totals.completed === 0 ? 0 : totals.coldStarts / totals.completed,
        initMs: summarizeHistogram(initHistogram),
        ...(downstream.size > 0 ? { downstream: Object.fromEntries(downstream), downstreamOnly } : {}),
      },
      labelSources: Object.fromEntries(labelSources),
      timeline: timeline.finish(),
      histograms,
    };
  }

  return { record, snapshot, finish };
}

export type Recorder = ReturnType<typeof createRecorder>;
