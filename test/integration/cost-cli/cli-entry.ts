/**
 * Test-only CLI entry: yargs with just the cost command, mapping errors the way src/cli/main.ts does
 * (LambdaloadError → `✗ message` + problems + hint on stderr, exit code from the error).
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT_CODES, isLambdaloadError } from '../../../src/errors.js';
import { costCommand } from '../../../src/cli/cost-command.js';

try {
  await yargs(hideBin(process.argv))
    .command(costCommand)
    .strict()
    .fail((message, error) => {
      throw error ?? Object.assign(new Error(message), { usage: true });
    })
    .parseAsync();
} catch (error) {
  if (isLambdaloadError(error)) {
    process.stderr.write(`✗ ${error.message}\n`);
    for (const problem of error.problems) process.stderr.write(`  - ${problem}\n`);
    if (error.hint) process.stderr.write(`  hint: ${error.hint}\n`);
    process.exitCode = error.exitCode;
  } else if (error instanceof Error && (error as { usage?: boolean }).usage) {
    process.stderr.write(`✗ ${error.message}\n`);
    process.exitCode = EXIT_CODES.invalidInput;
  } else {
    process.stderr.write(`✗ internal error: ${String(error)}\n`);
    process.exitCode = EXIT_CODES.internal;
  }
}
