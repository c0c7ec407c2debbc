/**
 * Live progress: one redrawn line on a TTY, a plain line every few seconds otherwise, nothing with --quiet.
 * It only listens to progress snapshots; it never touches the engine.
 */
import type { RunProgress } from '../run/run.js';

export function formatProgressLine(p: RunProgress): string {
  const phase = `${p.phaseName} ${p.phaseIndex + 1}/${p.phaseCount}`;
  const time = `${(p.elapsedMs / 1000).toFixed(1)}s/${(p.totalMs / 1000).toFixed(1)}s`;
  const rate = p.targetRps === undefined ? `${p.achievedRps.toFixed(0)} req/s` : `${p.achievedRps.toFixed(0)}/${p.targetRps.toFixed(0)} req/s`;
  return `${phase} · ${time} · ${rate} · in-flight ${p.inFlight} · done ${p.completed} · errors ${p.errors} · cold ${p.coldStarts}${p.dropped ? ` · dropped ${p.dropped}` : ''}`;
}

export interface ProgressPrinter {
  update(p: RunProgress): void;
  done(): void;
}

export function createProgressPrinter(stream: NodeJS.WriteStream, options: { quiet: boolean; plainEveryMs?: number }): ProgressPrinter {
  if (options.quiet) return { update() {}, done() {} };
  if (stream.isTTY) {
    let drawn = false;
    return {
      update(p) {
        const line = formatProgressLine(p).slice(0, Math.max(20, (stream.columns ?? 80) - 1));
        stream.write(`\r\u001b[2K${line}`);
        drawn = true;
      },
      done() {
        if (drawn) stream.write('\r\u001b[2K');
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
    done() {},
  };
}
