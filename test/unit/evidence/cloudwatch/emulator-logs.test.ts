/**
 * The emulator's CloudWatch Logs front over its bounded REPORT lines: an Insights query answers Running on its first
 * poll, then Complete with the row; FilterLogEvents pages through a window, and once older lines were let go it says
 * so in a marker event; unknown groups, patterns and operations are refused with AWS's error types.
 */
import { describe, expect, it } from 'vitest';
import { createLogsFront } from '../../../../src/emulator/aws/logs-api.js';
import { createObservations } from '../../../../src/emulator/aws/observations.js';
import { AwsWireError } from '../../../../src/emulator/aws/wire.js';
import { TEXT_REPORT_QUERY } from '../../../../src/cloudwatch/queries.js';

const T0 = 1_800_000_000_000;
const line = (ms: number, init?: number) =>
  `REPORT RequestId: r${ms}\tDuration: ${ms}.00 ms\tBilled Duration: ${ms} ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\t${init === undefined ? '' : `Init Duration: ${init}.00 ms\t`}`;

function front(limit = 10) {
  const obs = createObservations(limit);
  obs.reports.push({ functionName: 'a', timestampMs: T0 + 1_000, message: line(10, 200) });
  obs.reports.push({ functionName: 'a', timestampMs: T0 + 2_000, message: line(20) });
  obs.reports.push({ functionName: 'b', timestampMs: T0 + 2_500, message: line(30) });
  obs.reports.push({ functionName: 'a', timestampMs: T0 + 3_000, message: line(40) });
  return createLogsFront(obs, ['a', 'b'], 'us-east-1', '012345678912');
}

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error instanceof AwsWireError ? `${error.type}: ${error.message}` : String(error);
  }
  return 'no error';
};

describe('emulator Logs Insights', () => {
  it('answers Running once, then Complete with the row over the window', () => {
    const logs = front();
    const { queryId } = logs.serve('StartQuery', { logGroupName: '/aws/lambda/a', startTime: (T0 + 1_000) / 1000, endTime: (T0 + 2_000) / 1000, queryString: TEXT_REPORT_QUERY }) as { queryId: string };
    expect(logs.serve('GetQueryResults', { queryId })).toMatchObject({ status: 'Running', results: [] });
    const done = logs.serve('GetQueryResults', { queryId }) as { status: string; results: Array<Array<{ field: string; value: string }>>; statistics: unknown };
    expect(done.status).toBe('Complete');
    expect(done.statistics).toEqual({ recordsMatched: 2, recordsScanned: 2, bytesScanned: 0 });
    expect(Object.fromEntries(done.results[0].map((f) => [f.field, f.value]))).toMatchObject({ invocations: '2', coldStarts: '1', initMax: '200', billedMbMs: String(30 * 128) });
  });

  it('refuses another query, an unknown group and an unknown query id', () => {
    const logs = front();
    expect(refusal(() => logs.serve('StartQuery', { logGroupName: '/aws/lambda/a', startTime: 0, endTime: 1, queryString: 'stats count(*)' }))).toMatch(/^MalformedQueryException: /);
    expect(refusal(() => logs.serve('StartQuery', { logGroupName: '/aws/lambda/zz', startTime: 0, endTime: 1, queryString: TEXT_REPORT_QUERY }))).toMatch(/^ResourceNotFoundException: /);
    expect(refusal(() => logs.serve('GetQueryResults', { queryId: 'nope' }))).toMatch(/^ResourceNotFoundException: /);
    expect(refusal(() => logs.serve('DescribeLogGroups', {}))).toMatch(/^UnknownOperationException: /);
  });
});

describe('emulator FilterLogEvents', () => {
  it('pages through one function’s REPORT lines in the window', () => {
    const logs = front();
    const first = logs.serve('FilterLogEvents', { logGroupName: '/aws/lambda/a', filterPattern: '"REPORT"', startTime: T0, limit: 2 }) as { events: Array<{ message: string }>; nextToken?: string };
    expect(first.events.map((e) => e.message)).toEqual([line(10, 200), line(20)]);
    const next = logs.serve('FilterLogEvents', { logGroupName: '/aws/lambda/a', startTime: T0, limit: 2, nextToken: first.nextToken }) as { events: Array<{ message: string }>; nextToken?: string };
    expect(next.events.map((e) => e.message)).toEqual([line(40)]);
    expect(next.nextToken).toBeUndefined();
    expect(refusal(() => logs.serve('FilterLogEvents', { logGroupName: '/aws/lambda/a', filterPattern: 'ERROR' }))).toMatch(/keeps REPORT lines only/);
  });

  it('marks the answer incomplete when older lines were let go', () => {
    const logs = front(3);
    const out = logs.serve('FilterLogEvents', { logGroupName: '/aws/lambda/a', startTime: T0 }) as { events: Array<{ message: string; eventId: string }> };
    expect(out.events[0]).toMatchObject({ eventId: 'incomplete', message: 'lambdaload emulator: incomplete: 1 older REPORT lines are no longer kept' });
    expect(out.events.slice(1).map((e) => e.message)).toEqual([line(20), line(40)]);
    // A window that starts after the oldest kept line is whole.
    const later = logs.serve('FilterLogEvents', { logGroupName: '/aws/lambda/a', startTime: T0 + 2_000 }) as { events: Array<{ eventId: string }> };
    expect(later.events.some((e) => e.eventId === 'incomplete')).toBe(false);
  });
});
