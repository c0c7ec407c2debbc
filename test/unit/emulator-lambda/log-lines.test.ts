/**
 * START / END / REPORT / INIT_REPORT against the real lines quoted in aws-facts §5.1 (Lambda DG samples and real
 * CloudWatch logs 2025–2026).
 */
import { describe, expect, it } from 'vitest';
import { formatEndLine, formatInitReportLine, formatReportLine, formatStartLine } from '../../../src/emulator/lambda/log-lines.js';

describe('Lambda log lines', () => {
  it('formats START and END as Lambda writes them', () => {
    expect(formatStartLine('c793869b-ee49-115b-a5b6-4fd21e8dedac')).toBe('START RequestId: c793869b-ee49-115b-a5b6-4fd21e8dedac Version: $LATEST');
    expect(formatEndLine('c793869b-ee49-115b-a5b6-4fd21e8dedac')).toBe('END RequestId: c793869b-ee49-115b-a5b6-4fd21e8dedac');
  });

  it.each([
    {
      name: 'warm invocation (Lambda DG nodejs-logging.md)',
      facts: { requestId: '57f231fb-1730-4395-85cb-4f71bd2b87b8', durationMs: 79.67, billedMs: 80, memoryMb: 128, maxMemoryUsedMb: 73 },
      line: 'REPORT RequestId: 57f231fb-1730-4395-85cb-4f71bd2b87b8\tDuration: 79.67 ms\tBilled Duration: 80 ms\tMemory Size: 128 MB\tMax Memory Used: 73 MB\t',
    },
    {
      name: 'cold start with Init Duration (Lambda DG golang-logging.md)',
      facts: { requestId: 'dbda340c-xmpl-4031-8810-11bb609b4c71', durationMs: 38.66, billedMs: 39, memoryMb: 128, maxMemoryUsedMb: 54, initMs: 203.69 },
      line: 'REPORT RequestId: dbda340c-xmpl-4031-8810-11bb609b4c71\tDuration: 38.66 ms\tBilled Duration: 39 ms\tMemory Size: 128 MB\tMax Memory Used: 54 MB\tInit Duration: 203.69 ms\t',
    },
    {
      name: 'after 2025-08-01, INIT billed (INIT billing blog 2025-04-29, tab-separated)',
      facts: { requestId: 'xxxxx', durationMs: 250.06, billedMs: 351, memoryMb: 1024, maxMemoryUsedMb: 350, initMs: 100.77 },
      line: 'REPORT RequestId: xxxxx\tDuration: 250.06 ms\tBilled Duration: 351 ms\tMemory Size: 1024 MB\tMax Memory Used: 350 MB\tInit Duration: 100.77 ms\t',
    },
    {
      name: 'timeout: Status appended, no trailing tab',
      facts: { requestId: 'r', durationMs: 3016.78, billedMs: 3101, memoryMb: 128, maxMemoryUsedMb: 31, initMs: 84, outcome: 'timeout' as const },
      line: 'REPORT RequestId: r\tDuration: 3016.78 ms\tBilled Duration: 3101 ms\tMemory Size: 128 MB\tMax Memory Used: 31 MB\tInit Duration: 84.00 ms\tStatus: timeout',
    },
    {
      name: 'out of memory: Status error with Error Type',
      facts: { requestId: 'r', durationMs: 12.5, billedMs: 508, memoryMb: 128, maxMemoryUsedMb: 128, initMs: 495.04, outcome: 'crash' as const, errorType: 'Runtime.OutOfMemory' },
      line: 'REPORT RequestId: r\tDuration: 12.50 ms\tBilled Duration: 508 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tInit Duration: 495.04 ms\tStatus: error\tError Type: Runtime.OutOfMemory',
    },
    {
      name: 'a handler error keeps a normal REPORT',
      facts: { requestId: 'r', durationMs: 1.5, billedMs: 2, memoryMb: 256, maxMemoryUsedMb: 60, outcome: 'function-error' as const },
      line: 'REPORT RequestId: r\tDuration: 1.50 ms\tBilled Duration: 2 ms\tMemory Size: 256 MB\tMax Memory Used: 60 MB\t',
    },
  ])('formats REPORT: $name', ({ facts, line }) => {
    expect(formatReportLine(facts)).toBe(line);
  });

  it('formats INIT_REPORT for a failed or timed-out init', () => {
    expect(formatInitReportLine({ initMs: 998.15, phase: 'invoke', status: 'error', errorType: 'Runtime.Unknown' })).toBe(
      'INIT_REPORT Init Duration: 998.15 ms\tPhase: invoke\tStatus: error\tError Type: Runtime.Unknown',
    );
    expect(formatInitReportLine({ initMs: 10000.02, phase: 'init', status: 'timeout' })).toBe('INIT_REPORT Init Duration: 10000.02 ms\tPhase: init\tStatus: timeout');
  });
});
