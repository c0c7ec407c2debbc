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
import { RIE_FUNCTION_NAME } from '../emulator/lambda/function-name.js';
import { isLoopbackHost } from '../run/remote-gate.js';

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
    if (!isLoopbackHost(args.host)) {
      process.stderr.write(
        `! bound to ${args.host}, not loopback: any machine that reaches this one can call these routes and the Invoke API, and run your functions' code; use --host 127.0.0.1 unless you mean it\n`,
      );
    }
    process.stdout.write(`  API id ${emulator.apiId} (API Gateway's reads of it answer here too: a url target's api.id)\n`);
    for (const route of emulator.routes) process.stdout.write(`  ${route.method.padEnd(6)} ${route.url}  →  ${route.function}\n`);
    for (const line of formatInvokeRoutes(emulator.url, Object.keys(scenario.target.functions))) process.stdout.write(`${line}\n`);
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

/**
 * The Lambda Invoke API lines of `serve`'s route list. The RIE's fixed path (aws-facts §7.3) is listed with the
 * function it reaches when there is one function; with several, each is reached by its name only.
 */
export function formatInvokeRoutes(url: string, functionNames: readonly string[]): string[] {
  const lines = [`  POST   ${url}/2015-03-31/functions/{name}/invocations  (Lambda Invoke API)`];
  if (functionNames.length === 1 || functionNames.includes(RIE_FUNCTION_NAME)) {
    const target = functionNames.includes(RIE_FUNCTION_NAME) ? RIE_FUNCTION_NAME : functionNames[0];
    lines.push(`  POST   ${url}/2015-03-31/functions/${RIE_FUNCTION_NAME}/invocations  →  ${target}  (the RIE's path)`);
  } else {
    lines.push(`         (the RIE's path /2015-03-31/functions/${RIE_FUNCTION_NAME}/invocations needs a single function: name one of ${functionNames.join(', ')})`);
  }
  return lines;
}
