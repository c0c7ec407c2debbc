/**
 * The CLI entry: argv → command → exit code. The only place that touches argv, the TTY and process.exit.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT_CODES, isLambdaloadError } from '../errors.js';
import { runCommand } from './run-command.js';
import { serveCommand } from './serve-command.js';
import { costCommand } from './cost-command.js';
import { initCommand } from './init-command.js';
import { reportCommand } from './report-command.js';
import { compareCommand } from './compare-command.js';
import { trendCommand } from './trend-command.js';
import { planCommand } from './plan-command.js';
import { mergeCommand } from './merge-command.js';

function printError(error: unknown, debug: boolean): number {
  if (isLambdaloadError(error)) {
    process.stderr.write(`✗ ${error.message}\n`);
    for (const problem of error.problems) process.stderr.write(`  - ${problem}\n`);
    if (error.hint) process.stderr.write(`  hint: ${error.hint}\n`);
    if (error.cause !== undefined && error.cause instanceof Error) process.stderr.write(`  cause: ${error.cause.message}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const e = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`✗ internal error: ${e.message}\n  hint: this is a bug in lambdaload; run again with --debug for the stack and report it\n`);
  if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
  return EXIT_CODES.internal;
}

export async function main(argv: string[]): Promise<number> {
  // `lambdaload run … | head`: a closed pipe is the reader's choice, not a crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode === undefined ? 0 : Number(process.exitCode));
      throw error;
    });
  }
  const debug = argv.includes('--debug');
  try {
    await yargs(argv)
      .scriptName('lambdaload')
      .usage('$0 <command> [options]')
      .command(runCommand)
      .command(serveCommand)
      .command(costCommand)
      .command(initCommand)
      .command(reportCommand)
      .command(compareCommand)
      .command(trendCommand)
      .command(planCommand)
      .command(mergeCommand)
      .option('debug', { type: 'boolean', describe: 'Print stack traces on errors', global: true })
      .demandCommand(1, 'Name a command: run, serve, cost, init, report, compare, trend, plan or merge')
      .strict()
      .recommendCommands()
      .fail((message, error) => {
        if (error) throw error;
        throw Object.assign(new Error(message), { usage: true });
      })
      .help()
      .version()
      .wrap(Math.min(100, process.stdout.columns ?? 80))
      .parseAsync();
    return process.exitCode === undefined ? EXIT_CODES.ok : Number(process.exitCode);
  } catch (error) {
    if (error instanceof Error && (error as { usage?: boolean }).usage) {
      process.stderr.write(`✗ ${error.message}\n  hint: see \`lambdaload --help\`\n`);
      return EXIT_CODES.invalidInput;
    }
    return printError(error, debug);
  }
}

const code = await main(hideBin(process.argv));
process.exitCode = code;
