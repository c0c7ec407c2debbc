/**
 * The one step `run` calls after the traffic: when the scenario's `evidence` key or `--evidence cloudwatch` asks,
 * works out what to read for the target (functions, API dimensions, routes, endpoint, wait), creates the SDK
 * clients and collects the evidence. A refusal or an unreachable CloudWatch becomes a warning naming the IAM action
 * or the endpoint (the run's own figures are kept); incomplete figures are listed in one warning.
 */
import { EMULATOR_API_NAME } from './queries.js';
import { isLambdaloadError } from '../errors.js';
import type { Warning } from '../result/types.js';
import { parseDurationMs } from '../scenario/duration.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';
import type { CloudWatchEvidenceSpec } from '../scenario/types.js';
import type { EvidenceApi, EvidenceRequest, EvidenceRoute } from './collect.js';
import { EvidenceSkipped, type EvidenceStep, type EvidenceStepName } from './steps.js';
import type { CloudWatchEvidence } from './types.js';

export interface RunEvidenceInput {
  scenario: ResolvedScenario;
  /** `--evidence cloudwatch`; the scenario's `evidence` key asks too. */
  requested?: 'cloudwatch';
  window: { startMs: number; endMs: number };
  /** The local emulator this run started: it serves CloudWatch and CloudWatch Logs for its own functions. */
  emulatorUrl?: string;
  /** Warnings are appended here. */
  warnings: Warning[];
  /** Overrides the wait for data (tests: 0). */
  waitMs?: number;
  /** Aborting it skips the evidence: the run keeps its own figures, and an EVIDENCE_SKIPPED warning says so. */
  signal?: AbortSignal;
  /** Called as each step of the reading starts (the wait for ingestion, the metrics, the Insights queries). */
  onStep?: (step: EvidenceStep) => void;
}

/** A deployed execute-api URL: `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`. */
const EXECUTE_API = /^https?:\/\/([a-z0-9]{10})\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?:\/([^/?#]+))?/;
const STEP_WORDS: Record<EvidenceStepName | 'reading', string> = { wait: 'wait for CloudWatch ingestion', metrics: 'metrics query', logs: 'Logs Insights queries', reading: 'reading' };
const LOCAL_EMULATOR_WAIT = 'the local emulator: its figures are there as soon as the run ends';

export async function collectRunEvidence(input: RunEvidenceInput): Promise<CloudWatchEvidence | undefined> {
  const declared = input.scenario.evidence ?? input.requested;
  if (declared === undefined) return undefined;
  const spec: CloudWatchEvidenceSpec = declared === 'cloudwatch' ? { source: 'cloudwatch' } : declared;
  const plan = planOf(input, spec);
  const region = input.scenario.resolvedTarget.region;
  const endpoint = spec.endpoint ?? input.emulatorUrl;
  // The emulator does not check signatures; without credentials of their own, the clients sign with placeholders.
  const local = endpoint !== undefined && endpoint === input.emulatorUrl;
  const config = {
    region,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(local && !process.env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: 'lambdaload', secretAccessKey: 'lambdaload' } } : {}),
  };
  // The AWS SDK is loaded here, by the runs that ask for evidence, not by every start of the CLI.
  const [{ CloudWatchClient }, { CloudWatchLogsClient }, { collectCloudWatchEvidence }] = await Promise.all([
    import('@aws-sdk/client-cloudwatch'),
    import('@aws-sdk/client-cloudwatch-logs'),
    import('./collect.js'),
  ]);
  const clients = { cloudwatch: new CloudWatchClient(config), logs: new CloudWatchLogsClient(config) };
  const waitMs = input.waitMs ?? (spec.wait !== undefined ? parseDurationMs(spec.wait) : local ? 0 : undefined);
  try {
    const evidence = await collectCloudWatchEvidence({
      ...plan,
      window: input.window,
      clients,
      ...(waitMs === undefined ? {} : { waitMs }),
      ...(input.signal ? { signal: input.signal } : {}),
      ...(input.onStep ? { onStep: input.onStep } : {}),
    });
    if (spec.wait !== undefined && input.waitMs === undefined) evidence.waited.source = 'evidence.wait in the scenario';
    else if (local && input.waitMs === undefined) evidence.waited.source = LOCAL_EMULATOR_WAIT;
    if (!evidence.complete) {
      const shown = evidence.notes.slice(0, 3).join('; ');
      const more = evidence.notes.length > 3 ? ` (and ${evidence.notes.length - 3} more)` : '';
      input.warnings.push({ code: 'EVIDENCE_INCOMPLETE', message: `CloudWatch evidence is incomplete, those figures are marked so: ${shown}${more}` });
    }
    return evidence;
  } catch (error) {
    if (error instanceof EvidenceSkipped || input.signal?.aborted) {
      const step = error instanceof EvidenceSkipped ? error.step : 'reading';
      input.warnings.push({ code: 'EVIDENCE_SKIPPED', message: `CloudWatch evidence skipped (interrupted during the ${STEP_WORDS[step]}): this result has the client's figures only` });
      return undefined;
    }
    if (!isLambdaloadError(error)) throw error;
    input.warnings.push({ code: error.code, message: `${error.message}${error.hint ? ` (${error.hint})` : ''}` });
    return undefined;
  } finally {
    clients.cloudwatch.destroy();
    clients.logs.destroy();
  }
}

function planOf(input: RunEvidenceInput, spec: CloudWatchEvidenceSpec): Pick<EvidenceRequest, 'functions' | 'api' | 'routes'> {
  const { scenario, warnings } = input;
  const target = scenario.resolvedTarget;
  const routes: EvidenceRoute[] =
    spec.routes?.map((r) => ({ method: r.method, path: r.path, routeKey: r.path === '$default' ? '$default' : `${r.method} ${r.path}`, ...(r.function ? { function: r.function } : {}) })) ??
    (target.routes.length > 0
      ? target.routes.map((r) => ({ method: r.method, path: r.path, routeKey: r.routeKey, ...(r.function ? { function: r.function } : {}) }))
      : uniqueRequestRoutes(scenario, target.functions.length === 1 ? target.functions[0].name : undefined));
  const functions = spec.functions ?? target.functions.map((f) => f.name);
  if (functions.length === 0) {
    warnings.push({ code: 'EVIDENCE_NO_FUNCTIONS', message: 'CloudWatch evidence: no function named: set evidence.functions (or target.function) to read their metrics and REPORT lines' });
  }
  const api = apiOf(input, spec);
  return { functions, routes: api ? routes : [], ...(api ? { api } : {}) };
}

function apiOf(input: RunEvidenceInput, spec: CloudWatchEvidenceSpec): EvidenceApi | undefined {
  const target = input.scenario.resolvedTarget;
  if (!target.api) {
    if (target.type === 'url') {
      input.warnings.push({ code: 'EVIDENCE_NO_API', message: "CloudWatch evidence: no API Gateway figures: set target.api.type ('rest' or 'http') and evidence.api" });
    }
    return undefined;
  }
  const type = target.api.type;
  const fromUrl = target.url === undefined ? undefined : EXECUTE_API.exec(target.url);
  const local = target.type === 'emulator';
  const stage = spec.api?.stage ?? target.api.stage ?? (fromUrl ? (fromUrl[2] ?? '$default') : undefined);
  const name = spec.api?.name ?? (local ? EMULATOR_API_NAME : undefined);
  const id = spec.api?.id ?? fromUrl?.[1] ?? (local ? EMULATOR_API_NAME : undefined);
  const missing = stage === undefined ? 'evidence.api.stage' : type === 'rest' && name === undefined ? 'evidence.api.name' : type === 'http' && id === undefined ? 'evidence.api.id' : undefined;
  if (missing !== undefined) {
    input.warnings.push({ code: 'EVIDENCE_NO_API', message: `CloudWatch evidence: no API Gateway figures: set ${missing} (the ${type === 'rest' ? 'REST API’s name' : 'HTTP API’s id'} and stage as deployed)` });
    return undefined;
  }
  return { type, stage: stage!, ...(name === undefined ? {} : { name }), ...(id === undefined ? {} : { id }) };
}

/** Without routes in the target, the scenario's requests stand for them (their paths as written, query left out). */
function uniqueRequestRoutes(scenario: ResolvedScenario, fn: string | undefined): EvidenceRoute[] {
  const seen = new Map<string, EvidenceRoute>();
  for (const r of scenario.requests) {
    const path = r.path.split('?')[0];
    const routeKey = `${r.method} ${path}`;
    if (!seen.has(routeKey)) seen.set(routeKey, { method: r.method, path, routeKey, ...(fn ? { function: fn } : {}) });
  }
  return [...seen.values()];
}
