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
