/** The `aws` cold-start profile samples AWS's measured Init Duration distribution (coldstart-profile-data.ts). */
import { describe, expect, it } from 'vitest';
import { AWS_INIT_QUANTILES } from '../../../src/emulator/lambda/coldstart-profile-data.js';
import { sampleAwsInitMs, simulatedInitDelayMs } from '../../../src/emulator/lambda/coldstart-profile.js';
import { RUNTIMES, ARCHITECTURES } from '../../../src/scenario/types.js';

describe('AWS init-duration profile', () => {
  it('has 101 increasing quantiles for every runtime and architecture lambdaload accepts', () => {
    for (const runtime of RUNTIMES) {
      for (const arch of ARCHITECTURES) {
        const q = AWS_INIT_QUANTILES[runtime][arch].quantilesMs;
        expect(q, `${runtime} ${arch}`).toHaveLength(101);
        for (let i = 1; i < q.length; i++) expect(q[i]).toBeGreaterThanOrEqual(q[i - 1]);
      }
    }
  });

  it('samples by inverse CDF: u = 0.5 gives the median of the measurements (coldstarts.md §0: nodejs22.x x86 p50 145 ms)', () => {
    expect(sampleAwsInitMs('nodejs22.x', 'x86_64', 0.5)).toBeCloseTo(144.7, 1);
    expect(sampleAwsInitMs('python3.12', 'arm64', 0.5)).toBeCloseTo(80.9, 1);
    const q = AWS_INIT_QUANTILES['nodejs22.x'].x86_64.quantilesMs;
    expect(sampleAwsInitMs('nodejs22.x', 'x86_64', 0)).toBe(q[0]);
    expect(sampleAwsInitMs('nodejs22.x', 'x86_64', 1)).toBe(q[100]);
    // Halfway between p50 and p51.
    expect(sampleAwsInitMs('nodejs22.x', 'x86_64', 0.505)).toBeCloseTo((q[50] + q[51]) / 2, 6);
  });

  it('adds nothing under the real profile', () => {
    expect(simulatedInitDelayMs('real', 'nodejs22.x', 'x86_64', () => 0.9)).toBe(0);
    expect(simulatedInitDelayMs('aws', 'nodejs22.x', 'x86_64', () => 0.5)).toBeCloseTo(144.7, 1);
  });
});
