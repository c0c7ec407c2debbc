/**
 * One live view of N workers: each worker's latest progress snapshot, added up. Counts and rates add (each worker
 * drives its share); the phase and the clock are the furthest worker's, since the workers start together and each
 * reports about once a second.
 */
import type { RunProgress } from '../run/run.js';

export function combineProgress(latest: ReadonlyArray<RunProgress | undefined>): RunProgress | undefined {
  const known = latest.filter((p): p is RunProgress => p !== undefined);
  if (known.length === 0) return undefined;
  const lead = known.reduce((a, b) => (b.elapsedMs > a.elapsedMs ? b : a));
  const sum = (field: 'achievedRps' | 'inFlight' | 'completed' | 'errors' | 'coldStarts' | 'dropped') => known.reduce((total, p) => total + p[field], 0);
  const targets = known.filter((p) => p.targetRps !== undefined);
  return {
    phaseIndex: lead.phaseIndex,
    phaseName: lead.phaseName,
    phaseCount: lead.phaseCount,
    elapsedMs: lead.elapsedMs,
    totalMs: lead.totalMs,
    ...(targets.length === 0 ? {} : { targetRps: targets.reduce((total, p) => total + p.targetRps!, 0) }),
    achievedRps: sum('achievedRps'),
    inFlight: sum('inFlight'),
    completed: sum('completed'),
    errors: sum('errors'),
    coldStarts: sum('coldStarts'),
    dropped: sum('dropped'),
  };
}
