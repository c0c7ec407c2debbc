/**
 * Cold/warm labels for samples, each with the evidence it rests on. Nothing is guessed: a sample without evidence
 * stays `unknown`, and the result says how many samples each source labelled.
 *
 * Sources:
 * - `emulator-header`: the local emulator's `x-lambdaload-start` response header (from its own invocation records).
 * - `wrapper-header`: the same header set by lambdaload's opt-in wrapper around a deployed handler.
 * - `report-log`: REPORT lines (Init Duration present ⇒ cold) joined after the run by request id (AWS targets).
 * - `report-tail`: the REPORT record of the log tail a direct Invoke answers with (`LogType: 'Tail'`), per request.
 * - `none`: no evidence; labelled `unknown`.
 *
 * A request whose own function was warm but that waited for a cold start further down its call chain (a function it
 * invoked started an environment) is labelled `cold`, with `downstream` naming those functions: its latency carries
 * a cold start, and counting it warm would hide exactly what the caller's users feel.
 */
import type { Sample } from '../records/sample.js';
import type { StartLabel } from '../scenario/types.js';
import { parseStartHeader } from '../evidence/start-header.js';

export const LABEL_SOURCES = ['emulator-header', 'wrapper-header', 'report-log', 'report-tail', 'none'] as const;
export type LabelSource = (typeof LABEL_SOURCES)[number];

export interface SampleLabel {
  start: StartLabel;
  source: LabelSource;
  /** Init duration reported by the evidence, cold starts only. */
  initMs?: number;
  environmentId?: string;
  /** Cold starts down the call chain that this request waited for (see above). */
  downstream?: { functionName: string; initMs?: number }[];
  /** With `downstream`: whether the request's own function was cold or warm. */
  ownStart?: 'cold' | 'warm';
}

export const UNKNOWN: SampleLabel = Object.freeze({ start: 'unknown', source: 'none' }) as SampleLabel;

/**
 * Labels a sample from its response header. `headerSource` says who sets the header for this target: the
 * emulator (local target) or the wrapper (deployed target).
 */
export function labelFromHeader(sample: Pick<Sample, 'startHeader'>, headerSource: 'emulator-header' | 'wrapper-header'): SampleLabel {
  if (sample.startHeader === undefined) return UNKNOWN;
  const parsed = parseStartHeader(sample.startHeader);
  if (parsed === undefined) return UNKNOWN;
  const downstream = parsed.downstreamCold;
  if (!downstream?.length) return { start: parsed.start, source: headerSource, initMs: parsed.initMs, environmentId: parsed.environmentId };
  // Own INIT first; else the longest INIT down the chain, the one the request waited for.
  const downstreamInits = downstream.flatMap((d) => (d.initMs === undefined ? [] : [d.initMs]));
  const initMs = parsed.initMs ?? (downstreamInits.length > 0 ? Math.max(...downstreamInits) : undefined);
  return { start: 'cold', source: headerSource, initMs, environmentId: parsed.environmentId, downstream, ownStart: parsed.start };
}
