/**
 * The steps of reading the evidence after a run, as a caller sees them (the CLI shows each while it lasts), and how
 * a caller skips them: aborting the signal it passed ends the current step at once (a wait, a request in flight, a
 * poll), and the run keeps its own figures without the evidence (run-evidence.ts says so in a warning).
 */

export type EvidenceStepName = 'wait' | 'metrics' | 'logs';

export interface EvidenceStep {
  step: EvidenceStepName;
  /** What it waits for, in words. */
  what: string;
  startedAtMs: number;
  /** The most this step waits, when it is bounded by lambdaload (the ingestion delay, the Insights query wait). */
  upToMs?: number;
}

/** Thrown by the collector when the caller's signal fired: caught in run-evidence.ts, never reaches the user. */
export class EvidenceSkipped extends Error {
  constructor(readonly step: EvidenceStepName) {
    super(`CloudWatch evidence skipped during the ${step} step`);
    this.name = 'EvidenceSkipped';
  }
}

/** `work`, unless the signal fires first: then EvidenceSkipped (the work's own promise is left to settle unheard). */
export function unlessSkipped<T>(work: Promise<T>, signal: AbortSignal | undefined, step: EvidenceStepName): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new EvidenceSkipped(step));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new EvidenceSkipped(step));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
