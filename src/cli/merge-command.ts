/**
 * `lambdaload merge <results...>`: adds the results of `lambdaload run --shard i/N` back into one result of the whole
 * scenario (src/merge). `--out` writes the merged result JSON (never over an existing file), which `report` and
 * `compare` read like any run's; stdout shows it as the terminal summary, Markdown or JSON. Exit 2 when the files
 * cannot be merged (not shards, different scenarios, indices missing or twice); else the merged run's exit code
 * (3 when a threshold fails on the merged numbers).
 */
import type { CommandModule } from 'yargs';
import { mergeShards } from '../merge/merge.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderRunSummary } from '../report/summary.js';
import { readResultFile } from '../saved/read.js';
import { exitCodeOf } from './exit-code.js';
import { assertOutputFree, writeNewFile } from './output-file.js';

const FORMATS = ['terminal', 'json', 'md'] as const;

interface MergeArgs {
  results: string[];
  out?: string;
  format: (typeof FORMATS)[number];
  'allow-partial': boolean;
  color?: boolean;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <results...>',
  describe: 'Merge the results of `run --shard i/N` into one result of the whole scenario (histograms added exactly)',
  builder: (y) =>
    y
      .positional('results', { type: 'string', array: true, demandOption: true, describe: 'The shards\' result JSON files' })
      .option('out', { type: 'string', describe: 'Write the merged result JSON here (never overwritten)' })
      .option('format', { choices: FORMATS, default: 'terminal' as const, describe: 'What stdout shows: terminal summary, json (the merged result) or md' })
      .option('allow-partial', { type: 'boolean', default: false, describe: 'Merge although some shards are missing (the result is marked partial)' })
      .option('color', { type: 'boolean', describe: 'Colour the terminal summary (default: when stdout is a TTY)' }) as never,
  handler: async (args) => {
    if (args.out !== undefined) await assertOutputFree(args.out);
    const inputs = await Promise.all(args.results.map(async (file) => ({ file, result: await readResultFile(file) })));
    const result = mergeShards(inputs, { allowPartial: args['allow-partial'] });
    const written = args.out === undefined ? undefined : await writeNewFile(args.out, renderJson(result), true, { what: 'merged result', flag: '--out' });
    if (args.format === 'json') process.stdout.write(renderJson(result));
    else if (args.format === 'md') process.stdout.write(renderMarkdown(result));
    else process.stdout.write(renderRunSummary(result, { color: args.color ?? process.stdout.isTTY === true }));
    if (written) process.stderr.write(`merged result: ${written}\n`);
    process.exitCode = exitCodeOf(result);
  },
};
