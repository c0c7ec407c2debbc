/**
 * Broken scenarios and bad flags, as users write them: each is refused before any traffic with exit 2, and a message
 * that names the file and line (`file.ts:NN`), the key path and what is wrong, with a hint; a scenario with several
 * mistakes lists them all at once.
 *
 * Each broken scenario is one file in test/fixtures/broken, and marks its wrong lines with `// ✗ <key path>`: the
 * expected problems are read from those marks, so a fixture and its expectation cannot drift apart. Every fixture is
 * loaded through the library (`loadScenario`, in-process, quick); a representative subset and every bad flag go
 * through the real CLI (`bin/lambdaload.js`, spawned, several at a time) for the exit code and the stderr format.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isLambdaloadError, type LambdaloadError } from '../../../src/errors.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { ensureBuilt, ROOT, runCli } from './helpers.js';

const DIR = 'test/fixtures/broken';
const FIXTURES = readdirSync(path.join(ROOT, DIR)).filter((f) => f.endsWith('.ts')).sort();

/** What each fixture's message must also say beyond its marks: the suggestion, the limit, the reason. */
const SAYS: Record<string, string[]> = {
  'absurd-rate.ts': ['must be at most 100000 arrivals per second', 'got 1000000000'],
  'duration-leading-dot.ts': ["(got \"5 s\"); did you mean '5s'?"],
  'duration-negative.ts': ['must not be negative (got "-1s")'],
  'duration-space.ts': ["did you mean '5s'?"],
  'function-timeout-over-900s.ts': ['at most 900 s'],
  'integration-timeout-over-limit.ts': ['from 50ms to 30s for HTTP APIs (got 1m)'],
  'memory-20000.ts': ['must be from 128 to 10240', 'got 20000'],
  'memory-64.ts': ['must be from 128 to 10240', 'got 64'],
  'missing-code-folder.ts': ['"./no-such-folder" does not exist'],
  'missing-handler-file.ts': ['looked for main.js, main.mjs, main.cjs'],
  'percentile-p101.ts': ["must be one of 'p50', 'p90', 'p99', 'p99.9', 'max', 'mean' (got \"p101\")"],
  'provisioned-over-reserved.ts': ['is more than reservedConcurrency (5 > 2)'],
  'reserved-over-account.ts': ['at most 100 of the account concurrency 200 can be reserved'],
  'route-unknown-function.ts': ["did you mean 'hello'?"],
  'duplicate-route.ts': ["repeats the route 'GET /hello' of target.routes[0]"],
  'spare-runtimes-huge.ts': ['must be from 0 to 64 (got 1000)'],
  'unknown-architecture.ts': ["did you mean 'x86_64'?"],
  'unknown-function-key.ts': ['is not a known key; did you mean memoryMb?'],
  'unknown-phase-key.ts': ['did you mean arrivals?'],
  'unknown-region.ts': ["must be an AWS Region code such as 'us-east-1'"],
  'unknown-runtime.ts': ["must be one of 'nodejs20.x'"],
  'unknown-target-key.ts': ['did you mean routes?'],
  'unknown-top-key.ts': ['did you mean thresholds?'],
  'cpu-unknown.ts': ["must be one of 'aws', 'host' (got \"fast\")"],
};

/** Fixtures that fail before validation: their message is the whole answer. */
const LOAD_FAILURES: Record<string, { code: string; message: string }> = {
  'syntax-error.ts': { code: 'SCENARIO_LOAD_FAILED', message: `${DIR}/syntax-error.ts:8:2: Expected "}" but found "requests"` },
  'no-export.ts': { code: 'SCENARIO_INVALID', message: `${DIR}/no-export.ts: no scenario exported (it exports notAScenario)` },
};

/** Spawned through the CLI: every kind of mistake once (types, ranges, keys, files, limits, durations, several). */
const THROUGH_CLI = [
  'syntax-error.ts',
  'no-export.ts',
  'rate-is-string.ts',
  'absurd-rate.ts',
  'unknown-top-key.ts',
  'percentile-p101.ts',
  'missing-handler-file.ts',
  'missing-code-folder.ts',
  'unknown-runtime.ts',
  'duplicate-route.ts',
  'provisioned-over-reserved.ts',
  'reserved-over-account.ts',
  'duration-space.ts',
  'memory-64.ts',
  'spare-runtimes-huge.ts',
  'phases-empty.ts',
  'several-mistakes.ts',
];

interface Mark {
  line: number;
  path: string;
}

/** The `// ✗ <key path>` marks of a fixture, with their 1-based lines. */
function marksOf(file: string): Mark[] {
  const lines = readFileSync(path.join(ROOT, DIR, file), 'utf8').split('\n');
  return lines.flatMap((text, i) => [...text.matchAll(/✗ (\S+)/g)].map((m) => ({ line: i + 1, path: m[1] })));
}

/** `test/fixtures/broken/x.ts:9 target.functions.hello.memoryMb ` as the problem list starts each entry. */
function where(file: string, mark: Mark): string {
  return `${DIR}/${file}:${mark.line} ${mark.path} `;
}

async function loadError(file: string): Promise<LambdaloadError> {
  const error = await loadScenario(`${DIR}/${file}`, { cwd: ROOT }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isLambdaloadError(error)) throw new Error(`${file} was accepted, or failed without a LambdaloadError: ${String(error)}`);
  return error;
}

describe('broken scenarios through the library', () => {
  it('has at least 40 of them, every one with a mark or a load failure', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(40);
    for (const file of FIXTURES) expect(marksOf(file).length > 0 || file in LOAD_FAILURES, file).toBe(true);
    for (const file of [...Object.keys(SAYS), ...THROUGH_CLI]) expect(FIXTURES).toContain(file);
  });

  it.each(FIXTURES.filter((f) => !(f in LOAD_FAILURES)))('%s: every marked problem, at its line and key path, and nothing else', async (file) => {
    const error = await loadError(file);
    const marks = marksOf(file);
    expect(error.code).toBe('SCENARIO_INVALID');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`${DIR}/${file}: ${marks.length === 1 ? '1 problem' : `${marks.length} problems`}`);
    expect(error.problems).toHaveLength(marks.length);
    for (const mark of marks) expect(error.problems.some((p) => p.startsWith(where(file, mark))), `${where(file, mark)} in\n${error.problems.join('\n')}`).toBe(true);
    const text = error.problems.join('\n');
    for (const fragment of SAYS[file] ?? []) expect(text).toContain(fragment);
    expect(error.hint).toBeTruthy();
  }, 30_000);

  it.each(Object.entries(LOAD_FAILURES))('%s: refused before validation, saying where', async (file, expected) => {
    const error = await loadError(file);
    expect(error.code).toBe(expected.code);
    expect(error.message).toBe(expected.message);
    expect(error.exitCode).toBe(2);
    expect(error.hint).toBeTruthy();
  }, 30_000);
});

describe('broken scenarios through the CLI: exit 2, file:line, key path, hint, no stack', () => {
  beforeAll(ensureBuilt, 150_000);

  it.concurrent.each(THROUGH_CLI)('lambdaload run %s', async (file) => {
    const shown = `${DIR}/${file}`;
    const ran = await runCli(['run', shown], { LAMBDALOAD_TEST_URL: 'http://127.0.0.1:9/prod' }, 60_000);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain('  hint: ');
    expect(ran.stderr).not.toMatch(/\n\s+at /);
    if (file in LOAD_FAILURES) {
      expect(ran.stderr.startsWith(`✗ ${LOAD_FAILURES[file].message}\n`)).toBe(true);
      return;
    }
    const marks = marksOf(file);
    expect(ran.stderr.startsWith(`✗ ${shown}: ${marks.length === 1 ? '1 problem' : `${marks.length} problems`}\n`)).toBe(true);
    expect(ran.stderr.match(/^ {2}- /gm)).toHaveLength(marks.length);
    for (const mark of marks) expect(ran.stderr).toContain(`  - ${where(file, mark)}`);
  }, 90_000);
});

describe('bad flags through the CLI: exit 2 and what is wrong', () => {
  beforeAll(ensureBuilt, 150_000);

  const URL_SCENARIO = 'test/fixtures/cli/url-target.ts';
  // Port 9 (discard) is closed on a test machine: a case that reached the network would exit 4, not 2.
  const cases: Array<[string, () => string[], string[]]> = [
    ['an unknown flag', () => ['run', URL_SCENARIO, '--quite'], ['✗ Unknown argument: quite', 'hint: see `lambdaload --help`']],
    ['a flag run does not have', () => ['run', URL_SCENARIO, '--seed', '1'], ['✗ Unknown argument: seed']],
    ['run without a scenario file', () => ['run'], ['✗ Not enough non-option arguments: got 0, need at least 1']],
    ['a misspelt command', () => ['runn', URL_SCENARIO], ['✗ Did you mean run?']],
    ['a scenario file that does not exist', () => ['run', 'scenarios/no-such-scenario.ts'], ['✗ Scenario file not found: ', 'hint: Check the path']],
    ['a scenario that is not a module', () => ['run', 'package.json'], ['✗ Cannot load package.json: .json is not a scenario file type']],
    ['--out under a file instead of a folder', () => ['run', URL_SCENARIO, '--out', 'package.json/result.json'], ['package.json is a file, not a folder', 'hint: Choose an --out path']],
    ['--out on an existing file', () => ['run', URL_SCENARIO, '--out', 'package.json'], ['✗ package.json already exists; lambdaload never overwrites a result']],
    ['cost in a Region that does not exist', () => ['cost', '--region', 'nowhere'], ["✗ no pricing data for Region 'nowhere'", 'hint: Known Regions: af-south-1']],
    ['cost without a Region', () => ['cost', '--requests', '1M'], ['✗ --region is required']],
    ['cost --requests that is not a number', () => ['cost', '--region', 'us-east-1', '--requests', 'abc', '--duration-ms', '100', '--memory-mb', '128'], ["✗ --requests: 'abc' is not a quantity", 'hint: Use a non-negative number']],
    ['cost with memory below Lambda\'s range', () => ['cost', '--region', 'us-east-1', '--requests', '1M', '--duration-ms', '100', '--memory-mb', '64'], ['usage.functions[0].memoryMb: 64 is outside 128–10240']],
  ];

  it.concurrent.each(cases)('%s', async (_, args, says) => {
    const ran = await runCli(args(), { LAMBDALOAD_TEST_URL: 'http://127.0.0.1:9/prod' }, 60_000);
    expect(ran.code).toBe(2);
    for (const fragment of says) expect(ran.stderr).toContain(fragment);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});
