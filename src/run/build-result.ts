/**
 * Builds the result file's contract (src/result/types.ts) from what a run measured: each section is picked field by
 * field, so an internal field added to the recorder, the engine or the emulator summary does not reach the file
 * until the contract declares it (the schema test then shows the change).
 */
import type { Measurements as RecorderMeasurements } from '../measure/recorder.js';
import type { DriveSummary } from '../records/sample.js';
import {
  RESULT_SCHEMA_VERSION,
  type AbortCause,
  type EngineSummary,
  type Measurements,
  type RunResult,
} from '../result/types.js';

/** What the run hands over: the sections it builds as the file has them, and the internals picked below. */
export interface ResultParts
  extends Pick<RunResult, 'scenario' | 'environment' | 'timing' | 'emulator' | 'lambda' | 'cost' | 'evidence' | 'quotas' | 'traffic' | 'thresholds' | 'warnings' | 'shard'> {
  toolVersion: string;
  aborted: boolean;
  abort?: AbortCause;
  drive: DriveSummary;
  achievedRps: number;
  measurements: RecorderMeasurements;
}

export function buildRunResult(parts: ResultParts): RunResult {
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    kind: 'run',
    tool: { name: 'lambdaload', version: parts.toolVersion },
    status: parts.aborted ? 'aborted' : 'completed',
    ...(parts.aborted ? { abort: parts.abort ?? { reason: 'interrupted' } } : {}),
    scenario: parts.scenario,
    environment: parts.environment,
    timing: parts.timing,
    engine: engineSection(parts.drive, parts.achievedRps),
    ...(parts.emulator ? { emulator: parts.emulator } : {}),
    ...(parts.lambda ? { lambda: parts.lambda } : {}),
    ...(parts.cost ? { cost: parts.cost } : {}),
    ...(parts.evidence ? { evidence: parts.evidence } : {}),
    quotas: parts.quotas,
    ...(parts.traffic ? { traffic: parts.traffic } : {}),
    ...measurementSections(parts.measurements),
    thresholds: parts.thresholds,
    warnings: parts.warnings,
    ...(parts.shard ? { shard: parts.shard } : {}),
  };
}

function engineSection(drive: DriveSummary, achievedRps: number): EngineSummary {
  return {
    scheduled: drive.scheduled,
    sent: drive.sent,
    dropped: drive.dropped,
    lateSends: drive.lateSends,
    sendLagMs: drive.sendLagMs,
    connectionWaits: drive.connectionWaits,
    connectionWaitMs: drive.connectionWaitMs,
    ...(drive.retries === undefined ? {} : { retries: drive.retries }),
    ...(drive.delayHistograms ? { delayHistograms: drive.delayHistograms } : {}),
    maxInFlight: drive.maxInFlight,
    aborted: drive.aborted,
    achievedRps,
    ...(drive.generator ? { generator: drive.generator } : {}),
  };
}

function measurementSections(m: RecorderMeasurements): Measurements {
  return {
    latency: m.latency,
    serviceTime: m.serviceTime,
    requests: m.requests,
    statusCodes: m.statusCodes,
    errorCodes: m.errorCodes,
    errorKinds: m.errorKinds,
    coldStarts: m.coldStarts,
    labelSources: m.labelSources,
    timeline: m.timeline,
    histograms: m.histograms,
  };
}
