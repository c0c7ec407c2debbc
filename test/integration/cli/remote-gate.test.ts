/**
 * Safety before load reaches an account, as a user meets it: the real CLI refuses a target beyond this machine
 * without consent (exit 5, the plan printed, nothing written), refuses a plan over --max-cost-usd, and never writes the
 * credentials a scenario sends. No request leaves this machine: the refusals happen before any socket opens, and the
 * credential test targets a local server.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useCliWorkspace } from './helpers.js';

const REMOTE = 'test/fixtures/cli/remote-target.ts';
const ws = useCliWorkspace('remote');
const exists = (file: string) => access(file).then(() => true, () => false);

describe('lambdaload run: targets beyond this machine', () => {
  it('exit 5 without consent: the plan (URL, peak rate, requests, AWS cost of the test) and how to consent; no result', async () => {
    const out = path.join(ws.dir, 'no-consent.json');
    const ran = await runCli(['run', REMOTE, '--quiet', '--out', out]);
    expect(ran.code).toBe(5);
    expect(ran.stderr).toContain('the target https://abc123defg.execute-api.us-east-1.amazonaws.com/prod is not on this machine; no request was sent');
    expect(ran.stderr).toContain('peak 100 req/s · 1000 requests');
    // 1,000 REST requests ($3.50/M), 1,000 Lambda requests ($0.20/M), 1,000 × 0.125 GB × 0.1 s at $0.0000166667/GB-s.
    expect(ran.stderr).toContain('AWS cost of the test: at most $0.0039');
    expect(ran.stderr).toContain('--allow-remote');
    expect(await exists(out)).toBe(false);
  });

  it('exit 5 with consent when the test may cost more than --max-cost-usd', async () => {
    const out = path.join(ws.dir, 'over.json');
    const ran = await runCli(['run', REMOTE, '--quiet', '--out', out, '--allow-remote', '--max-cost-usd', '0.001']);
    expect(ran.code).toBe(5);
    expect(ran.stderr).toMatch(/is refused: it may cost \$0\.0039\d*, over maxCostUsd \$0\.001; no request was sent/);
    expect(await exists(out)).toBe(false);
  });

  it('exit 2 for a negative --max-cost-usd', async () => {
    const ran = await runCli(['run', REMOTE, '--max-cost-usd', '-1']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('--max-cost-usd must be a number ≥ 0');
  });
});

describe('lambdaload run: credentials stay out of results', () => {
  it('sends Authorization, x-api-key and Cookie, and writes none of their values to the result, the Markdown or the terminal', async () => {
    const out = path.join(ws.dir, 'secrets.json');
    const markdown = path.join(ws.dir, 'secrets.md');
    const before = ws.target.received;
    const ran = await runCli(['run', 'test/fixtures/cli/secret-headers.ts', '--quiet', '--out', out, '--markdown', markdown], { LAMBDALOAD_TEST_URL: ws.target.url });
    expect(ran.code).toBe(0);
    expect(ws.target.received - before).toBeGreaterThanOrEqual(10);
    const written = [await readFile(out, 'utf8'), await readFile(markdown, 'utf8'), ran.stdout, ran.stderr].join('\n');
    for (const secret of ['tok-SECRET-1111', 'key-SECRET-2222', 'SECRET-3333']) expect(written).not.toContain(secret);
  });
});
