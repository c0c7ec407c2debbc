/** Checks of a plan's `payload` key (and a route's): sizes in KB, one number or a weighted mix. */
import { joinPath } from '../scenario/key-path.js';
import { addProblem, checkKnownKeys, describeValue, isRecord, readNumber, readRecordKey, type PlainObject, type Problem } from '../scenario/rules.js';
import type { PlanPayloadSpec } from './types.js';

const PAYLOAD_KEYS: Array<keyof PlanPayloadSpec> = ['requestKb', 'responseKb'];
const SIZE_HELP = "a size in KB (1 KB = 1,024 bytes) such as 20, or a mix such as [{ sizeKb: 20, weight: 9 }, { sizeKb: 1200, weight: 1 }]";
/** A mix is a handful of bands, not a histogram of every request. */
const MAX_BANDS = 100;

export function checkPayload(owner: PlainObject, path: string, out: Problem[]): void {
  const payload = readRecordKey(owner, 'payload', path, out);
  if (payload === undefined) return;
  const at = joinPath(path, 'payload');
  checkKnownKeys(payload, at, PAYLOAD_KEYS, out);
  for (const key of PAYLOAD_KEYS) {
    const value = payload[key];
    const where = joinPath(at, key);
    if (value === undefined || typeof value === 'number') {
      readNumber(payload, key, at, out, { min: 0 });
      continue;
    }
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_BANDS) {
      addProblem(out, where, `must be ${SIZE_HELP}, with 1 to ${MAX_BANDS} bands (got ${Array.isArray(value) ? `${value.length} bands` : describeValue(value)})`);
      continue;
    }
    value.forEach((band, i) => {
      const bandAt = joinPath(where, i);
      if (!isRecord(band)) return addProblem(out, bandAt, `must be { sizeKb, weight } (got ${describeValue(band)})`);
      checkKnownKeys(band, bandAt, ['sizeKb', 'weight'], out);
      readNumber(band, 'sizeKb', bandAt, out, { required: true, min: 0 });
      readNumber(band, 'weight', bandAt, out, { required: true, above: 0 });
    });
  }
}
