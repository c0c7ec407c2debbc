/**
 * `lambdaload report <result.json>`: renders a saved result again, as the terminal summary, Markdown (fit for
 * `$GITHUB_STEP_SUMMARY` and PR comments), JUnit XML of the thresholds, a self-contained HTML page with charts
 * (src/report/html), or the JSON itself. Writes to stdout, or to `--out` (never over an existing file). The exit code
 * is the run's: 3 when a threshold failed, 130 when interrupted.
 */
import type { CommandModule } from 'yargs';
import { renderHtmlReport } from '../report/html/render.js';
import { renderJson } from '../report/json.js';
import { renderJunit } from '../report/junit.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderRunSummary } from '../report/summary.js';
import { readResultFile } from '../saved/read.js';
import type { RunResult } from '../result/types.js';
import { exitCodeOf } from './exit-code.js';
import { assertOutputFree, writeNewFile } from './output-file.js';

const FORMATS = ['terminal', 'md', 'junit', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface ReportArgs {
  result: string;
  format: Format;
  out?: string;
  color?: boolean;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <result>',
  describe: 'Render a saved result again: terminal summary, Markdown, JUnit XML, JSON or an HTML page with charts',
  builder: (y) =>
    y
      .positional('result', { type: 'string', demandOption: true, describe: 'A result JSON written by `lambdaload run`' })
      .option('format', { choices: FORMATS, default: 'terminal' as Format, describe: 'terminal, md (Markdown), junit (JUnit XML of the thresholds), json, or html (one self-contained page with charts; opens offline)' })
      .option('out', { type: 'string', describe: 'Write to this file (never overwritten) instead of stdout' })
      .option('color', { type: 'boolean', describe: 'Colour the terminal summary (default: when stdout is a TTY)' }) as never,
  handler: async (args) => {
    if (args.out !== undefined) await assertOutputFree(args.out);
    const result = await readResultFile(args.result);
    const color = args.out === undefined && (args.color ?? process.stdout.isTTY === true);
    const text = render(result, args.format, color);
    if (args.out === undefined) process.stdout.write(text);
    else process.stderr.write(`written: ${await writeNewFile(args.out, text, true)}\n`);
    process.exitCode = exitCodeOf(result);
  },
};

function render(result: RunResult, format: Format, color: boolean): string {
  switch (format) {
    case 'terminal':
      return renderRunSummary(result, { color });
    case 'md':
      return renderMarkdown(result);
    case 'junit':
      return renderJunit(result);
    case 'json':
      return renderJson(result);
    case 'html':
      return renderHtmlReport(result);
  }
}
