/**
 * Starts what a run sends to, after the safety gate: the local emulator (in its own process), a deployed URL as it
 * is (its API's routes, functions and stage read first where allowed: discover-url.ts), or a direct-invoke client
 * (direct-invoke.ts). Consent comes before any call beyond this machine, the `lambda`
 * target's lookups included; that target's plan and cost cap are checked again once the lookups have told the
 * function's memory.
 */
import { startEmulatorProcess, type RemoteEmulator } from '../emulator/child/remote.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';
import { gatewayTargetOf, isDirectEmulatorTarget } from '../target/direct.js';
import type { DirectInvoke } from './direct-invoke.js';
import { discoverUrlTarget } from './discover-url.js';
import { checkRemoteGate, type RemoteGateOptions, type RemotePlan } from './remote-gate.js';

export interface StartedTarget {
  /** The scenario, with a `lambda` target's configuration read from AWS. */
  scenario: ResolvedScenario;
  emulator?: RemoteEmulator;
  direct?: DirectInvoke;
  /** What the result names as the target: the base URL, or the Lambda endpoint and function. */
  targetUrl: string;
  /** The plan a remote run was given consent for. */
  plan?: RemotePlan;
  /** What the target's lookups could not read (a url target's API discovery), for the result. */
  warnings?: Array<{ code: string; message: string }>;
}

/** An emulator already serving the target (started by `run --workers`' parent): its URLs. */
export interface SharedEmulator {
  url: string;
  baseUrl: string;
}

export interface StartTargetOptions {
  region: string;
  /** Send to this emulator instead of starting one (an emulator target only). */
  shared?: SharedEmulator;
  gate: RemoteGateOptions;
  onLog?: (functionName: string, line: string) => void;
}

/** The direct-invoke path, and the AWS SDK's Lambda client with it, is loaded only by runs that invoke directly. */
async function openDirectInvoke(scenario: ResolvedScenario, emulatorUrl?: string): Promise<DirectInvoke> {
  return (await import('./direct-invoke.js')).openDirectInvoke(scenario, emulatorUrl);
}

export async function startTarget(given: ResolvedScenario, options: StartTargetOptions): Promise<StartedTarget> {
  let scenario = given;
  const target = scenario.target;
  let plan = checkRemoteGate(scenario, target.type === 'lambda' ? { allowRemote: options.gate.allowRemote } : options.gate);
  if (target.type === 'url') {
    // The lookups can tell the functions' memory: the plan and its cost cap are checked again with it.
    const discovered = await discoverUrlTarget(scenario);
    scenario = discovered.scenario;
    if (scenario !== given) plan = checkRemoteGate(scenario, options.gate);
    return { scenario, targetUrl: target.url, warnings: discovered.warnings, ...(plan ? { plan } : {}) };
  }
  if (target.type === 'lambda') {
    const direct = await openDirectInvoke(scenario);
    try {
      scenario = direct.scenario;
      plan = checkRemoteGate(scenario, options.gate);
    } catch (error) {
      direct.close();
      throw error;
    }
    return { scenario, direct, targetUrl: direct.label, ...(plan ? { plan } : {}) };
  }
  if (options.shared) {
    if (!isDirectEmulatorTarget(target)) return { scenario, targetUrl: options.shared.baseUrl };
    const direct = await openDirectInvoke(scenario, options.shared.url);
    return { scenario, direct, targetUrl: direct.label };
  }
  const emulator = await startEmulatorProcess(gatewayTargetOf(target), { scenarioDir: scenario.dir, region: options.region, onLog: options.onLog });
  if (!isDirectEmulatorTarget(target)) return { scenario, emulator, targetUrl: emulator.baseUrl };
  try {
    const direct = await openDirectInvoke(scenario, emulator.url);
    return { scenario, emulator, direct, targetUrl: direct.label };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}
