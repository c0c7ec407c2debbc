/**
 * A small seeded random source, so Poisson arrivals, `{{randomInt}}` and any other engine randomness replay exactly
 * in tests. Not for security: `{{uuid}}` uses `crypto.randomUUID()` instead.
 */
import { randomInt } from 'node:crypto';

/** Returns numbers uniform in [0, 1). */
export type RandomSource = () => number;

/**
 * mulberry32: 32 bits of state, period 2^32, passes the usual statistical batteries for this use
 * (https://gist.github.com/tommyettinger/46a874533244883189143505d203312c).
 */
export function createRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives an independent seed for a sub-stream (e.g. one per phase) from a run seed. */
export function deriveSeed(seed: number, stream: number): number {
  // One splitmix32-style scramble, so seeds 1 and 2 do not give correlated streams.
  let z = (seed + Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** A fresh seed for runs that do not ask for one. */
export function randomSeed(): number {
  return randomInt(0, 2 ** 32 - 1);
}
