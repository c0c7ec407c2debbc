/**
 * Opens a direct-invoke run: one LambdaClient (src/engine/invoke/lambda-client.ts) sized to the scenario's
 * concurrency, the `lambda` target's lookups folded into its resolved target, and the sender the driver uses.
 * - `lambda` target: the scenario's endpoint or the SDK's, the SDK's default credentials; the lookups and a DryRun
 *   Invoke run first and are its preflight (credentials, permissions and the function's existence are known before
 *   any traffic).
 * - the emulator with `invoke: 'direct'`: the emulator's own URL and fixed local credentials (it checks no
 *   signature), so no AWS account is needed; the resolved target already knows every function fact.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SenderFactory } from '../engine/drive.js';
import { createInvokeClient } from '../engine/invoke/lambda-client.js';
import { effectiveLambdaEndpoint } from '../target/direct.js';
import { invokeSenderFactory } from '../engine/invoke/sender.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';
import { withLambdaConfiguration } from '../target/lambda-config.js';
import { checkInvokePermission, lookupLambdaConfiguration } from '../target/lookup.js';

/** Credentials the emulator path signs with: the emulator reads no signature. */
const EMULATOR_CREDENTIALS = { accessKeyId: 'lambdaload-local', secretAccessKey: 'lambdaload-local' };

export interface DirectInvoke {
  /** The scenario, with a `lambda` target's configuration read from AWS. */
  scenario: ResolvedScenario;
  sender: SenderFactory;
  /** The endpoint and function, for the result's `target.url`: `https://lambda.eu-west-1.amazonaws.com#orders:live`. */
  label: string;
  close(): void;
}

/** `emulatorUrl`: the local emulator's URL, for `invoke: 'direct'`; absent for a `lambda` target. */
export async function openDirectInvoke(scenario: ResolvedScenario, emulatorUrl?: string): Promise<DirectInvoke> {
  const target = scenario.resolvedTarget;
  const invoke = target.invoke;
  if (!invoke) throw new Error('openDirectInvoke needs a direct-invoke target');
  const endpoint = emulatorUrl ?? invoke.endpoint;
  const client: LambdaClient = createInvokeClient({
    region: target.region,
    ...(endpoint === undefined ? {} : { endpoint }),
    maxSockets: concurrencyOf(scenario),
    ...(emulatorUrl === undefined ? {} : { credentials: EMULATOR_CREDENTIALS }),
  });
  try {
    let resolved = scenario;
    if (target.type === 'lambda') {
      const config = await lookupLambdaConfiguration(client, invoke, target.region);
      resolved = { ...scenario, resolvedTarget: withLambdaConfiguration(target, config) };
      await checkInvokePermission(client, invoke, target.region, config.functionArn ?? invoke.functionName);
    }
    const shownEndpoint = endpoint ?? effectiveLambdaEndpoint(target.region, undefined);
    return {
      scenario: resolved,
      sender: invokeSenderFactory(client, { functionName: invoke.functionName, ...(invoke.qualifier === undefined ? {} : { qualifier: invoke.qualifier }) }),
      label: `${shownEndpoint}#${invoke.functionName}${invoke.qualifier === undefined ? '' : `:${invoke.qualifier}`}`,
      close: () => client.destroy(),
    };
  } catch (error) {
    client.destroy();
    throw error;
  }
}

/** Sockets the run needs at most: the open phases' connections, or the largest closed phase's. */
function concurrencyOf(scenario: ResolvedScenario): number {
  const closed = scenario.phases.map((p) => (p.type === 'closed' ? p.connections : 0));
  return Math.max(scenario.http.connections, ...closed);
}
