/**
 * `lambdaload cost` through the real binary (the command's pricing is tested in test/integration/cost-cli/; this
 * checks the wiring of bin/lambdaload.js → dist/cli/main.js and its exit codes).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './helpers.js';

beforeAll(async () => {
  await ensureBuilt();
}, 150_000);

describe('lambdaload cost', () => {
  it('--json prints the itemised lines and totalUsd', async () => {
    const ran = await runCli(['cost', '--region', 'us-east-1', '--requests', '1M', '--duration-ms', '100', '--memory-mb', '512', '--json']);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const estimate = JSON.parse(ran.stdout) as { totalUsd: number; lines: Array<{ item: string; quantity: number; amountUsd: number }> };
    // 1M requests × $0.20/M; 1M × 0.1 s × 0.5 GB = 50,000 GB-s × $0.0000166667 (us-east-1 x86_64, aws-facts §1.1).
    expect(estimate.lines).toContainEqual(expect.objectContaining({ item: 'Lambda requests', quantity: 1_000_000, amountUsd: expect.closeTo(0.2, 9) }));
    expect(estimate.lines).toContainEqual(expect.objectContaining({ quantity: 50_000, amountUsd: expect.closeTo(0.833335, 6) }));
    expect(estimate.totalUsd).toBeCloseTo(1.033335, 6);
  });

  it('exit 2 without --region, listing the known Regions', async () => {
    const ran = await runCli(['cost', '--requests', '1M', '--memory-mb', '512', '--json']);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain('✗ --region is required');
    expect(ran.stderr).toMatch(/hint: Known Regions: .*us-east-1/);
  });

  it('exit 2 naming the missing --duration-ms', async () => {
    const ran = await runCli(['cost', '--region', 'us-east-1', '--requests', '1M', '--memory-mb', '512']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('✗ to price Lambda, give --duration-ms');
  });

  it('--api http --requests 3M prices the API alone; --json lines carry their ids', async () => {
    const ran = await runCli(['cost', '--region', 'us-east-1', '--api', 'http', '--requests', '3M', '--response-kb', '100', '--free-dto', '--json']);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const estimate = JSON.parse(ran.stdout) as { lines: Array<{ id: string; amountUsd: number }> };
    // 3M × 100 KB = 286.1 GB: 100 GB free, 186.1 GB × $0.09.
    expect(estimate.lines.map((l) => l.id)).toEqual(['apigw.http.requests.tier1', 'dto.internet.free', 'dto.internet.tier1']);
  });

  it('--help explains the free-tier defaults', async () => {
    const ran = await runCli(['cost', '--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('every allowance is OFF unless switched on');
    expect(ran.stdout).toContain('--free-lambda-compute');
  });
});
