/**
 * The `alternatives` of a scenario's `projection` (src/run/cost.ts prices them beside the measured setup) and of a
 * plan (src/plan/alternatives.ts simulates and prices them): SnapStart and Lambda Managed Instances, whose inputs
 * neither a run nor a plan can measure. Every problem with its key path.
 */
import { joinPath } from './key-path.js';
import { checkKnownKeys, keysOf, readDuration, readNumber, readRecordKey, readString, type Problem } from './rules.js';
import type { CostAlternativesSpec } from './types.js';

type PlainObject = Record<string, unknown>;

const ALTERNATIVES_KEYS = keysOf<CostAlternativesSpec>({ snapStart: true, managedInstances: true });
const SNAPSTART_KEYS = ['restoreDuration', 'cachedHours'] as const;
const MANAGED_KEYS = ['instanceHours', 'instanceType', 'ec2OnDemandHourlyUsd'] as const;

/** Checks `parent.alternatives`, `parentPath` being the parent's key path ('projection' in a scenario, '' in a plan). */
export function checkAlternatives(parent: PlainObject, parentPath: string, out: Problem[]): void {
  const at = joinPath(parentPath, 'alternatives');
  const alternatives = readRecordKey(parent, 'alternatives', parentPath, out);
  if (alternatives === undefined) return;
  checkKnownKeys(alternatives, at, ALTERNATIVES_KEYS, out);
  const snap = readRecordKey(alternatives, 'snapStart', at, out);
  if (snap !== undefined) {
    checkKnownKeys(snap, `${at}.snapStart`, SNAPSTART_KEYS, out);
    readDuration(snap, 'restoreDuration', `${at}.snapStart`, out, { required: true, positive: true });
    readNumber(snap, 'cachedHours', `${at}.snapStart`, out, { min: 0 });
  }
  const managed = readRecordKey(alternatives, 'managedInstances', at, out);
  if (managed !== undefined) {
    checkKnownKeys(managed, `${at}.managedInstances`, MANAGED_KEYS, out);
    readNumber(managed, 'instanceHours', `${at}.managedInstances`, out, { required: true, min: 0 });
    readString(managed, 'instanceType', `${at}.managedInstances`, out, { nonEmpty: true });
    readNumber(managed, 'ec2OnDemandHourlyUsd', `${at}.managedInstances`, out, { min: 0 });
  }
}
