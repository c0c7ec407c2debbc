/**
 * Plan input: a typed plan file (`.ts`/`.js`, loaded like a scenario: tsx strips the types, `import { definePlan }
 * from 'lambdaload'` resolves to the running lambdaload), or a saved result JSON, turned into a plan that replays
 * its traffic (times `scale`) with its measured durations. Every result a plan names is read here, so what follows
 * is pure.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LambdaloadError } from '../errors.js';
import { readResultFile } from '../saved/read.js';
import type { RunResult } from '../result/types.js';
import { pickScenarioExport, SCENARIO_EXTENSIONS } from '../scenario/load.js';
import { preparePackageImports } from '../scenario/package-fallback.js';
import type { Plan, PlanFunction } from './types.js';
import { assertValidPlan, PLAN_EXAMPLE } from './validate.js';
import { CSV_COLUMNS_HELP, MAX_CSV_PROBLEMS, parseTrafficCsv, type CsvTraffic } from './traffic-csv.js';

export interface LoadedPlan {
  plan: Plan;
  /** Folder that relative paths in the plan (result files) start from. */
  dir: string;
  /** Every result file the plan names, by its path as written in the plan. */
  results: Map<string, RunResult>;
  /** The traffic CSV of a `{ type: 'csv' }` plan, by its path as written in the plan. */
  csv?: Map<string, CsvTraffic>;
}

export interface LoadPlanOptions {
  cwd?: string;
  /** Multiplies the traffic of a result or CSV. */
  scale?: number;
  /** A traffic CSV (relative to `cwd`) replacing the plan's traffic. */
  trafficCsv?: string;
}

/** Loads a plan file, or builds a plan from a result JSON (`scale` multiplies its traffic). */
export async function loadPlan(file: string, options: LoadPlanOptions = {}): Promise<LoadedPlan> {
  const loaded = await loadPlanOnly(file, options);
  const { plan } = loaded;
  if (options.trafficCsv !== undefined) plan.traffic = { type: 'csv', file: path.resolve(options.cwd ?? process.cwd(), options.trafficCsv) };
  if (options.scale !== undefined && (plan.traffic.type === 'result' || plan.traffic.type === 'csv')) plan.traffic = { ...plan.traffic, scale: options.scale };
  if (plan.traffic.type === 'csv') loaded.csv = new Map([[plan.traffic.file, await readTrafficCsv(plan.traffic.file, loaded.dir)]]);
  return loaded;
}

async function loadPlanOnly(file: string, options: LoadPlanOptions): Promise<LoadedPlan> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  await assertFile(absolute, file);
  if (absolute.endsWith('.json')) {
    const result = await readResultFile(absolute);
    const plan = planFromResult(result, absolute, options.scale ?? 1);
    return { plan, dir: path.dirname(absolute), results: new Map([[absolute, result]]) };
  }
  if (!(SCENARIO_EXTENSIONS as readonly string[]).includes(path.extname(absolute))) {
    throw new LambdaloadError('PLAN_LOAD_FAILED', `Cannot load ${file}: ${path.extname(absolute) || 'no extension'} is neither a plan file nor a result JSON`, {
      hint: `A plan is a TypeScript or JavaScript module (${SCENARIO_EXTENSIONS.join(', ')}) with ${PLAN_EXAMPLE}, or a result .json of lambdaload run.`,
    });
  }
  const source = await readFile(absolute, 'utf8');
  // As a scenario is loaded (src/scenario/load.ts): tsx strips the types, 'lambdaload' resolves to this lambdaload.
  const namespace: unknown = await importPlanModule(absolute).catch((error: unknown) => {
    throw new LambdaloadError('PLAN_LOAD_FAILED', `${file}: loading the plan threw: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`, {
      hint: `Importing ${file} runs its top-level code; fix the error above (a syntax error, or a missing import).`,
      cause: error,
    });
  });
  const picked = pickScenarioExport(namespace);
  if (picked.value === undefined) {
    throw new LambdaloadError('PLAN_INVALID', `${file}: no plan exported`, { hint: `Export the plan as the default export: ${PLAN_EXAMPLE}` });
  }
  const plan = assertValidPlan(picked.value, file, source);
  const dir = path.dirname(absolute);
  return { plan, dir, results: await readNamedResults(plan, dir) };
}

/** A plan that replays a run: its per-second traffic times `scale`, its functions, its measured durations. */
export function planFromResult(result: RunResult, file: string, scale: number): Plan {
  const target = result.scenario.target;
  const functions: Record<string, PlanFunction> = {};
  for (const fn of target.functions ?? []) {
    functions[fn.name] = { memoryMb: fn.memoryMb, architecture: fn.architecture, duration: { fromResult: file }, init: { fromResult: file }, timeout: fn.timeoutMs };
  }
  if (Object.keys(functions).length === 0) functions.function = { duration: { fromResult: file }, init: { fromResult: file } };
  return {
    name: `${result.scenario.name} ×${scale}`,
    description: `the traffic of ${path.basename(file)} times ${scale}, with its measured durations`,
    traffic: { type: 'result', file, scale },
    api: target.apiType === undefined ? undefined : { type: target.apiType },
    functions,
  };
}

async function readNamedResults(plan: Plan, dir: string): Promise<Map<string, RunResult>> {
  const files = new Set<string>();
  if (plan.traffic.type === 'result') files.add(plan.traffic.file);
  for (const fn of Object.values(plan.functions)) {
    for (const spec of [fn.duration, fn.init]) if (typeof spec === 'object' && 'fromResult' in spec) files.add(spec.fromResult);
  }
  const results = new Map<string, RunResult>();
  for (const file of files) results.set(file, await readResultFile(path.resolve(dir, file)));
  return results;
}

/** Reads and parses a traffic CSV; PLAN_INVALID lists every problem (the first MAX_CSV_PROBLEMS) as file:line. */
export async function readTrafficCsv(file: string, dir: string): Promise<CsvTraffic> {
  const absolute = path.resolve(dir, file);
  const text = await readFile(absolute, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new LambdaloadError('PLAN_NOT_FOUND', `Traffic CSV ${error.code === 'ENOENT' ? 'not found' : `unreadable (${error.code ?? error.message})`}: ${absolute}`, {
      hint: "traffic.file of a 'csv' traffic is read relative to the plan file (--traffic: to the current folder).",
      cause: error,
    });
  });
  const { traffic, problems } = parseTrafficCsv(text);
  if (traffic) return traffic;
  const shown = problems.slice(0, MAX_CSV_PROBLEMS).map((p) => `${file}:${p.line} ${p.message}`);
  if (problems.length > MAX_CSV_PROBLEMS) shown.push(`… and ${problems.length - MAX_CSV_PROBLEMS} more problems of the same file`);
  throw new LambdaloadError('PLAN_INVALID', `${file}: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`} in the traffic CSV`, {
    problems: shown,
    hint: `A traffic CSV has a header row, then one row per interval: ${CSV_COLUMNS_HELP}. Example: time,rps / 2026-11-30T00:00:00Z,120.`,
  });
}

async function importPlanModule(absolute: string): Promise<unknown> {
  await preparePackageImports(absolute);
  return (await import('tsx/esm/api')).tsImport(pathToFileURL(absolute).href, import.meta.url);
}

async function assertFile(absolute: string, shown: string): Promise<void> {
  const found = await stat(absolute).catch(() => undefined);
  if (found?.isFile()) return;
  throw new LambdaloadError('PLAN_NOT_FOUND', found ? `Not a plan file: ${shown} is a directory` : `Plan file not found: ${absolute}`, {
    hint: 'Give a plan file such as scenarios/plans/launch.ts, or a result JSON written by `lambdaload run`.',
  });
}
