/**
 * A valid scenario with its defaults filled in and every phase and HTTP duration in milliseconds: what the engine,
 * the reports and the result file work from. The target comes both as written (the emulator is started from it) and
 * resolved (src/target/resolve.ts): everything that needs a function's memory, timeout or the API's limits reads the
 * resolved one.
 */
import { resolveTarget } from './resolve.js';
import type { ResolvedTarget } from './types.js';
import { implicitThresholds } from '../thresholds/implicit.js';
import { parseDurationMs } from '../scenario/duration.js';
import type { LoadedScenario } from '../scenario/load.js';
import { defaultPhaseName, requestName } from '../scenario/names.js';
import type {
  Arrivals,
  HttpMethod,
  Phase,
  ProjectionSpec,
  RequestExpectation,
  SafetySpec,
  EvidenceSpec,
  Target,
  Threshold,
} from '../scenario/types.js';

/** HTTP client defaults for open-model phases. */
export const HTTP_DEFAULTS = {
  connections: 100,
  maxInFlight: 10_000,
  timeoutMs: 60_000,
} as const;

interface ResolvedPhaseBase {
  /** The phase's `name`, else `phase-N` (1-based). */
  name: string;
  durationMs: number;
}

export interface ResolvedConstantPhase extends ResolvedPhaseBase {
  type: 'constant';
  rate: number;
  arrivals: Arrivals;
}

export interface ResolvedRampPhase extends ResolvedPhaseBase {
  type: 'ramp';
  rate: number;
  rampTo: number;
  arrivals: Arrivals;
}

export interface ResolvedSpikePhase extends ResolvedPhaseBase {
  type: 'spike';
  rate: number;
  spikeRate: number;
  /** Offset of the spike from the phase start; default the middle of the phase minus half the spike. */
  spikeAtMs: number;
  spikeDurationMs: number;
  arrivals: Arrivals;
}

export interface ResolvedPausePhase extends ResolvedPhaseBase {
  type: 'pause';
}

export interface ResolvedClosedPhase extends ResolvedPhaseBase {
  type: 'closed';
  connections: number;
}

/** A scenario `Phase` with its name filled in and every `Duration` in milliseconds. */
export type ResolvedPhase = ResolvedConstantPhase | ResolvedRampPhase | ResolvedSpikePhase | ResolvedPausePhase | ResolvedClosedPhase;

/** A request with its name, method and weight filled in. */
export interface ResolvedRequest {
  /** The request's `name`, else `METHOD path` with the path template as written. */
  name: string;
  method: HttpMethod;
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
  weight: number;
  expect?: RequestExpectation;
}

export interface ResolvedHttpOptions {
  connections: number;
  maxInFlight: number;
  timeoutMs: number;
}

export interface ResolvedScenario {
  /** Absolute path of the scenario file. */
  file: string;
  /** Its folder: relative paths in the scenario (function `code`) start here. */
  dir: string;
  name: string;
  description?: string;
  /** As written. */
  target: Target;
  /** With every default applied: what cost, quotas, summaries and the result read. */
  resolvedTarget: ResolvedTarget;
  phases: ResolvedPhase[];
  requests: ResolvedRequest[];
  /** As declared. */
  thresholds: Threshold[];
  /** Applied on top of `thresholds` (an errorRate bound when none is declared: src/thresholds/implicit.ts). */
  implicitThresholds: Threshold[];
  http: ResolvedHttpOptions;
  projection?: ProjectionSpec;
  safety?: SafetySpec;
  /** As declared (src/cloudwatch reads it). */
  evidence?: EvidenceSpec;
  /** Sum of the phase durations. */
  durationMs: number;
}

/** Fills in defaults and converts durations. `loaded.scenario` must be valid (`loadScenario` validates it). */
export function resolveScenario(loaded: Pick<LoadedScenario, 'file' | 'dir' | 'scenario'>): ResolvedScenario {
  const { scenario } = loaded;
  const phases = scenario.phases.map(resolvePhase);
  const http = scenario.http ?? {};
  return {
    file: loaded.file,
    dir: loaded.dir,
    name: scenario.name,
    ...(scenario.description === undefined ? {} : { description: scenario.description }),
    target: scenario.target,
    resolvedTarget: resolveTarget(scenario.target, scenario.projection?.region === undefined ? {} : { region: scenario.projection.region }),
    phases,
    requests: scenario.requests.map((request) => ({
      ...request,
      name: requestName(request),
      method: request.method ?? 'GET',
      path: request.path ?? '',
      weight: request.weight ?? 1,
    })),
    thresholds: scenario.thresholds ?? [],
    implicitThresholds: implicitThresholds(scenario.thresholds ?? []),
    http: {
      connections: http.connections ?? HTTP_DEFAULTS.connections,
      maxInFlight: http.maxInFlight ?? HTTP_DEFAULTS.maxInFlight,
      timeoutMs: http.timeout === undefined ? HTTP_DEFAULTS.timeoutMs : parseDurationMs(http.timeout),
    },
    ...(scenario.projection === undefined ? {} : { projection: scenario.projection }),
    ...(scenario.safety === undefined ? {} : { safety: scenario.safety }),
    ...(scenario.evidence === undefined ? {} : { evidence: scenario.evidence }),
    durationMs: phases.reduce((sum, phase) => sum + phase.durationMs, 0),
  };
}

/** One phase with its name, arrivals and milliseconds filled in; `index` is its position in `phases`. */
export function resolvePhase(phase: Phase, index: number): ResolvedPhase {
  const name = phase.name ?? defaultPhaseName(index);
  const durationMs = parseDurationMs(phase.duration);
  switch (phase.type) {
    case 'constant':
      return { type: 'constant', name, durationMs, rate: phase.rate, arrivals: phase.arrivals ?? 'uniform' };
    case 'ramp':
      return { type: 'ramp', name, durationMs, rate: phase.rate, rampTo: phase.rampTo, arrivals: phase.arrivals ?? 'uniform' };
    case 'spike': {
      const spikeDurationMs = parseDurationMs(phase.spikeDuration);
      const spikeAtMs = phase.spikeAt === undefined ? (durationMs - spikeDurationMs) / 2 : parseDurationMs(phase.spikeAt);
      return {
        type: 'spike',
        name,
        durationMs,
        rate: phase.rate,
        spikeRate: phase.spikeRate,
        spikeAtMs,
        spikeDurationMs,
        arrivals: phase.arrivals ?? 'uniform',
      };
    }
    case 'pause':
      return { type: 'pause', name, durationMs };
    case 'closed':
      return { type: 'closed', name, durationMs, connections: phase.connections };
  }
}
