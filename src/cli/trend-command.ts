/**
 * `lambdaload trend <folder>`: the runs of one scenario in a folder in time order (warm and cold p50/p99, cold-start
 * rate, errors, cost per million), each marked when `lambdaload compare` would flag it against the run before
 * (src/trend). Markdown (default) or one self-contained HTML page with charts, to stdout or `--out` (never over an
 * existing file). Exit 0 however many runs are flagged (gate a build with `compare`); 2 for a folder without results,
 * results of several scenarios (unless --scenario picks one), or an --out that exists.
 */
import type { CommandModule } from 'yargs';
import { assertOutputFree, writeNewFile } from './output-file.js';
import { loadTrendFolder } from '../trend/load.js';
import { renderTrendHtml } from '../trend/render-html.js';
import { renderTrendMarkdown } from '../trend/render-markdown.js';
import { buildTrend } from '../trend/series.js';

const FORMATS = ['md', 'html'] as const;

interface TrendArgs {
  folder: string;
  format: (typeof FORMATS)[number];
  out?: string;
  scenario?: string;
}

export const trendCommand: CommandModule<object, TrendArgs> = {
  command: 'trend <folder>',
  describe: "One scenario's runs over time (latency, cold starts, errors, cost per million), marking the runs compare flags against the run before",
  builder: (y) =>
    y
      .positional('folder', {
        type: 'string',
        demandOption: true,
        describe: 'Folder of result JSON files (e.g. reports/). Only *.json files are read; a .json file that is not a lambdaload result is skipped with a warning naming it',
      })
      .option('format', { choices: FORMATS, default: 'md' as const, describe: 'md (a Markdown table) or html (one self-contained page with charts; opens offline)' })
      .option('out', { type: 'string', describe: 'Write to this file (never overwritten) instead of stdout' })
      .option('scenario', { type: 'string', describe: 'The scenario to follow when the folder holds results of several (otherwise exit 2, naming them)' }) as never,
  handler: async (args) => {
    if (args.out !== undefined) await assertOutputFree(args.out);
    const loaded = await loadTrendFolder(args.folder, { scenario: args.scenario });
    for (const s of loaded.skipped) process.stderr.write(`! skipped ${s.file}: ${s.reason}\n`);
    if (loaded.otherScenarios > 0) process.stderr.write(`! left out ${loaded.otherScenarios} results of other scenarios (--scenario ${JSON.stringify(args.scenario)})\n`);
    const trend = buildTrend(loaded.runs);
    const text = args.format === 'html' ? renderTrendHtml(trend) : renderTrendMarkdown(trend);
    if (args.out === undefined) process.stdout.write(text);
    else process.stderr.write(`written: ${await writeNewFile(args.out, text, true, { what: 'trend report' })}\n`);
  },
};
