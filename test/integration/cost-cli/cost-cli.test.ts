import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const entry = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `lambdaload cost ...` through the test entry (the same command module the real CLI registers). */
function cost(...args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(tsx, [entry, 'cost', ...args], { cwd: root, timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const cents = (usd: number) => Math.round(usd * 100) / 100;
const example = ['--requests', '3M', '--duration-ms', '120', '--memory-mb', '1536', '--arch', 'arm64', '--api', 'http'];
example.push('--region', 'ap-northeast-2', '--payload-kb', '20', '--free-tier');

describe('lambdaload cost', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lambdaload-cost-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the itemised estimate as JSON', async () => {
    const ran = await cost(...example, '--json');
    expect(ran.code).toBe(0);
    const json = JSON.parse(ran.stdout);
    // Lambda: 140,000 arm64 GB-s × $0.0000133334 = $1.87; 2M requests = $0.40. HTTP API in Seoul: 3M × $1.23/M = $3.69.
    expect(cents(json.totalUsd)).toBe(5.96);
    expect(json.warnings).toEqual([]);
    expect(json.lines).toContainEqual(
      expect.objectContaining({ item: 'API Gateway HTTP requests', quantity: 3_000_000, unit: 'request', unitPriceUsd: 1.23e-6, amountUsd: expect.closeTo(3.69, 9) }),
    );
    for (const line of json.lines) expect(Object.keys(line)).toEqual(expect.arrayContaining(['item', 'quantity', 'unit', 'unitPriceUsd', 'amountUsd', 'source', 'asOf']));
  });

  it('prints the table by default', async () => {
    const ran = await cost(...example);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/Lambda duration \(arm64\)\s+first 7\.5B\s+140k GB-s\s+\$0\.0000133334\s+\$1\.87/);
    expect(ran.stdout).toMatch(/Total \(ap-northeast-2\)\s+\$5\.96/);
  });

  it('reads a usage file, lets flags override it, and applies pricing overrides', async () => {
    const usage = join(dir, 'usage.json');
    const pricing = join(dir, 'pricing.json');
    await writeFile(usage, JSON.stringify({ region: 'ap-southeast-2', functions: [{ memoryMb: 1024, requests: 1e6, durationMs: 100 }], api: { type: 'rest', requests: 1e6 } }));
    await writeFile(pricing, JSON.stringify({ apiGateway: { 'ap-southeast-2': { rest: { usdPerMillion: 3.5, asOf: '2026-05-01', source: 'my console' } } } }));
    const without = JSON.parse((await cost('--usage', usage, '--json')).stdout);
    expect(without.warnings.map((w: { code: string }) => w.code)).toEqual(['PRICE_MISSING']);
    const ran = await cost('--usage', usage, '--pricing', pricing, '--duration-ms', '200', '--json');
    expect(ran.code).toBe(0);
    const json = JSON.parse(ran.stdout);
    // 1M × 200 ms × 1 GB = 200,000 GB-s = $3.33; requests $0.20; REST $3.50 from the override.
    expect(cents(json.totalUsd)).toBe(7.03);
    expect(json.warnings).toEqual([]);
    expect(json.lines.find((l: { item: string }) => l.item === 'API Gateway REST requests').source).toBe('my console');
  });

  it.each([
    { name: 'a bad quantity', args: ['--region', 'us-east-1', '--requests', '3X'], message: "✗ --requests: '3X' is not a quantity", hint: 'hint: Use a non-negative number' },
    { name: 'no Region', args: ['--requests', '3M', '--duration-ms', '1', '--memory-mb', '128'], message: '✗ --region is required', hint: 'ap-northeast-2' },
    { name: 'an unknown Region', args: ['--region', 'mars-1', '--requests', '1', '--duration-ms', '1', '--memory-mb', '128'], message: "✗ no pricing data for Region 'mars-1'", hint: 'Known Regions: af-south-1' },
    { name: 'a bad architecture', args: ['--region', 'us-east-1', '--requests', '1', '--duration-ms', '1', '--memory-mb', '128', '--arch', 'sparc'], message: "✗ --arch: 'sparc'", hint: 'x86_64 or arm64' },
    { name: 'missing function facts', args: ['--region', 'us-east-1', '--requests', '1M'], message: '✗ to price Lambda, give --memory-mb, --duration-ms', hint: '--usage' },
    { name: 'memory out of range', args: ['--region', 'us-east-1', '--requests', '1', '--duration-ms', '1', '--memory-mb', '20k'], message: '✗ invalid cost usage', hint: 'memoryMb: 20000 is outside 128–10240' },
  ])('exits 2 with ✗ and a hint on $name', async ({ args, message, hint }) => {
    const ran = await cost(...args);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain(message);
    expect(ran.stderr).toContain(hint);
  });

  it('lists every problem of an invalid usage file', async () => {
    const usage = join(dir, 'bad-usage.json');
    await writeFile(usage, JSON.stringify({ region: 'us-east-1', functions: [{ memoryMb: 1024 }], cache: { sizeGb: 'big', hours: 1 } }));
    const ran = await cost('--usage', usage);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`${usage}.functions[0].requests: required`);
    expect(ran.stderr).toContain(`${usage}.cache.sizeGb: expected a number, got "big"`);
  });
});

describe('the built lambdaload binary', () => {
  /** Runs `node bin/lambdaload.js cost ...`, the command users type (dist/ comes from `npm run build`). */
  function binary(...args: string[]): Promise<Ran> {
    return new Promise((resolve) => {
      const bin = join(root, 'bin', 'lambdaload.js');
      execFile(process.execPath, [bin, 'cost', ...args], { cwd: root, timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  }

  it('prices eu-west-2, which issue 17 reported as "no pricing data"', async () => {
    const ran = await binary('--region', 'eu-west-2', '--requests', '1M', '--duration-ms', '100', '--memory-mb', '512', '--json');
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const json = JSON.parse(ran.stdout);
    // 50,000 GB-s × $0.0000166667 = $0.83 and 1M requests × $0.20/M = $0.20 (EUW2-Lambda-GB-Second, EUW2-Request).
    expect(json.region).toBe('eu-west-2');
    expect(cents(json.totalUsd)).toBe(1.03);
    expect(json.warnings).toEqual([]);
    for (const line of json.lines) expect(line.source).toContain('EUW2-');
  });
});
