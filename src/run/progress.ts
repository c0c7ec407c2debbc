/** What a run reports about once a second while its phases play (the CLI's live line, `run --workers`' parent). */
import type { DriveProgress } from '../engine/drive.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';

export interface RunProgress {
  phaseIndex: number;
  phaseName: string;
  phaseCount: number;
  elapsedMs: number;
  totalMs: number;
  targetRps?: number;
  /** Requests sent over the last progress interval, per second. */
  achievedRps: number;
  inFlight: number;
  completed: number;
  errors: number;
  coldStarts: number;
  dropped: number;
}

/** Turns the driver's ticks into RunProgress: the send rate over each interval, the recorder's counts so far. */
export function progressReporter(
  scenario: ResolvedScenario,
  snapshot: () => { completed: number; errors: number; coldStarts: number } | undefined,
): (tick: DriveProgress) => RunProgress {
  let lastSent = 0;
  let lastTickMs = 0;
  return (p) => {
    const intervalMs = p.elapsedMs - lastTickMs;
    const achievedRps = intervalMs > 0 ? ((p.sent - lastSent) * 1000) / intervalMs : 0;
    lastSent = p.sent;
    lastTickMs = p.elapsedMs;
    const snap = snapshot() ?? { completed: 0, errors: 0, coldStarts: 0 };
    return {
      phaseIndex: p.phaseIndex,
      phaseName: scenario.phases[p.phaseIndex]?.name ?? '',
      phaseCount: scenario.phases.length,
      elapsedMs: p.elapsedMs,
      totalMs: scenario.durationMs,
      ...(p.targetRps === undefined ? {} : { targetRps: p.targetRps }),
      achievedRps,
      inFlight: p.inFlight,
      completed: snap.completed,
      errors: snap.errors,
      coldStarts: snap.coldStarts,
      dropped: p.dropped,
    };
  };
}
