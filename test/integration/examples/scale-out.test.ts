/**
 * examples/scale-out/: the Kubernetes Indexed Job, the GitHub Actions matrix workflow and the Dockerfile they use.
 * Every Kubernetes document is valid against its kind's Kubernetes API schema, unknown fields refused as the API server
 * refuses them (k8s-schema.ts); the workflow is valid for GitHub's own workflow parser and schema
 * (@actions/workflow-parser: keys, value types, expressions, job `needs`); both checks are shown to reject a wrong
 * copy. The manifests have the fields their engines need (one shard per completion index or matrix entry,
 * shard counts that agree, a merge after the shards); every `lambdaload` command uses flags the CLI has; and the
 * Indexed Job's own shell commands run for real here, for two completion indices against a local server and then
 * the merge job's, giving one merged result of the whole scenario.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';
import { parse, parseAllDocuments } from 'yaml';
import { BIN, ensureBuilt, readResult, ROOT, runCli, startTarget, type TestTarget } from '../cli/helpers.js';
import { checkManifest } from './k8s-schema.js';

const DIR = path.join(ROOT, 'examples', 'scale-out');

interface Container {
  command: string[];
  args: string[];
  env?: Array<{ name: string; value: string }>;
}
interface K8sDoc {
  kind: string;
  metadata: { name: string };
  spec: { completionMode?: string; completions?: number; parallelism?: number; template?: { spec: { containers: Container[]; restartPolicy: string } } };
}
interface Workflow {
  env: Record<string, string | number>;
  jobs: Record<string, { needs?: string | string[]; strategy?: { matrix: { index: number[] } }; steps?: Array<{ run?: string; uses?: string }> }>;
}

let docs: K8sDoc[];
let workflowText: string;
let workflow: Workflow;
let target: TestTarget;
let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  docs = parseAllDocuments(await readFile(path.join(DIR, 'k8s-indexed-job.yaml'), 'utf8')).map((d) => d.toJSON() as K8sDoc);
  workflowText = await readFile(path.join(DIR, 'github-shards.yml'), 'utf8');
  workflow = parse(workflowText) as Workflow;
  target = await startTarget();
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-scale-out-'));
}, 150_000);

afterAll(async () => {
  await target?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const job = (name: string) => docs.find((d) => d.kind === 'Job' && d.metadata.name === name)!;
const container = (name: string) => job(name).spec.template!.spec.containers[0]!;
const envOf = (c: Container, name: string) => c.env?.find((e) => e.name === name)?.value;

/** Every `lambdaload <sub> ...` invocation in a shell text, as argv words. */
function lambdaloadCommands(text: string): string[][] {
  return [...text.matchAll(/(?:npx )?lambdaload (run|merge)([^;\n]*)/g)].map((m) => [m[1]!, ...m[2]!.trim().split(/\s+/)]);
}

/** GitHub's own parser's errors for a workflow text (schema, expressions, job graph): empty when valid. */
async function checkWorkflow(content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name: 'github-shards.yml', content }, new NoOperationTraceWriter());
  // The conversion checks what the schema alone does not: `needs` naming jobs that exist, matrix and expressions.
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value);
  return parsed.context.errors.getErrors().map((e) => e.message);
}

describe('examples/scale-out against the Kubernetes API and GitHub Actions schemas', () => {
  it('every Kubernetes document is valid for its kind', () => {
    expect(docs.length).toBe(3);
    for (const doc of docs) expect(checkManifest(doc), `${doc.kind} ${doc.metadata.name}`).toEqual([]);
  });

  it('a wrong Kubernetes document is refused, with the field\'s path', () => {
    const shards = docs.findIndex((d) => d.kind === 'Job');
    const wrong = (edit: (doc: any) => void, index = shards) => {
      const copy = structuredClone(docs[index]!);
      edit(copy);
      return checkManifest(copy);
    };
    expect(wrong((d) => (d.spec.completionMode = 'Indexd'))).toEqual(['data/spec/completionMode must be equal to one of the allowed values']);
    expect(wrong((d) => (d.spec.completions = '4'))).toEqual(['data/spec/completions must be integer']);
    expect(wrong((d) => (d.spec.completionz = d.spec.completions))).toEqual(['data/spec/completionz: unknown field (not in the batch/v1/Job schema)']);
    expect(wrong((d) => (d.spec.template.spec.containers[0].comand = ['/bin/sh']))).toEqual(['data/spec/template/spec/containers/0/comand: unknown field (not in the batch/v1/Job schema)']);
    expect(wrong((d) => delete d.spec.template)).toEqual(['data/spec must have required property template']);
    expect(wrong((d) => (d.spec.accessModes = 'ReadWriteMany'), docs.findIndex((d) => d.kind === 'PersistentVolumeClaim'))).toEqual(['data/spec/accessModes must be array']);
    expect(checkManifest({ ...docs[shards]!, kind: 'CronJob' })[0]).toMatch(/^batch\/v1\/CronJob: no schema here/);
  });

  it('the workflow is valid for GitHub\'s workflow parser', async () => {
    expect(await checkWorkflow(workflowText)).toEqual([]);
  });

  it('a wrong workflow is refused, with the line', async () => {
    expect(await checkWorkflow(workflowText.replace('fail-fast: false', 'fail-fastt: false'))).toEqual([expect.stringMatching(/\(Line: \d+, Col: \d+\): Unexpected value 'fail-fastt'/)]);
    expect(await checkWorkflow(workflowText.replace('timeout-minutes: 60', 'timeout-minutes: [60]'))).toEqual([expect.stringMatching(/A sequence was not expected/)]);
    expect(await checkWorkflow(workflowText.replace('needs: shard', 'needs: shards'))).toEqual([expect.stringMatching(/Job 'merge' depends on unknown job 'shards'/)]);
    expect(await checkWorkflow(workflowText.replace('${{ matrix.index }}/$SHARDS', '${{ matrix.index }/$SHARDS'))).toEqual([expect.stringMatching(/Unexpected symbol/)]);
  });
});

describe('examples/scale-out', () => {
  it('the Indexed Job runs one shard per completion index, its counts agree, and a merge job follows', () => {
    const shards = job('lambdaload-shards');
    expect(shards.spec.completionMode).toBe('Indexed');
    expect(shards.spec.parallelism).toBe(shards.spec.completions);
    expect(Number(envOf(container('lambdaload-shards'), 'SHARDS'))).toBe(shards.spec.completions);
    expect(Number(envOf(container('lambdaload-merge'), 'SHARDS'))).toBe(shards.spec.completions);
    expect(shards.spec.template!.spec.restartPolicy).toBe('Never');
    expect(container('lambdaload-shards').args.join(' ')).toMatch(/JOB_COMPLETION_INDEX/);
    expect(docs.map((d) => d.kind)).toEqual(['PersistentVolumeClaim', 'Job', 'Job']);
  });

  it('the workflow\'s matrix has SHARDS entries and the merge job needs the shards', () => {
    const matrix = workflow.jobs.shard!.strategy!.matrix.index;
    expect(matrix).toEqual(Array.from({ length: Number(workflow.env.SHARDS) }, (_, i) => i + 1));
    expect(workflow.jobs.shard!.needs).toBe('plan');
    expect(workflow.jobs.merge!.needs).toBe('shard');
    const subs = Object.values(workflow.jobs).flatMap((j) => (j.steps ?? []).flatMap((s) => lambdaloadCommands(s.run ?? '').map((c) => c[0])));
    expect(subs).toEqual(['run', 'merge']);
  });

  it('every lambdaload command of both uses only flags the CLI has', async () => {
    const texts = [...docs.flatMap((d) => d.spec.template?.spec.containers.flatMap((c) => c.args) ?? []), ...Object.values(workflow.jobs).flatMap((j) => (j.steps ?? []).map((s) => s.run ?? ''))];
    const commands = texts.flatMap(lambdaloadCommands);
    expect(commands.length).toBe(4);
    for (const [sub, ...args] of commands) {
      const help = await runCli([sub!, '--help']);
      expect(help.code).toBe(0);
      for (const flag of args.filter((a) => a.startsWith('--'))) expect(help.stdout, `${sub} ${flag}`).toContain(flag);
    }
  });

  it('the Dockerfile copies what the package ships and builds it', async () => {
    const dockerfile = await readFile(path.join(DIR, 'Dockerfile'), 'utf8');
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    for (const shipped of pkg.files.filter((f) => !/\.md$|LICENSE/.test(f))) expect(dockerfile, shipped).toMatch(new RegExp(`COPY --from=build /src/${shipped} ${shipped}`));
    expect(dockerfile).toContain('RUN npm run build');
  });

  it('the Indexed Job\'s shell commands, run here for 2 shards and then the merge, give one merged result', async () => {
    // The pods' commands as written, with the image's paths mapped to this machine's.
    const local = (script: string) => script.replaceAll('/scenarios/scenario.ts', 'test/fixtures/cli/url-target.ts').replaceAll('/results', dir).replace(/\blambdaload /g, `"${process.execPath}" "${BIN}" `);
    const sh = (script: string, env: Record<string, string>) => promisify(execFile)('/bin/sh', ['-c', local(script)], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 });
    // Far enough ahead for both shard processes to start on a busy 2-core machine (over 10 s seen at load 11).
    const startAt = new Date(Date.now() + 15_000).toISOString();
    const before = target.received;
    const env = { SHARDS: '2', LAMBDALOAD_TEST_URL: target.url, LAMBDALOAD_TEST_DURATION: '2s', NO_COLOR: '1' };
    await Promise.all([0, 1].map((index) => sh(container('lambdaload-shards').args[0]!.replace('__START_AT__', startAt), { ...env, START_AT: startAt, JOB_COMPLETION_INDEX: String(index) })));
    await sh(container('lambdaload-merge').args[0]!, env);
    const merged = await readResult(path.join(dir, 'merged.json'));
    expect(merged.merged).toMatchObject({ shards: 2, of: 2, partial: false });
    // 2 s at 20 req/s, split 10 + 10.
    expect(merged.requests.completed).toBe(40);
    expect(target.received - before).toBe(40);
  }, 90_000);
});
