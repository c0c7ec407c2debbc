/**
 * Scenario validation: every problem at once, each with its key path and, when the source text shows it for
 * certain, its line (`hello.ts:14 phases[1].rampTo must be > 0 (got 0)`), the way k6 reports a bad script.
 */
import { LambdaloadError } from '../errors.js';
import { lineOfPath, mapKeyLines } from './key-lines.js';
import {
  addProblem,
  checkKnownKeys,
  describeValue,
  keysOf,
  readBoolean,
  readDuration,
  readNumber,
  readRecordKey,
  readRegion,
  readString,
  type Problem,
} from './rules.js';
import type { HttpOptions, ProjectionSpec, SafetySpec, Scenario } from './types.js';
import { checkTarget } from './validate-target.js';
import { isDirectInvokeTarget } from './validate-lambda.js';
import { checkFunctionFiles } from './validate-code.js';
import { checkPhases } from './validate-phases.js';
import { checkRequests, checkThresholds } from './validate-requests.js';
import { checkEvidence } from './validate-evidence.js';
import { checkAlternatives } from './validate-alternatives.js';

export type { Problem } from './rules.js';

/** Where the scenario came from, for messages and line numbers. */
export interface ValidationContext {
  /** The file as it should appear in messages (e.g. relative to the working directory). */
  file: string;
  /** The file's text; without it problems have no line numbers. */
  source?: string;
  /**
   * The scenario's folder: with it, each emulator function's code folder and handler file are checked on disk
   * (validate-code.ts). Without it only the shape is checked.
   */
  dir?: string;
}

const SCENARIO_KEYS = keysOf<Scenario>({
  name: true,
  description: true,
  target: true,
  phases: true,
  requests: true,
  thresholds: true,
  http: true,
  projection: true,
  safety: true,
  evidence: true,
});
const SAFETY_KEYS = keysOf<SafetySpec>({ allowRemote: true, maxCostUsd: true, assumedDuration: true });
const HTTP_KEYS = keysOf<HttpOptions>({ connections: true, maxInFlight: true, timeout: true });
const PROJECTION_KEYS = keysOf<ProjectionSpec>({ monthlyRequests: true, peakRps: true, region: true, freeTier: true, alternatives: true });

/** The shape every scenario file exports, shown in hints. */
export const SCENARIO_EXAMPLE = "export default defineScenario({ name, target: { type: 'url', url }, phases: [...], requests: [...] })";

/** Checks everything `types.ts` promises about a scenario and returns every problem found (empty when valid). */
export function validateScenario(value: unknown, ctx: ValidationContext): Problem[] {
  const out: Problem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    addProblem(out, '', `the scenario must be an object (got ${describeValue(value)}): ${SCENARIO_EXAMPLE}`);
    return out;
  }
  const scenario = value as Record<string, unknown>;
  checkKnownKeys(scenario, '', SCENARIO_KEYS, out);
  readString(scenario, 'name', '', out, { required: true, nonEmpty: true });
  readString(scenario, 'description', '', out);
  checkTarget(scenario.target, out);
  if (ctx.dir !== undefined) checkFunctionFiles(scenario.target, ctx.dir, out);
  checkPhases(scenario.phases, out);
  const requestNames = checkRequests(scenario.requests, out, isDirectInvokeTarget(scenario.target));
  checkThresholds(scenario.thresholds, requestNames, out);
  checkHttp(scenario, out);
  checkProjection(scenario, out);
  checkSafety(scenario, out);
  checkEvidence(scenario, out);
  return withLines(out, ctx.source);
}

/**
 * Returns `value` as a `Scenario` when it is valid; otherwise throws `SCENARIO_INVALID` listing every problem as
 * `<file>:<line> <path> <message>`.
 */
export function assertValidScenario(value: unknown, ctx: ValidationContext): Scenario {
  const problems = validateScenario(value, ctx);
  if (problems.length === 0) return value as Scenario;
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  throw new LambdaloadError('SCENARIO_INVALID', `${ctx.file}: ${count}`, {
    problems: problems.map((problem) => formatProblem(ctx.file, problem)),
    hint: 'Fix every problem listed above; your editor shows most of them when the file uses defineScenario from lambdaload.',
  });
}

/** `hello.ts:14 phases[1].rampTo must be > 0 (got 0)`; without a line `hello.ts phases[1].rampTo ...`. */
export function formatProblem(file: string, problem: Problem): string {
  const where = problem.line === undefined ? file : `${file}:${problem.line}`;
  return problem.path === '' ? `${where}: ${problem.message}` : `${where} ${problem.path} ${problem.message}`;
}

function checkHttp(scenario: Record<string, unknown>, out: Problem[]): void {
  const http = readRecordKey(scenario, 'http', '', out);
  if (http === undefined) return;
  checkKnownKeys(http, 'http', HTTP_KEYS, out);
  readNumber(http, 'connections', 'http', out, { integer: true, min: 1 });
  readNumber(http, 'maxInFlight', 'http', out, { integer: true, min: 1 });
  readDuration(http, 'timeout', 'http', out, { positive: true });
}

function checkProjection(scenario: Record<string, unknown>, out: Problem[]): void {
  const projection = readRecordKey(scenario, 'projection', '', out);
  if (projection === undefined) return;
  checkKnownKeys(projection, 'projection', PROJECTION_KEYS, out);
  readNumber(projection, 'monthlyRequests', 'projection', out, { min: 0 });
  readNumber(projection, 'peakRps', 'projection', out, { above: 0 });
  readRegion(projection, 'region', 'projection', out);
  readBoolean(projection, 'freeTier', 'projection', out);
  checkAlternatives(projection, 'projection', out);
}

function checkSafety(scenario: Record<string, unknown>, out: Problem[]): void {
  const safety = readRecordKey(scenario, 'safety', '', out);
  if (safety === undefined) return;
  checkKnownKeys(safety, 'safety', SAFETY_KEYS, out);
  readBoolean(safety, 'allowRemote', 'safety', out);
  readNumber(safety, 'maxCostUsd', 'safety', out, { min: 0 });
  readDuration(safety, 'assumedDuration', 'safety', out, { positive: true });
}

function withLines(problems: Problem[], source: string | undefined): Problem[] {
  if (source === undefined || problems.length === 0) return problems;
  const lines = mapKeyLines(source);
  return problems.map((problem) => {
    const line = problem.path === '' ? undefined : lineOfPath(lines, problem.path);
    return line === undefined ? problem : { ...problem, line };
  });
}
