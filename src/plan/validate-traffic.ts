/** Checks of a plan's `traffic` key, one shape at a time (every problem reported, with its key path). */
import { addProblem, checkKnownKeys, describeValue, readArray, readDuration, readEnum, readNumber, readRecord, readString, type Problem } from '../scenario/rules.js';
import { joinPath } from '../scenario/key-path.js';

const TRAFFIC_TYPES = ['steady', 'spike', 'daily', 'result', 'csv'] as const;
const KEYS: Record<(typeof TRAFFIC_TYPES)[number], string[]> = {
  steady: ['type', 'rps', 'duration'],
  spike: ['type', 'fromRps', 'toRps', 'ramp', 'hold'],
  daily: ['type', 'hourlyRps', 'duration', 'startHour'],
  result: ['type', 'file', 'scale', 'duration'],
  csv: ['type', 'file', 'scale', 'duration'],
};
/** A week: far past any launch question, and what the per-second series can hold without growing large. */
const MAX_DURATION_MS = 7 * 86_400_000;
const DURATION_RULE = { positive: true, maxMs: MAX_DURATION_MS, maxLabel: '7 days (the simulated window)' };

export function checkTraffic(value: unknown, out: Problem[]): void {
  const traffic = readRecord(value, 'traffic', out);
  if (traffic === undefined) return;
  const type = readEnum(traffic, 'type', 'traffic', TRAFFIC_TYPES, out, true);
  if (type === undefined) return;
  checkKnownKeys(traffic, 'traffic', KEYS[type], out, (key) => {
    const owner = TRAFFIC_TYPES.find((t) => KEYS[t].includes(key));
    return owner === undefined ? undefined : `belongs to traffic of type '${owner}', not '${type}'`;
  });
  switch (type) {
    case 'steady':
      readNumber(traffic, 'rps', 'traffic', out, { required: true, above: 0 });
      readDuration(traffic, 'duration', 'traffic', out, { ...DURATION_RULE, required: true });
      return;
    case 'spike': {
      const from = readNumber(traffic, 'fromRps', 'traffic', out, { min: 0 });
      const to = readNumber(traffic, 'toRps', 'traffic', out, { required: true, above: 0 });
      if (from !== undefined && to !== undefined && from > to) addProblem(out, 'traffic.fromRps', `must be <= toRps (${to}) for a spike (got ${from})`);
      readDuration(traffic, 'ramp', 'traffic', out, { ...DURATION_RULE, required: true });
      readDuration(traffic, 'hold', 'traffic', out, DURATION_RULE);
      return;
    }
    case 'daily': {
      const hourly = readArray(traffic, 'hourlyRps', 'traffic', out, true);
      if (hourly !== undefined) {
        if (hourly.length !== 24) addProblem(out, 'traffic.hourlyRps', `must list 24 hourly rates, hour 0 first (got ${hourly.length})`);
        hourly.forEach((rate, i) => {
          if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) addProblem(out, joinPath('traffic.hourlyRps', i), `must be a rate >= 0 (got ${describeValue(rate)})`);
        });
      }
      readDuration(traffic, 'duration', 'traffic', out, DURATION_RULE);
      readNumber(traffic, 'startHour', 'traffic', out, { min: 0, max: 23, integer: true });
      return;
    }
    case 'result':
    case 'csv':
      readString(traffic, 'file', 'traffic', out, { required: true, nonEmpty: true });
      readNumber(traffic, 'scale', 'traffic', out, { above: 0 });
      readDuration(traffic, 'duration', 'traffic', out, DURATION_RULE);
  }
}
