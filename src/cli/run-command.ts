/**
 * `lambdaload run <scenario>`: runs a scenario, shows live progress, prints the summary, writes the JSON result
 * (also when interrupted or when the emulator died: the partial result is marked `aborted`) and sets the exit code.
 * A result that cannot be written (disk full) still has its summary printed before the error: the run's numbers are
 * not lost with the file.
 */
import type { CommandModule } from 'yargs';
import { EXIT_CODES, LambdaloadError } from '../errors.js';
import { run, type RunOptions, type RunProgress } from '../run/run.js';
import { runOnWorkers } from '../workers/run-workers.js';
import { parseWorkers } from '../workers/parse-workers.js';
import { renderHtmlReport } from '../report/html/render.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderRunSummary } from '../report/summary.js';
import { createProgressPrinter } from './progress.js';
import { exitCodeOf } from './exit-code.js';
import { assertOutputFree, defaultResultPath, writeNewFile } from './output-file.js';
import { parseShard } from '../merge/shard.js';
import { assertStartAtAhead, parseStartAt } from '../merge/start-at.js';

interface RunArgs {
  scenario: string;
  out?: string;
  'reports-dir': string;
  quiet: boolean;
  json: boolean;
  markdown?: string;
  html?: string;
  color?: boolean;
  'allow-remote'?: boolean;
  'max-cost-usd'?: number;
  evidence?: 'cloudwatch';
  shard?: string;
  'start-at'?: string;
  workers?: string;
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
      .option('html', { type: 'string', describe: 'Also write an HTML report (one self-contained page with charts) to this path (never overwritten)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the result JSON to stdout instead of the summary' })
      .option('color', { type: 'boolean', describe: 'Colour the summary (default: when stdout is a TTY)' })
      .option('allow-remote', { type: 'boolean', describe: 'Consent to send traffic to a target beyond this machine (a deployed API); the plan and its AWS cost are printed first' })
      .option('max-cost-usd', { type: 'number', describe: 'Refuse a remote run whose own AWS cost may exceed this (USD)' })
      .option('evidence', {
        choices: ['cloudwatch'] as const,
        describe: 'After the run, read CloudWatch metrics and REPORT lines of the run window (cold starts, billed time, throttles)',
      })
      .option('shard', { type: 'string', describe: 'Run shard i of N (e.g. 1/3): its share of every phase; `lambdaload merge` adds the N results back together' })
      .option('start-at', { type: 'string', describe: 'Start the phases at this instant (epoch ms or ISO time): give every shard the same one' })
      .option('workers', { type: 'string', describe: 'Run on N generator processes of this machine (or auto: one per core), merged into one result' })
      .check((argv) => {
        const max = argv['max-cost-usd'];
        if (max !== undefined && !(Number.isFinite(max) && max >= 0)) {
          throw new LambdaloadError('USAGE', `--max-cost-usd must be a number ≥ 0 (got ${String(max)})`, { hint: 'Give the most the test itself may cost on AWS, in USD, e.g. --max-cost-usd 5' });
        }
        return true;
      }) as never,
  handler: async (args) => {
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    const startAtMs = args['start-at'] === undefined ? undefined : parseStartAt(args['start-at']);
    const workers = args.workers === undefined ? 1 : parseWorkers(args.workers);
    if (shard && workers !== 1) {
      throw new LambdaloadError('USAGE', `--workers ${args.workers} with --shard ${args.shard}: not supported together`, {
        hint: 'Run one process per shard (--shard i/N on each machine), or all of a machine\'s load with --workers N.',
      });
    }
    if (startAtMs !== undefined) assertStartAtAhead(startAtMs, Date.now());
    if (args.out !== undefined) await assertOutputFree(args.out);
    if (args.markdown !== undefined) await assertOutputFree(args.markdown);
    if (args.html !== undefined) await assertOutputFree(args.html);
    const progress = createProgressPrinter(process.stderr, { quiet: args.quiet });
    const controller = new AbortController();
    // Once the traffic is over, a Ctrl-C during the CloudWatch steps skips them and keeps the run's result.
    const evidence = new AbortController();
    let readingEvidence = false;
    let interrupts = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      if (readingEvidence && !evidence.signal.aborted) {
        progress.done();
        process.stderr.write(`\n${signal}: skipping the CloudWatch evidence; the result is kept without it (again to quit now)\n`);
        evidence.abort();
        return;
      }
      interrupts++;
      if (interrupts === 1) {
        process.stderr.write(`\n${signal}: stopping, waiting for requests in flight, then writing a partial result (again to quit now)\n`);
        controller.abort();
      } else process.exit(EXIT_CODES.aborted);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const options = {
        file: args.scenario,
        signal: controller.signal,
        onProgress: (p: RunProgress) => progress.update(p),
        allowRemote: args['allow-remote'],
        maxCostUsd: args['max-cost-usd'],
        evidence: args.evidence,
        evidenceSignal: evidence.signal,
        onEvidenceStep: (step) => {
          readingEvidence = true;
          progress.evidence(step);
        },
        ...(shard ? { shard } : {}),
        ...(startAtMs === undefined ? {} : { startAtMs }),
        onPlan: (lines: string[]) => process.stderr.write(`Remote target: the plan\n${lines.map((l) => `  ${l}`).join('\n')}\n`),
      } satisfies RunOptions;
      const result = workers === 1 ? await run(options) : await runOnWorkers({ ...options, workers });
      progress.done();
      const path = args.out ?? defaultResultPath(args['reports-dir'], result.scenario.name, new Date(result.timing.startedAt));
      let writeError: unknown;
      const attempt = (write: () => Promise<string>) =>
        write().catch((error: unknown) => {
          writeError ??= error;
          return undefined;
        });
      const written = await attempt(() => writeNewFile(path, renderJson(result), args.out !== undefined, { what: 'result', flag: '--out (or --reports-dir)' }));
      const markdown = args.markdown === undefined ? undefined : await attempt(() => writeNewFile(args.markdown!, renderMarkdown(result), true, { what: 'Markdown report', flag: '--markdown' }));
      const html = args.html === undefined ? undefined : await attempt(() => writeNewFile(args.html!, renderHtmlReport(result), true, { what: 'HTML report', flag: '--html' }));
      if (args.json) process.stdout.write(renderJson(result));
      else {
        process.stdout.write(renderRunSummary(result, { color: args.color ?? process.stdout.isTTY === true }));
        process.stdout.write(`\nresult: ${written ?? 'not written (see the error below)'}${markdown ? ` · markdown: ${markdown}` : ''}${html ? ` · html: ${html}` : ''}\n`);
      }
      const abort = result.abort;
      if (abort?.reason === 'emulator-died' || abort?.reason === 'worker-died') {
        const how = abort.signal !== null ? `was killed by ${abort.signal}` : `exited with code ${abort.exitCode ?? 'unknown'}`;
        const who = abort.reason === 'emulator-died' ? 'the emulator process' : `generator worker ${abort.worker}`;
        const then = abort.reason === 'emulator-died' ? 'the run stopped there' : 'the other workers were stopped there';
        process.stderr.write(`✗ ${who} ${how} ${(abort.elapsedMs / 1000).toFixed(1)} s into the run: ${then}${written ? `; partial result: ${written}` : ''}\n`);
      }
      if (writeError !== undefined) throw writeError;
      process.exitCode = exitCodeOf(result);
    } finally {
      progress.done();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
