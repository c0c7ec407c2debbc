/**
 * Which runtimes an AWS feature is offered for, as AWS documents it; each with its source and date.
 */

export interface FeatureFact<T> {
  value: T;
  source: string;
  asOf: string;
}

/**
 * Runtime families (the part of a runtime id before its version: `java21` → `java`) SnapStart is priced for. The
 * pricing page charges SnapStart on Python and .NET and not on Java managed runtimes, and names no other family.
 */
export const SNAPSTART_RUNTIME_FAMILIES: FeatureFact<readonly string[]> = {
  value: ['java', 'python', 'dotnet'],
  source: 'AWS Lambda pricing page (SnapStart), aws-facts §1.1 notes',
  asOf: '2026',
};

/** A runtime id's family: `python3.12` → `python`, `nodejs22.x` → `nodejs`, `provided.al2023` → `provided`. */
export function runtimeFamily(runtime: string): string {
  return /^[a-z]+/.exec(runtime)?.[0] ?? runtime;
}

/** The runtimes SnapStart is not offered for, each once; a runtime not said (`''`) is not refused. */
export function snapStartUnsupported(runtimes: readonly string[]): string[] {
  return [...new Set(runtimes.filter((r) => r !== '' && !SNAPSTART_RUNTIME_FAMILIES.value.includes(runtimeFamily(r))))];
}

/** Why there is no SnapStart figure for these runtimes, as the run's comparison and the planner both say it. */
export function snapStartUnsupportedReason(unsupported: readonly string[]): string {
  return `SnapStart is offered for ${SNAPSTART_RUNTIME_FAMILIES.value.join(', ')} runtimes (${SNAPSTART_RUNTIME_FAMILIES.source}), not ${unsupported.join(', ')}`;
}

/** Every function on a Java managed runtime: SnapStart's cache and restore are then free (aws-facts §1.1). */
export function allJavaManagedRuntimes(runtimes: readonly string[]): boolean {
  return runtimes.length > 0 && runtimes.every((r) => r.startsWith('java'));
}
