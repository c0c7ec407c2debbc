/**
 * The emulator's answer to lambdaload's own Logs Insights queries, from REPORT lines as AWS writes them (aws-facts
 * §5.1 text, §5.2 JSON; the lines below are the reference's real and documented examples): the fields parsed, the
 * statistics of the row, the formats kept apart, and any other query refused.
 */
import { describe, expect, it } from 'vitest';
import { answerReportQuery, parseReportLine } from '../../../../src/emulator/aws/report-query.js';
import { JSON_REPORT_QUERY, TEXT_REPORT_QUERY } from '../../../../src/cloudwatch/queries.js';

const WARM = 'REPORT RequestId: 57f231fb-1730-4395-85cb-4f71bd2b87b8\tDuration: 79.67 ms\tBilled Duration: 80 ms\tMemory Size: 128 MB\tMax Memory Used: 73 MB\t';
const COLD = 'REPORT RequestId: dbda340c-xmpl-4031-8810-11bb609b4c71\tDuration: 38.66 ms\tBilled Duration: 39 ms\tMemory Size: 128 MB\tMax Memory Used: 54 MB\tInit Duration: 203.69 ms\t';
const XRAY = 'REPORT RequestId: a\tDuration: 10.00 ms\tBilled Duration: 177 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tInit Duration: 166.62 ms\tXRAY TraceId: 1-5d9d007f-0a8c7fd02xmpl480aed55ef0\tSegmentId: 3d752xmpl1bbe37e\tSampled: true';
const OOM = 'REPORT RequestId: b\tDuration: 900.00 ms\tBilled Duration: 1396 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tInit Duration: 495.04 ms\tStatus: error\tError Type: Runtime.OutOfMemory';
const JSON_LINE =
  '{"time":"2022-10-12T00:01:15.000Z","type":"platform.report","record":{"metrics":{"billedDurationMs":694,"durationMs":693.92,"initDurationMs":397.68,"maxMemoryUsedMB":84,"memorySizeMB":128},"requestId":"6d68ca91-49c9-448d-89b8-7ca3e6dc66aa"}}';

const row = (answer: ReturnType<typeof answerReportQuery>) => Object.fromEntries((answer?.rows[0] ?? []).map((f) => [f.field, Number(f.value)]));

describe('parseReportLine', () => {
  it.each([
    [WARM, { format: 'text', durationMs: 79.67, billedMs: 80, memoryMb: 128, maxMemoryUsedMb: 73 }],
    [COLD, { format: 'text', durationMs: 38.66, billedMs: 39, memoryMb: 128, maxMemoryUsedMb: 54, initMs: 203.69 }],
    [XRAY, { format: 'text', durationMs: 10, billedMs: 177, memoryMb: 128, maxMemoryUsedMb: 60, initMs: 166.62 }],
    [OOM, { format: 'text', durationMs: 900, billedMs: 1396, memoryMb: 128, maxMemoryUsedMb: 128, initMs: 495.04 }],
    [JSON_LINE, { format: 'json', durationMs: 693.92, billedMs: 694, memoryMb: 128, maxMemoryUsedMb: 84, initMs: 397.68 }],
  ])('%s', (line, expected) => {
    expect(parseReportLine(line)).toEqual(expected);
  });

  it('is not fooled by START, END or the function’s own output', () => {
    expect(parseReportLine('START RequestId: x Version: $LATEST')).toBeUndefined();
    expect(parseReportLine('2026-01-01T00:00:00.000Z x INFO REPORT Duration: 5 ms')).toBeUndefined();
    expect(parseReportLine('{"type":"platform.start","record":{}}')).toBeUndefined();
  });
});

describe('answerReportQuery', () => {
  it('answers the text query with one row of statistics', () => {
    const answer = answerReportQuery(TEXT_REPORT_QUERY, [WARM, COLD, XRAY, OOM, JSON_LINE, 'START RequestId: x Version: $LATEST']);
    expect(answer?.matched).toBe(4);
    expect(row(answer)).toEqual({
      invocations: 4,
      coldStarts: 3,
      initP50: 203.69,
      initP90: 495.04,
      initP99: 495.04,
      initMax: 495.04,
      durationP50: 38.66,
      durationP90: 900,
      durationP99: 900,
      durationMax: 900,
      billedMbMs: (80 + 39 + 177 + 1396) * 128,
      memorySizeMb: 128,
      minMemorySizeMb: 128,
      maxMemoryUsedMb: 128,
    });
  });

  it('answers the JSON query from platform.report records only, whitespace re-flowed', () => {
    const answer = answerReportQuery(JSON_REPORT_QUERY.replace(/\n/g, '   '), [WARM, JSON_LINE]);
    expect(row(answer)).toMatchObject({ invocations: 1, coldStarts: 1, initMax: 397.68, billedMbMs: 694 * 128 });
  });

  it('leaves Init percentiles out when no line had an Init Duration', () => {
    const fields = answerReportQuery(TEXT_REPORT_QUERY, [WARM])?.rows[0].map((f) => f.field);
    expect(fields).toContain('coldStarts');
    expect(fields).not.toContain('initP50');
  });

  it('answers no rows over no lines, and nothing at all for another query', () => {
    expect(answerReportQuery(TEXT_REPORT_QUERY, [])).toEqual({ rows: [], matched: 0 });
    expect(answerReportQuery('fields @message | filter @message like /REPORT/', [WARM])).toBeUndefined();
  });
});
