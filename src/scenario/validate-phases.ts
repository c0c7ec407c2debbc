/**
 * Checks `phases`: each phase's type and the keys that type takes, rates, durations, and that a spike fits inside
 * its phase. A key that belongs to another phase type says so (`rampTo` is only used by ramp phases).
 */
import { formatDurationMs } from './duration.js';
import { defaultPhaseName } from './names.js';
import {
  addProblem,
  checkKnownKeys,
  keysOf,
  readDuration,
  readEnum,
  readNumber,
  readRecord,
  readString,
  type NumberRule,
  type PlainObject,
  type Problem,
} from './rules.js';
import { closestMatch } from './suggest.js';
import type { ClosedPhase, ConstantPhase, PausePhase, RampPhase, SpikePhase } from './types.js';

const PHASE_KEYS = {
  constant: keysOf<ConstantPhase>({ type: true, name: true, duration: true, rate: true, arrivals: true }),
  ramp: keysOf<RampPhase>({ type: true, name: true, duration: true, rate: true, rampTo: true, arrivals: true }),
  spike: keysOf<SpikePhase>({
    type: true,
    name: true,
    duration: true,
    rate: true,
    spikeRate: true,
    spikeAt: true,
    spikeDuration: true,
    arrivals: true,
  }),
  pause: keysOf<PausePhase>({ type: true, name: true, duration: true }),
  closed: keysOf<ClosedPhase>({ type: true, name: true, duration: true, connections: true }),
};
type PhaseType = keyof typeof PHASE_KEYS;
const PHASE_TYPES = Object.keys(PHASE_KEYS) as PhaseType[];
const ARRIVALS = ['uniform', 'poisson'] as const;
/**
 * The highest arrival rate a phase may ask for. One lambdaload process sends tens of thousands of requests per second
 * at best (bench/), so a rate far above that is a typo (an extra zero, `1e9`), not a plan: the run would only drop
 * arrivals at the in-flight cap. Split more load across several processes.
 */
export const MAX_RATE_RPS = 100_000;

/** Checks `scenario.phases`; appends to `out`. */
export function checkPhases(value: unknown, out: Problem[]): void {
  if (value === undefined) {
    addProblem(out, 'phases', "is required: at least one phase, e.g. { type: 'constant', duration: '30s', rate: 10 }");
    return;
  }
  if (!Array.isArray(value)) {
    addProblem(out, 'phases', 'must be an array of phases');
    return;
  }
  if (value.length === 0) addProblem(out, 'phases', "must have at least one phase, e.g. { type: 'constant', duration: '30s', rate: 10 }");
  const names = new Map<string, number>();
  value.forEach((item, index) => {
    const at = `phases[${index}]`;
    const phase = readRecord(item, at, out);
    if (phase === undefined) return;
    const name = readString(phase, 'name', at, out, { nonEmpty: true });
    checkDuplicateName(name ?? (phase.name === undefined ? defaultPhaseName(index) : undefined), index, names, out);
    const durationMs = readDuration(phase, 'duration', at, out, { required: true, positive: true });
    const type = readEnum(phase, 'type', at, PHASE_TYPES, out, true);
    if (type === undefined) return;
    checkKnownKeys(phase, at, PHASE_KEYS[type], out, (key) => belongsElsewhere(key, type));
    checkPhaseOfType(type, phase, at, durationMs, out);
  });
}

function checkPhaseOfType(type: PhaseType, phase: PlainObject, at: string, durationMs: number | undefined, out: Problem[]): void {
  if (type !== 'pause' && type !== 'closed') readEnum(phase, 'arrivals', at, ARRIVALS, out);
  switch (type) {
    case 'constant':
      readRate(phase, 'rate', at, out, { required: true, above: 0, why: 'arrivals per second' });
      return;
    case 'ramp':
      // A ramp may start from 0 (the usual warm-up); it must end above 0.
      readRate(phase, 'rate', at, out, { required: true, min: 0, why: 'arrivals per second at the start' });
      readRate(phase, 'rampTo', at, out, { required: true, above: 0, why: 'arrivals per second at the end' });
      return;
    case 'spike':
      checkSpike(phase, at, durationMs, out);
      return;
    case 'closed':
      readNumber(phase, 'connections', at, out, { required: true, integer: true, min: 1 });
      return;
    case 'pause':
      return;
  }
}

function checkSpike(phase: PlainObject, at: string, durationMs: number | undefined, out: Problem[]): void {
  // The rate around the spike may be 0: a burst out of silence is a cold-start test.
  readRate(phase, 'rate', at, out, { required: true, min: 0, why: 'arrivals per second outside the spike' });
  readRate(phase, 'spikeRate', at, out, { required: true, above: 0, why: 'arrivals per second during the spike' });
  const spikeDurationMs = readDuration(phase, 'spikeDuration', at, out, { required: true, positive: true });
  const spikeAtMs = readDuration(phase, 'spikeAt', at, out);
  if (durationMs === undefined || spikeDurationMs === undefined) return;
  if (phase.spikeAt !== undefined && spikeAtMs === undefined) return;
  const startMs = spikeAtMs ?? 0;
  if (startMs + spikeDurationMs > durationMs) {
    if (spikeAtMs === undefined) {
      addProblem(out, `${at}.spikeDuration`, `is longer than its phase (${formatDurationMs(spikeDurationMs)} > ${formatDurationMs(durationMs)})`);
    } else {
      const endMs = formatDurationMs(spikeAtMs + spikeDurationMs);
      addProblem(out, `${at}.spikeAt`, `puts the spike outside its phase: it ends at ${endMs}, the phase lasts ${formatDurationMs(durationMs)}`);
    }
  }
}

/** A rate in arrivals per second: the rule's bounds, then the cap above which a rate is a typo (MAX_RATE_RPS). */
function readRate(phase: PlainObject, key: string, at: string, out: Problem[], rule: NumberRule): void {
  const rate = readNumber(phase, key, at, out, rule);
  if (rate !== undefined && rate > MAX_RATE_RPS) {
    addProblem(out, `${at}.${key}`, `must be at most ${MAX_RATE_RPS} arrivals per second, more than one lambdaload process can send (got ${rate}); split larger loads across processes`);
  }
}

function checkDuplicateName(name: string | undefined, index: number, names: Map<string, number>, out: Problem[]): void {
  if (name === undefined) return;
  const first = names.get(name);
  if (first === undefined) {
    names.set(name, index);
    return;
  }
  addProblem(out, `phases[${index}].name`, `repeats the name '${name}' of phases[${first}]; results are kept per phase name`);
}

/** For a key that is not valid in a `type` phase: what to say when another phase type uses it. */
function belongsElsewhere(key: string, type: PhaseType): string | undefined {
  const owners = PHASE_TYPES.filter((other) => (PHASE_KEYS[other] as readonly string[]).includes(key));
  if (owners.length > 0) return `is not used by a ${type} phase (only by ${owners.map((o) => `${o}`).join(', ')} phases)`;
  if (closestMatch(key, PHASE_KEYS[type]) !== undefined) return undefined;
  const elsewhere = closestMatch(key, PHASE_TYPES.flatMap((other) => PHASE_KEYS[other]));
  if (elsewhere === undefined) return undefined;
  const owner = PHASE_TYPES.filter((other) => (PHASE_KEYS[other] as readonly string[]).includes(elsewhere));
  return `is not a known key; did you mean ${elsewhere}? (used by ${owner.join(', ')} phases only)`;
}
