/**
 * Reads the results of a folder for `lambdaload trend`. Only `*.json` files are read (a reports folder also holds
 * HTML and Markdown reports), hidden ones never (the result writer's temporaries). A `.json` file that is not a
 * lambdaload result is skipped and named in `skipped`; a folder with no result at all, or results of several
 * scenarios without `scenario` choosing one, is an error (exit 2) that says what was found.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isLambdaloadError, LambdaloadError } from '../errors.js';
import { parseResult } from '../saved/read.js';
import type { RunResult } from '../result/types.js';

export interface LoadedRun {
  file: string;
  result: RunResult;
}

export interface LoadedFolder {
  /** The chosen scenario's runs, oldest first. */
  runs: LoadedRun[];
  /** `.json` files that are not results, with why. */
  skipped: Array<{ file: string; reason: string }>;
  /** Results of other scenarios left out by `scenario`. */
  otherScenarios: number;
}

export async function loadTrendFolder(folder: string, options: { scenario?: string } = {}): Promise<LoadedFolder> {
  let names: string[];
  try {
    names = (await readdir(folder, { withFileTypes: true })).filter((d) => d.isFile() && d.name.endsWith('.json') && !d.name.startsWith('.')).map((d) => d.name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LambdaloadError('USAGE', `${folder}: ${code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'is a file, not a folder' : `cannot be read (${code ?? String(error)})`}`, {
      hint: 'Give the folder the result files are written to (reports/ by default, `lambdaload run --reports-dir`).',
    });
  }
  const loaded: LoadedRun[] = [];
  const skipped: LoadedFolder['skipped'] = [];
  for (const name of names.sort()) {
    const file = path.join(folder, name);
    try {
      loaded.push({ file, result: parseResult(await readFile(file, 'utf8'), file) });
    } catch (error) {
      if (!isLambdaloadError(error)) throw error;
      skipped.push({ file, reason: error.message.startsWith(`${file}: `) ? error.message.slice(file.length + 2) : error.message });
    }
  }
  if (loaded.length === 0) {
    const seen = names.length === 0 ? 'no .json file' : `${names.length} .json file${names.length === 1 ? '' : 's'}, none a lambdaload result (${skipped.map((s) => `${path.basename(s.file)}: ${s.reason}`).join('; ')})`;
    throw new LambdaloadError('RESULT_INVALID', `${folder}: no lambdaload results to trend: ${seen}`, {
      hint: 'Point at the folder `lambdaload run` writes its result JSON files to (reports/ by default).',
    });
  }
  const byScenario = new Map<string, number>();
  for (const run of loaded) byScenario.set(run.result.scenario.name, (byScenario.get(run.result.scenario.name) ?? 0) + 1);
  let chosen = loaded;
  if (options.scenario !== undefined) {
    chosen = loaded.filter((run) => run.result.scenario.name === options.scenario);
    if (chosen.length === 0) {
      throw new LambdaloadError('RESULT_MISMATCH', `${folder}: no results of scenario ${JSON.stringify(options.scenario)}`, {
        hint: `The folder has results of: ${list(byScenario)}. Pass one of those names to --scenario.`,
      });
    }
  } else if (byScenario.size > 1) {
    throw new LambdaloadError('RESULT_MISMATCH', `${folder}: results of ${byScenario.size} scenarios (${list(byScenario)}); a trend follows one`, {
      hint: `Choose one with --scenario, e.g. --scenario ${JSON.stringify([...byScenario.keys()][0])}, or keep each scenario's results in its own folder.`,
    });
  }
  const runs = [...chosen].sort((a, b) => Date.parse(a.result.timing.startedAt) - Date.parse(b.result.timing.startedAt) || a.file.localeCompare(b.file));
  return { runs, skipped, otherScenarios: loaded.length - chosen.length };
}

function list(counts: Map<string, number>): string {
  return [...counts].map(([name, n]) => `${JSON.stringify(name)} ×${n}`).join(', ');
}
