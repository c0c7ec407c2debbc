/**
 * Traffic from a CSV of real traffic: the shapes people export (a CloudWatch per-minute count with ISO timestamps,
 * offsets in seconds with requests per second, a spreadsheet's hourly counts with semicolons and CRLF), each kept
 * to its request total and replayed by the simulator; a broken file lists every problem with its line.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../../src/plan/load.js';
import { resolvePlan } from '../../../src/plan/resolve.js';
import { simulatePlan } from '../../../src/plan/simulate.js';
import { MAX_CSV_PROBLEMS, parseTrafficCsv } from '../../../src/plan/traffic-csv.js';
import { LambdaloadError } from '../../../src/errors.js';

const FIXTURES = 'test/fixtures/plan-traffic';
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

describe('parseTrafficCsv: accepted shapes', () => {
  it('a CloudWatch per-minute count (quoted, ISO timestamps): 30 rows → 1,800 s, every request of the file kept', () => {
    const { traffic, problems } = parseTrafficCsv(fixture('cloudwatch-per-minute.csv'));
    expect(problems).toEqual([]);
    expect(traffic!.rows).toBe(30);
    expect(traffic!.rateKind).toBe('perInterval');
    expect(traffic!.startIso).toBe('2026-11-30T07:00:00.000Z');
    expect(traffic!.perSecond).toHaveLength(1800);
    const fileTotal = fixture('cloudwatch-per-minute.csv').split('\n').slice(1, -1).reduce((s, l) => s + Number(l.split(',')[1].replace(/"/g, '')), 0);
    expect(sum(traffic!.perSecond)).toBeCloseTo(fileTotal, 6);
    expect(traffic!.perSecond[0]).toBeCloseTo(10, 9); // 600 in the first minute
    expect(traffic!.perSecond[1799]).toBeCloseTo(100, 9); // 6,000 in the last
  });

  it('offsets in seconds with requests per second (a comment line, an extra column, a blank line): a step per row', () => {
    const { traffic, problems } = parseTrafficCsv(fixture('offsets-rps.csv'));
    expect(problems).toEqual([]);
    expect(traffic!.rateKind).toBe('perSecond');
    expect(traffic!.startIso).toBeUndefined();
    expect(Array.from(traffic!.perSecond.subarray(0, 10))).toEqual(new Array(10).fill(5));
    expect(traffic!.perSecond[35]).toBe(50);
    expect(traffic!.perSecond).toHaveLength(80); // the last row holds for the gap before it
  });

  it('hourly offsets and requests per hour, `;` and CRLF: 24 h at the file rates', () => {
    const { traffic, problems } = parseTrafficCsv(fixture('hourly-semicolon.csv'));
    expect(problems).toEqual([]);
    expect(traffic!.perSecond).toHaveLength(86_400);
    expect(traffic!.perSecond[0]).toBeCloseTo(20, 9);
    expect(traffic!.perSecond[12 * 3600]).toBeCloseTo(100, 9);
  });

  it('timestamps with an offset zone and uneven gaps: the gaps are what count', () => {
    const { traffic } = parseTrafficCsv('datetime,req/s\n2026-11-30 09:00:00+01:00,4\n2026-11-30T08:00:02Z,8\n2026-11-30T08:00:05Z,2\n');
    expect(Array.from(traffic!.perSecond)).toEqual([4, 4, 8, 8, 8, 2, 2, 2]);
  });

  it('Unix times in seconds or in ms, and a UTC suffix, give the same series', () => {
    const seconds = parseTrafficCsv('epoch,rps\n1764489600,3\n1764489602,5\n').traffic!.perSecond;
    const ms = parseTrafficCsv('timestamp_ms,rps\n1764489600000,3\n1764489602000,5\n').traffic!.perSecond;
    const utc = parseTrafficCsv('time,rps\n2025-11-30 08:00:00 UTC,3\n2025-11-30 08:00:02 UTC,5\n').traffic!.perSecond;
    expect(Array.from(seconds)).toEqual([3, 3, 5, 5]);
    expect(Array.from(ms)).toEqual([3, 3, 5, 5]);
    expect(Array.from(utc)).toEqual([3, 3, 5, 5]);
  });

  it('intervals that do not fall on whole seconds are split between the seconds they cover', () => {
    const { traffic } = parseTrafficCsv('t,requests\n0,3\n1.5,3\n3,0\n');
    expect(Array.from(traffic!.perSecond)).toEqual([2, 2, 2, 0, 0]);
  });
});

describe('parseTrafficCsv: problems, all at once, with lines', () => {
  it('a file broken in six ways names each line and what to do', () => {
    const { traffic, problems } = parseTrafficCsv(fixture('broken.csv'));
    expect(traffic).toBeUndefined();
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(problems[0].message).toMatch(/rps 'abc' must be a number >= 0/);
    expect(problems[1].message).toMatch(/is not after the row above \(line 3\): sort the rows by time/);
    expect(problems[2].message).toMatch(/'yesterday' is neither an ISO 8601 time/);
    expect(problems[3].message).toMatch(/has 1 field, the header 2/);
    expect(problems[4].message).toMatch(/'180' is an offset but the rows above use timestamps/);
    expect(problems[5].message).toMatch(/'-3' must be a number >= 0/);
  });

  it('a header without known columns lists the names accepted', () => {
    const { problems } = parseTrafficCsv(fixture('no-columns.csv'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ line: 1 });
    expect(problems[0].message).toMatch(/names no time column; time column: time, timestamp/);
    expect(problems[1].message).toMatch(/names no rate column/);
  });

  it('two rate columns, one data row, more than a week, an empty file', () => {
    expect(parseTrafficCsv('time,rps,count\n0,1,1\n1,1,1\n').problems[0].message).toMatch(/two rate columns \('rps' and 'count'\)/);
    expect(parseTrafficCsv('time,rps\n0,1\n').problems[0].message).toMatch(/has 1 data row: give at least 2/);
    expect(parseTrafficCsv('day_hours,rps\n').problems[0].message).toMatch(/no time column/);
    expect(parseTrafficCsv('hours,rps\n0,1\n100,1\n').problems[0].message).toMatch(/span 8\.3 days, more than the 7 days/);
    expect(parseTrafficCsv('\n\n').problems[0].message).toMatch(/the file is empty/);
  });

  it('a file wrong on every line: the first problems, then how many more', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-csv-'));
    try {
      await writeFile(path.join(dir, 'bad.csv'), `second,rps\n${Array.from({ length: 50 }, (_, i) => `${i},x`).join('\n')}\n`);
      const error = (await loadPlan(path.resolve('test/integration/plan/fixtures/hello-run.json'), { cwd: dir, trafficCsv: 'bad.csv' }).catch((e: unknown) => e)) as LambdaloadError;
      expect(error.message).toMatch(/50 problems in the traffic CSV/);
      expect(error.problems).toHaveLength(MAX_CSV_PROBLEMS + 1);
      expect(error.problems.at(-1)).toBe(`… and ${50 - MAX_CSV_PROBLEMS} more problems of the same file`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a plan replaying a CSV', () => {
  it('the simulator sends the file traffic: arrivals follow the per-minute counts, and --scale multiplies them', async () => {
    const loaded = await loadPlan('test/integration/plan/fixtures/hello-run.json', { trafficCsv: `${FIXTURES}/offsets-rps.csv`, scale: 2 });
    expect(loaded.plan.traffic).toMatchObject({ type: 'csv', scale: 2 });
    const resolved = resolvePlan(loaded);
    const out = simulatePlan({ ...resolved.config, arrivals: 'uniform' });
    expect(out.arrivals).toBe(2 * (5 + 5 + 20 + 50 + 50 + 50 + 20 + 5) * 10);
    expect(out.timeline.arrivals[35]).toBe(100);
    expect(resolved.notes.join('\n')).toMatch(/traffic from .*offsets-rps\.csv: 8 rows \(offsets in column 'second'; 'rps' read as requests per second\)/);
  });

  it('a broken CSV through loadPlan: PLAN_INVALID with file:line for every problem', async () => {
    const error = (await loadPlan('test/integration/plan/fixtures/hello-run.json', { trafficCsv: `${FIXTURES}/broken.csv` }).catch((e: unknown) => e)) as LambdaloadError;
    expect(error.code).toBe('PLAN_INVALID');
    expect(error.message).toMatch(/6 problems in the traffic CSV/);
    expect(error.problems[0]).toMatch(/broken\.csv:3 rps 'abc'/);
    expect(error.problems).toHaveLength(6);
  });
});
