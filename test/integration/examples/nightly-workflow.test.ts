/**
 * examples/nightly.yml, the documented nightly workflow: valid YAML with the shape GitHub Actions needs, a nightly
 * schedule, and every `lambdaload` command in it using flags the CLI has (checked against `--help` of the built CLI),
 * so a renamed flag breaks this test before it breaks someone's nights.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt, ROOT, runCli } from '../cli/helpers.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
}

let workflow: { on: { schedule: Array<{ cron: string }> }; jobs: Record<string, { 'runs-on': string; steps: Step[] }> };

beforeAll(async () => {
  await ensureBuilt();
  workflow = parse(await readFile(path.join(ROOT, 'examples', 'nightly.yml'), 'utf8')) as typeof workflow;
}, 150_000);

function commands(): string[][] {
  const lines = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((s) => (s.run ?? '').split('\n')));
  return lines.filter((l) => l.includes('npx lambdaload ')).map((l) => l.slice(l.indexOf('npx lambdaload ') + 'npx lambdaload '.length).split(/\s+/).filter((w) => w !== '' && w !== '||' && w !== 'true'));
}

describe('examples/nightly.yml', () => {
  it('runs nightly on a schedule GitHub accepts (five cron fields), on one job with steps', () => {
    expect(workflow.on.schedule[0]!.cron.trim().split(/\s+/)).toHaveLength(5);
    const [job] = Object.values(workflow.jobs);
    expect(job!['runs-on']).toBe('ubuntu-latest');
    expect(job!.steps.map((s) => s.uses ?? s.name)).toEqual(expect.arrayContaining(['actions/checkout@v4', 'Run the scenario', 'Compare with the baseline', 'actions/upload-artifact@v4']));
  });

  it('runs, reports, compares and fails the job on a regression, writing to the step summary', () => {
    const subcommands = commands().map((c) => c[0]);
    expect(subcommands).toEqual(['run', 'report', 'compare']);
    const text = JSON.stringify(workflow);
    expect(text).toContain('GITHUB_STEP_SUMMARY');
    expect(text).toContain('steps.compare.outputs.exit');
  });

  it('uses only flags the CLI has', async () => {
    for (const [sub, ...args] of commands()) {
      const help = await runCli([sub!, '--help']);
      expect(help.code).toBe(0);
      for (const flag of args.filter((a) => a.startsWith('--'))) expect(help.stdout, `${sub} ${flag}`).toContain(flag);
    }
  });
});
