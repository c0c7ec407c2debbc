/**
 * `lambdaload plan <plan.ts | result.json>`: capacity planning without sending traffic. Simulates the plan against
 * Lambda's scaling model and API Gateway's throttles, prints the verdict, the month's cost and the recommendations
 * (or the versioned JSON with --json / --out, Markdown with --format md). `--from plan.json` renders a saved plan
 * result again without simulating. Exit 3 when a threshold of the plan fails, as `run` does.
 */
import type { CommandModule } from 'yargs';
import { EXIT_CODES, LambdaloadError } from '../errors.js';
import { loadPlan } from '../plan/load.js';
import { planCapacity } from '../plan/plan.js';
import { readPlanResultFile } from '../plan/read-saved.js';
import { renderPlan } from '../plan/render.js';
import { renderPlanHtml } from '../plan/render-html.js';
import { renderPlanMarkdown } from '../plan/render-markdown.js';
import type { PlanResult } from '../plan/result-types.js';
import { writeNewFile } from './output-file.js';

const FORMATS = ['terminal', 'md', 'json'] as const;

interface PlanArgs {
  file?: string;
  from?: string;
  scale?: number;
  traffic?: string;
  sweep: boolean;
  recommendations: boolean;
  json: boolean;
  format?: (typeof FORMATS)[number];
  html?: string;
  out?: string;
  bucket?: number;
}

export const planCommand: CommandModule<object, PlanArgs> = {
  command: 'plan [file]',
  describe: 'Capacity planning: simulate Lambda + API Gateway scaling for a plan file or a saved result (no traffic sent)',
  builder: (y) =>
    y
      .positional('file', { type: 'string', describe: 'Plan file (.ts) or result JSON of lambdaload run' })
      .option('from', { type: 'string', describe: 'Render a saved plan result (--out of an earlier plan) again, without simulating' })
      .option('scale', { type: 'number', describe: "Multiply a result's or a CSV's traffic (result JSON, or a plan with traffic type 'result' or 'csv')" })
      .option('traffic', { type: 'string', describe: "Replay this CSV of real traffic instead of the plan's (header row; time + rps, or time + requests per row)" })
      .option('sweep', { type: 'boolean', default: false, describe: 'Sweep memory × architecture × API type × provisioned (default grid when the plan has no sweep)' })
      .option('recommendations', { type: 'boolean', default: true, describe: 'Simulate provisioned levels and the demand without limits (--no-recommendations: one simulation)' })
      .option('bucket', { type: 'number', describe: 'Timeline bucket in seconds (default 1 s up to an hour, 60 s beyond)' })
      .option('format', { choices: FORMATS, describe: 'What to print: terminal (default), md (Markdown) or json (the plan result)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the plan result as JSON (kind: plan, schemaVersion 1); same as --format json' })
      .option('out', { type: 'string', describe: 'Also write the JSON result to this file' })
      .option('html', { type: 'string', describe: 'Also write the plan as one self-contained HTML page (charts inline, opens offline)' })
      .example('$0 plan scenarios/plans/launch.ts', '')
      .example('$0 plan reports/hello.json --scale 50', '')
      .example('$0 plan scenarios/plans/daily.ts --traffic traffic.csv', '')
      .example('$0 plan --from plan.json --format md --html plan.html', '') as never,
  handler: async (args) => {
    if ((args.file === undefined) === (args.from === undefined)) {
      throw new LambdaloadError('USAGE', args.file === undefined ? 'Name a plan file, a result JSON, or --from a saved plan result' : `Give either a plan file (${args.file}) or --from ${args.from}, not both`, {
        hint: 'lambdaload plan scenarios/plans/launch.ts, or lambdaload plan --from plan.json to render a saved plan again',
      });
    }
    if (args.from !== undefined) {
      const simulationOnly: string[] = (['scale', 'traffic', 'bucket'] as const).filter((key) => args[key] !== undefined);
      if (args.sweep) simulationOnly.push('sweep');
      if (simulationOnly.length > 0) throw new LambdaloadError('USAGE', `--from renders a saved plan as it was simulated: --${simulationOnly.join(', --')} would need a new simulation`, { hint: 'Run the plan file again with those flags instead.' });
    }
    if (args.scale !== undefined && !(args.scale > 0)) throw new LambdaloadError('USAGE', `--scale must be > 0 (got ${args.scale})`, { hint: 'e.g. --scale 20 for twenty times the recorded traffic' });
    if (args.bucket !== undefined && !(Number.isInteger(args.bucket) && args.bucket >= 1)) throw new LambdaloadError('USAGE', `--bucket must be a whole number of seconds >= 1 (got ${args.bucket})`);
    const result: PlanResult =
      args.from !== undefined
        ? await readPlanResultFile(args.from)
        : planCapacity(await loadPlan(args.file!, { scale: args.scale, trafficCsv: args.traffic }), { file: args.file!, sweep: args.sweep, recommendations: args.recommendations, bucketS: args.bucket });
    const json = `${JSON.stringify(result, null, 2)}\n`;
    if (args.out) await writeNewFile(args.out, json, true);
    if (args.html) await writeNewFile(args.html, renderPlanHtml(result), true);
    const format = args.format ?? (args.json ? 'json' : 'terminal');
    process.stdout.write(format === 'json' ? json : format === 'md' ? renderPlanMarkdown(result) : renderPlan(result));
    if (result.thresholds.some((t) => !t.passed)) process.exitCode = EXIT_CODES.thresholdsFailed;
  },
};
