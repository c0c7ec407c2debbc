/**
 * `lambdaload compare <baseline.json> <current.json>`: what changed between two runs of one scenario, with a verdict
 * per metric that does not mistake noise for a regression (src/compare). Exit 3 on a regression, 0 otherwise; 2 for
 * unreadable files or runs of different scenarios (unless --force).
 */
import type { CommandModule } from 'yargs';
import { compareResults } from '../compare/compare.js';
import { renderComparisonJson, renderComparisonMarkdown, renderComparisonTerminal } from '../compare/render.js';
import { renderComparisonHtml } from '../compare/render-html.js';
import { DEFAULT_RULES, type CompareRules } from '../compare/rules.js';
import { EXIT_CODES, LambdaloadError } from '../errors.js';
import { readResultFile } from '../saved/read.js';
import { assertOutputFree, writeNewFile } from './output-file.js';

const FORMATS = ['terminal', 'md', 'json', 'html'] as const;

interface CompareArgs {
  baseline: string;
  current: string;
  format: (typeof FORMATS)[number];
  out?: string;
  force: boolean;
  'latency-tolerance': number;
  'latency-min-ms': number;
  'tail-tolerance': number;
  'tail-min-ms': number;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <baseline> <current>',
  describe: 'Compare two runs of one scenario: latency, error and cold-start rates, cost, quotas; exit 3 on a regression',
  builder: (y) =>
    y
      .positional('baseline', { type: 'string', demandOption: true, describe: 'Result JSON of the reference run' })
      .positional('current', { type: 'string', demandOption: true, describe: 'Result JSON of the run to judge' })
      .option('format', { choices: FORMATS, default: 'terminal' as const, describe: 'terminal, md, json or html (one self-contained page)' })
      .option('out', { type: 'string', describe: 'Write to this file (never overwritten) instead of stdout' })
      .option('force', { type: 'boolean', default: false, describe: 'Compare runs of different scenarios anyway' })
      .option('latency-tolerance', { type: 'number', default: DEFAULT_RULES.latency.relative * 100, describe: 'Percent p50 may move before it is a regression' })
      .option('latency-min-ms', { type: 'number', default: DEFAULT_RULES.latency.absoluteMs, describe: 'Milliseconds p50 may move before it is a regression' })
      .option('tail-tolerance', { type: 'number', default: DEFAULT_RULES.latencyTail.relative * 100, describe: 'Percent p99 may move before it is a regression' })
      .option('tail-min-ms', { type: 'number', default: DEFAULT_RULES.latencyTail.absoluteMs, describe: 'Milliseconds p99 may move before it is a regression' })
      .check((argv) => {
        for (const key of ['latency-tolerance', 'latency-min-ms', 'tail-tolerance', 'tail-min-ms'] as const) {
          const v = argv[key];
          if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new LambdaloadError('USAGE', `--${key} must be a number ≥ 0 (got ${String(v)})`);
        }
        return true;
      }) as never,
  handler: async (args) => {
    if (args.out !== undefined) await assertOutputFree(args.out);
    const [baseline, current] = await Promise.all([readResultFile(args.baseline), readResultFile(args.current)]);
    const rules: CompareRules = {
      ...DEFAULT_RULES,
      latency: { ...DEFAULT_RULES.latency, relative: args['latency-tolerance'] / 100, absoluteMs: args['latency-min-ms'] },
      latencyTail: { ...DEFAULT_RULES.latencyTail, relative: args['tail-tolerance'] / 100, absoluteMs: args['tail-min-ms'] },
    };
    const comparison = compareResults(baseline, current, { baseline: args.baseline, current: args.current }, { rules, force: args.force });
    const text =
      args.format === 'md'
        ? renderComparisonMarkdown(comparison)
        : args.format === 'json'
          ? renderComparisonJson(comparison)
          : args.format === 'html'
            ? renderComparisonHtml(comparison)
            : renderComparisonTerminal(comparison);
    if (args.out === undefined) process.stdout.write(text);
    else process.stderr.write(`written: ${await writeNewFile(args.out, text, true)}\n`);
    process.exitCode = comparison.regressions > 0 ? EXIT_CODES.thresholdsFailed : EXIT_CODES.ok;
  },
};
