/** SnapStart and Lambda Managed Instances as rows of the monthly comparison (compareCosts `alternatives`). */
import { describe, expect, it } from 'vitest';
import { compareCosts } from '../../../src/cost/compare.js';
import type { ProjectionBasis } from '../../../src/cost/run-cost.js';

const cents = (usd: number) => Math.round(usd * 100) / 100;

// 1 GB x86 function, 100 ms billed a request, 1% cold starts with 2 s of billed INIT, behind an HTTP API.
const basis: ProjectionBasis = {
  region: 'us-east-1',
  functions: [
    { name: 'api', memoryMb: 1024, architecture: 'x86_64', invocationsPerRequest: 1, avgBilledMs: 100, coldStartRate: 0.01, avgBilledInitMs: 2000, provisionedShare: 0 },
  ],
  api: { type: 'http', meteredPerRequest: 1, responseBytesPerRequest: 0 },
};
const month = { monthlyRequests: 1_000_000 };

describe('comparison alternatives', () => {
  it('adds nothing unless asked', () => {
    expect(compareCosts(basis, month).rows.some((r) => r.alternative)).toBe(false);
  });

  it('prices a SnapStart row: restores in place of INIT, plus cache and restore charges', () => {
    const c = compareCosts(basis, month, { alternatives: { snapStart: { restoreDurationMs: 200, cachedHours: 730 } } });
    const measured = c.rows.find((r) => r.baseline)!;
    const snap = c.rows.find((r) => r.alternative === 'snapstart')!;
    // Measured: $0.20 requests + 120,000 GB-s ($2.00) + $1.00 HTTP API = $3.20.
    expect(cents(measured.monthlyUsd)).toBe(3.2);
    // SnapStart: $0.20 + 102,000 GB-s ($1.70) + cache 2,628,000 GB-s ($3.95) + 10,000 GB restored ($1.40) + $1.00 = $8.25.
    expect(snap.label).toBe('SnapStart (restore 200 ms)');
    expect(cents(snap.monthlyUsd)).toBe(8.25);
    expect(c.notes).toContain('the SnapStart row assumes a Billed Restore Duration of 200 ms per cold start (given, not measured)');
  });

  it('prices a Managed Instances row from the EC2 price given, or warns that it is unknown', () => {
    const priced = compareCosts(basis, month, { alternatives: { managedInstances: { instanceHours: 730, instanceType: 'm7g.large', ec2OnDemandHourlyUsd: 0.192 } } });
    // $0.20 requests + $140.16 EC2 + 15% fee $21.02 + $1.00 HTTP API; no duration charge.
    expect(cents(priced.rows.find((r) => r.alternative === 'managed-instances')!.monthlyUsd)).toBe(162.38);
    const unknown = compareCosts(basis, month, { alternatives: { managedInstances: { instanceHours: 730, instanceType: 'm7g.large' } } });
    const row = unknown.rows.find((r) => r.alternative === 'managed-instances')!;
    expect(row.label).toBe('Managed Instances (m7g.large)');
    expect(cents(row.monthlyUsd)).toBe(1.2);
    expect(row.warnings.join('\n')).toContain('price unknown: the EC2 on-demand price of m7g.large');
  });

  it('offers no SnapStart row beside Provisioned Concurrency, and says why', () => {
    const c = compareCosts(basis, month, { provisioned: { environments: 1, hoursEnabled: 720 }, alternatives: { snapStart: { restoreDurationMs: 200, cachedHours: 730 } } });
    expect(c.rows.some((r) => r.alternative === 'snapstart')).toBe(false);
    expect(c.notes).toContain('no SnapStart row: SnapStart cannot be combined with Provisioned Concurrency');
  });

  it('keeps the alternatives it priced, so a merge of shard results prices the same rows again from the JSON', () => {
    const alternatives = { snapStart: { restoreDurationMs: 200, cachedHours: 730 }, managedInstances: { instanceHours: 730 } };
    const first = compareCosts(basis, month, { alternatives });
    const saved = JSON.parse(JSON.stringify(first)) as typeof first;
    expect(saved.alternatives).toEqual(alternatives);
    expect(compareCosts(basis, month, { alternatives: saved.alternatives }).rows).toEqual(first.rows);
    expect(compareCosts(basis, month).alternatives).toBeUndefined();
  });
});

