/**
 * REPORT records out of an Invoke's log tail, in both of Lambda's formats, from the lines AWS documents and real
 * CloudWatch logs show (aws-facts §5.1, §5.2), and a tail cut before its REPORT: unknown, never a guess.
 */
import { describe, expect, it } from 'vitest';
import { decodeLogResult, parseReportTail } from '../../../src/engine/invoke/report-line.js';
import { formatReportLine } from '../../../src/emulator/lambda/log-lines.js';

const tail = (...lines: string[]) => lines.join('\n') + '\n';

describe('parseReportTail', () => {
  it.each([
    [
      'a warm invocation (Lambda DG)',
      'REPORT RequestId: 57f231fb-1730-4395-85cb-4f71bd2b87b8\tDuration: 79.67 ms\tBilled Duration: 80 ms\tMemory Size: 128 MB\tMax Memory Used: 73 MB\t',
      { requestId: '57f231fb-1730-4395-85cb-4f71bd2b87b8', durationMs: 79.67, billedMs: 80, memoryMb: 128, maxMemoryUsedMb: 73 },
    ],
    [
      'a cold start: Init Duration',
      'REPORT RequestId: dbda340c-xmpl-4031-8810-11bb609b4c71\tDuration: 38.66 ms\tBilled Duration: 39 ms\tMemory Size: 128 MB\tMax Memory Used: 54 MB\tInit Duration: 203.69 ms\t',
      { requestId: 'dbda340c-xmpl-4031-8810-11bb609b4c71', durationMs: 38.66, billedMs: 39, memoryMb: 128, maxMemoryUsedMb: 54, initMs: 203.69 },
    ],
    [
      'a timeout (no trailing tab)',
      'REPORT RequestId: r1\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 35 MB\tStatus: timeout',
      { requestId: 'r1', durationMs: 3000, billedMs: 3000, memoryMb: 128, maxMemoryUsedMb: 35, status: 'timeout' },
    ],
    [
      'a platform error with Init Duration and Error Type',
      'REPORT RequestId: r2\tDuration: 12.00 ms\tBilled Duration: 508 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tInit Duration: 495.04 ms\tStatus: error\tError Type: Runtime.OutOfMemory',
      { requestId: 'r2', durationMs: 12, billedMs: 508, memoryMb: 128, maxMemoryUsedMb: 128, initMs: 495.04, status: 'error', errorType: 'Runtime.OutOfMemory' },
    ],
    [
      'X-Ray fields appended',
      'REPORT RequestId: r3\tDuration: 1.00 ms\tBilled Duration: 169 ms\tMemory Size: 512 MB\tMax Memory Used: 60 MB\tInit Duration: 166.62 ms\tXRAY TraceId: 1-5d9d007f-0a8c7fd02xmpl480aed55ef0\tSegmentId: 3d752xmpl1bbe37e\tSampled: true',
      { requestId: 'r3', durationMs: 1, billedMs: 169, memoryMb: 512, maxMemoryUsedMb: 60, initMs: 166.62 },
    ],
    [
      'the JSON format (platform.report)',
      '{"time":"2024-02-12T13:21:31.111Z","type":"platform.report","record":{"requestId":"j1","metrics":{"durationMs":1.317,"billedDurationMs":2,"memorySizeMB":1024,"maxMemoryUsedMB":68,"initDurationMs":10},"status":"success"}}',
      { requestId: 'j1', durationMs: 1.317, billedMs: 2, memoryMb: 1024, maxMemoryUsedMb: 68, initMs: 10 },
    ],
  ])('%s', (_name, line, expected) => {
    expect(parseReportTail(tail('START RequestId: x Version: $LATEST', '2026-01-01T00:00:00.000Z\tx\tINFO\thello', 'END RequestId: x', line))).toEqual(expected);
  });

  it('reads what the emulator writes, round trip', () => {
    const line = formatReportLine({ requestId: 'e1', durationMs: 12.345, billedMs: 13, memoryMb: 256, maxMemoryUsedMb: 70, initMs: 88.126 });
    expect(parseReportTail(tail('END RequestId: e1', line))).toEqual({ requestId: 'e1', durationMs: 12.35, billedMs: 13, memoryMb: 256, maxMemoryUsedMb: 70, initMs: 88.13 });
  });

  it.each([
    ['a tail cut before the REPORT line (only the handler’s output)', tail('…ine of a long log', 'END RequestId: x')],
    ['a REPORT line cut inside its fixed fields', 'END RequestId: x\nREPORT RequestId: x\tDuration: 79.67 ms\tBilled Dur'],
    ['an empty tail', ''],
    ['a handler line that only mentions REPORT', tail('2026-01-01T00:00:00.000Z\tx\tINFO\tsee the REPORT RequestId: x line')],
  ])('%s: undefined', (_name, text) => {
    expect(parseReportTail(text)).toBeUndefined();
  });

  it('decodes X-Amz-Log-Result (base64 UTF-8)', () => {
    expect(decodeLogResult(Buffer.from('héllo\n', 'utf8').toString('base64'))).toBe('héllo\n');
    expect(decodeLogResult(undefined)).toBeUndefined();
  });
});
