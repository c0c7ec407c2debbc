/**
 * The emulator's cold-start profiles:
 * - `real`: a cold start costs only what the runtime process really takes to start and run the function's init;
 * - `aws`: on top of that, a delay drawn from AWS's measured Init Duration distribution for the function's runtime
 *   and architecture (`coldstart-profile-data.ts`), reported as `simulatedInitMs` and counted in `initMs`.
 * AWS's hello-world Init Duration already contains a runtime start like the local one, so under `aws` a hello
 * world starts slower than on AWS by about the local start (tens of ms); a heavy init keeps its own real cost.
 * Pure: the random number comes in as an argument.
 */
import type { Architecture, Runtime } from '../../scenario/types.js';
import { AWS_INIT_QUANTILES } from './coldstart-profile-data.js';

export type ColdStartProfile = 'real' | 'aws';

/**
 * Inverse-CDF sample of AWS's Init Duration: `u` in [0, 1) picks a point between the measured percentiles
 * (linear between neighbouring percentiles).
 */
export function sampleAwsInitMs(runtime: Runtime, architecture: Architecture, u: number): number {
  const quantiles = AWS_INIT_QUANTILES[runtime][architecture].quantilesMs;
  const position = Math.min(Math.max(u, 0), 1) * (quantiles.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, quantiles.length - 1);
  return quantiles[lower] + (quantiles[upper] - quantiles[lower]) * (position - lower);
}

/** The extra init delay for one new environment: 0 under `real`. */
export function simulatedInitDelayMs(profile: ColdStartProfile, runtime: Runtime, architecture: Architecture, random: () => number): number {
  return profile === 'aws' ? sampleAwsInitMs(runtime, architecture, random()) : 0;
}
