/**
 * Live progress: one redrawn line on a TTY, a plain line every few seconds otherwise, nothing with --quiet.
 * It only listens to progress snapshots; it never touches the engine. After the traffic, the CloudWatch evidence
 * steps (their wait can last minutes): on a TTY one line redrawn each second with the time spent, otherwise one line
 * per step, each saying how to skip.
 */
import type { EvidenceStep } from '../cloudwatch/steps.js';
import type { RunProgress } from '../run/run.js';

const VERBS: Record<EvidenceStep['step'], string> = { wait: 'waiting for', metrics: 'reading', logs: 'querying' };
export const EVIDENCE_SKIP_HINT = 'Ctrl-C skips it (the result is kept, without evidence)';

const seconds = (ms: number) => (ms >= 120_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`);

/** `CloudWatch evidence: waiting for … · 12 s / up to 2 min · Ctrl-C skips it …`; no elapsed time in a plain log. */
export function formatEvidenceStepLine(step: EvidenceStep, nowMs?: number): string {
  const elapsed = nowMs === undefined ? undefined : Math.max(0, nowMs - step.startedAtMs);
  const time = elapsed === undefined ? (step.upToMs === undefined ? '' : ` · up to ${seconds(step.upToMs)}`) : ` · ${seconds(elapsed)}${step.upToMs === undefined ? '' : ` / up to ${seconds(step.upToMs)}`}`;
  return `CloudWatch evidence: ${VERBS[step.step]} ${step.what}${time} · ${EVIDENCE_SKIP_HINT}`;
}

export function formatProgressLine(p: RunProgress): string {
  const phase = `${p.phaseName} ${p.phaseIndex + 1}/${p.phaseCount}`;
  const time = `${(p.elapsedMs / 1000).toFixed(1)}s/${(p.totalMs / 1000).toFixed(1)}s`;
  const rate = p.targetRps === undefined ? `${p.achievedRps.toFixed(0)} req/s` : `${p.achievedRps.toFixed(0)}/${p.targetRps.toFixed(0)} req/s`;
  return `${phase} · ${time} · ${rate} · in-flight ${p.inFlight} · done ${p.completed} · errors ${p.errors} · cold ${p.coldStarts}${p.dropped ? ` · dropped ${p.dropped}` : ''}`;
}

export interface ProgressPrinter {
  update(p: RunProgress): void;
  evidence(step: EvidenceStep): void;
  done(): void;
}

export function createProgressPrinter(stream: NodeJS.WriteStream, options: { quiet: boolean; plainEveryMs?: number }): ProgressPrinter {
  if (options.quiet) return { update() {}, evidence() {}, done() {} };
  if (stream.isTTY) {
    let drawn = false;
    let ticker: NodeJS.Timeout | undefined;
    const draw = (text: string) => {
      stream.write(`\r\u001b[2K${text.slice(0, Math.max(20, (stream.columns ?? 80) - 1))}`);
      drawn = true;
    };
    return {
      update(p) {
        draw(formatProgressLine(p));
      },
      evidence(step) {
        clearInterval(ticker);
        draw(formatEvidenceStepLine(step, Date.now()));
        ticker = setInterval(() => draw(formatEvidenceStepLine(step, Date.now())), 1000).unref();
      },
      done() {
        clearInterval(ticker);
        ticker = undefined;
        if (drawn) stream.write('\r\u001b[2K');
        drawn = false;
      },
    };
  }
  const every = options.plainEveryMs ?? 5000;
  let last = -Infinity;
  return {
    update(p) {
      if (p.elapsedMs - last < every) return;
      last = p.elapsedMs;
      stream.write(`${formatProgressLine(p)}\n`);
    },
    evidence(step) {
      stream.write(`${formatEvidenceStepLine(step)}\n`);
    },
    done() {},
  };
}
