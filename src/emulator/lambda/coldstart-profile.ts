/**
 * The emulator's cold-start profiles, for the runtime-start part of a cold start (invocation.ts adds the function's
 * own init, measured):
 * - `real`: the runtime's own start as measured here (a spare runtime's reference boot, spares.ts);
 * - `aws`: a draw from AWS's measured Init Duration distribution for the function's runtime and architecture
 *   (`coldstart-profile-data.ts`), reported as `simulatedInitMs`. It stands for the runtime start and a hello world's
 *   init on AWS, so it replaces the local start; a heavy init keeps its own measured cost on top. A cold start that
 *   spawns its own process (custom runtimes, no spares) has its start inside the measured init, and the draw is added.
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
