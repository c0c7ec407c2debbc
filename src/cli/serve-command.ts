/**
 * `lambdaload serve <scenario>`: the local API Gateway + Lambda emulator on its own, until Ctrl-C / SIGTERM.
 * Shuts down cleanly: no runtime process is left behind.
 */
import type { CommandModule } from 'yargs';
import { LambdaloadError } from '../errors.js';
import { loadScenario } from '../scenario/load.js';
import { assertValidScenario } from '../scenario/validate.js';
import { startEmulator } from '../emulator/server.js';
import { createLineBatch } from './line-batch.js';

interface ServeArgs {
  scenario: string;
  port: number;
  host: string;
  quiet: boolean;
}

export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve <scenario>',
  describe: "Serve the scenario's emulator target (API Gateway + Lambda) on 127.0.0.1",
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file with an emulator target' })
      .option('port', { type: 'number', default: 3000, describe: 'Port (0 picks a free one)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to bind; the default keeps it local' })
      .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'Do not print function logs' }) as never,
  handler: async (args) => {
    const loaded = await loadScenario(args.scenario);
    const scenario = assertValidScenario(loaded.scenario, { file: loaded.file, source: loaded.source });
    if (scenario.target.type !== 'emulator') {
      throw new LambdaloadError('USAGE', `${loaded.file}: target.type is '${scenario.target.type}', serve needs an emulator target`, {
        hint: "Set target: { type: 'emulator', api, functions, routes } in the scenario.",
      });
    }
    const logs = createLineBatch((text) => process.stderr.write(text));
    const emulator = await startEmulator(scenario.target, {
      scenarioDir: loaded.dir,
      host: args.host,
      port: args.port,
      onLog: args.quiet ? undefined : (fn, line) => logs.add(`[${fn}] ${line}`),
    });
    process.stdout.write(`listening on ${emulator.url}\n`);
    for (const route of emulator.routes) process.stdout.write(`  ${route.method.padEnd(6)} ${route.url}  →  ${route.function}\n`);
    process.stdout.write(`  POST   ${emulator.url}/2015-03-31/functions/{name}/invocations  (Lambda Invoke API)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    logs.flush();
    process.stderr.write('stopping: shutting down runtime processes\n');
    await emulator.close();
    logs.flush();
  },
};
