/**
 * `lambdaload run <scenario>`: runs a scenario, shows live progress, prints the summary, writes the JSON result
 * (also when interrupted: the partial result is marked `aborted`) and sets the exit code.
 */
import type { CommandModule } from 'yargs';
import { EXIT_CODES, LambdaloadError } from '../errors.js';
import { run } from '../run/run.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderRunSummary } from '../report/summary.js';
import { createProgressPrinter } from './progress.js';
import { exitCodeOf } from './exit-code.js';
import { assertOutputFree, defaultResultPath, writeNewFile } from './output-file.js';

interface RunArgs {
  scenario: string;
  out?: string;
  'reports-dir': string;
  quiet: boolean;
  json: boolean;
  markdown?: string;
  color?: boolean;
  'allow-remote'?: boolean;
  'max-cost-usd'?: number;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <scenario>',
  describe: 'Run a load-test scenario (a .ts file) and report latency, cold starts, cost and quotas',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file, e.g. scenarios/hello.ts' })
      .option('out', { type: 'string', describe: 'Result JSON path (never overwritten). Default reports/<scenario>-<timestamp>.json' })
      .option('reports-dir', { type: 'string', default: 'reports', describe: 'Folder for result files' })
      .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'No live progress' })
      .option('markdown', { type: 'string', describe: 'Also write a Markdown report to this path (never overwritten)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the result JSON to stdout instead of the summary' })
      .option('color', { type: 'boolean', describe: 'Colour the summary (default: when stdout is a TTY)' })
      .option('allow-remote', { type: 'boolean', describe: 'Consent to send traffic to a target beyond this machine (a deployed API); the plan and its AWS cost are printed first' })
      .option('max-cost-usd', { type: 'number', describe: 'Refuse a remote run whose own AWS cost may exceed this (USD)' })
      .check((argv) => {
        const max = argv['max-cost-usd'];
        if (max !== undefined && !(Number.isFinite(max) && max >= 0)) {
          throw new LambdaloadError('USAGE', `--max-cost-usd must be a number ≥ 0 (got ${String(max)})`, { hint: 'Give the most the test itself may cost on AWS, in USD, e.g. --max-cost-usd 5' });
        }
        return true;
      }) as never,
  handler: async (args) => {
    if (args.out !== undefined) await assertOutputFree(args.out);
    if (args.markdown !== undefined) await assertOutputFree(args.markdown);
    const controller = new AbortController();
    let interrupts = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      interrupts++;
      if (interrupts === 1) {
        process.stderr.write(`\n${signal}: stopping, waiting for requests in flight, then writing a partial result (again to quit now)\n`);
        controller.abort();
      } else process.exit(EXIT_CODES.aborted);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const progress = createProgressPrinter(process.stderr, { quiet: args.quiet });
    try {
      const result = await run({
        file: args.scenario,
        signal: controller.signal,
        onProgress: (p) => progress.update(p),
        allowRemote: args['allow-remote'],
        maxCostUsd: args['max-cost-usd'],
        onPlan: (lines) => process.stderr.write(`Remote target: the plan\n${lines.map((l) => `  ${l}`).join('\n')}\n`),
      });
      progress.done();
      const path = args.out ?? defaultResultPath(args['reports-dir'], result.scenario.name, new Date(result.timing.startedAt));
      const written = await writeNewFile(path, renderJson(result), args.out !== undefined);
      const markdown = args.markdown === undefined ? undefined : await writeNewFile(args.markdown, renderMarkdown(result), true);
      if (args.json) process.stdout.write(renderJson(result));
      else {
        process.stdout.write(renderRunSummary(result, { color: args.color ?? process.stdout.isTTY === true }));
        process.stdout.write(`\nresult: ${written}${markdown ? ` · markdown: ${markdown}` : ''}\n`);
      }
      process.exitCode = exitCodeOf(result);
    } finally {
      progress.done();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
