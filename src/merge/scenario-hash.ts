/**
 * A stable fingerprint of a resolved scenario (its name, phases, requests and target as written), so `merge` can
 * refuse shards of different scenarios. Stable: object keys are sorted before hashing, so the same scenario hashes
 * the same in any process; functions and undefined values (not part of what runs) are left out. It is taken before
 * the shard's split, so every shard of one scenario carries the same hash.
 */
import { createHash } from 'node:crypto';
import type { ResolvedScenario } from '../target/resolve-scenario.js';

export function scenarioHash(scenario: Pick<ResolvedScenario, 'name' | 'phases' | 'requests' | 'target'>): string {
  const text = stableJson({ name: scenario.name, phases: scenario.phases, requests: scenario.requests, target: scenario.target });
  return `sha256:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
}

/** JSON with sorted object keys (undefined and functions dropped, as JSON.stringify does in objects). */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}
