/**
 * Reads the REPORT record out of the log tail an Invoke answers with `LogType: 'Tail'` (X-Amz-Log-Result: base64 of
 * the last 4 KB of the invocation's log). Both of Lambda's log formats (aws-facts §5.1, §5.2):
 *
 *   text: REPORT RequestId: <id>\tDuration: 38.66 ms\tBilled Duration: 39 ms\tMemory Size: 128 MB\tMax Memory Used:
 *         54 MB\tInit Duration: 203.69 ms\t[Status: error\tError Type: Runtime.OutOfMemory]
 *   JSON: {"type":"platform.report","record":{"requestId":…,"metrics":{"durationMs":…,"initDurationMs":…},"status":…}}
 *
 * Init Duration present ⇒ the invocation started its environment (cold). REPORT is the log's last line, so the tail
 * normally holds it; a tail without one (cut inside the line, or logs sent elsewhere) yields `undefined`, never a
 * guess. Pure.
 */
import type { ReportEvidence } from '../../records/sample.js';

/** The REPORT record of a decoded log tail (the last one, should the tail hold several), or undefined. */
export function parseReportTail(tail: string): ReportEvidence | undefined {
  const lines = tail.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line.startsWith('REPORT RequestId:')) return parseTextReport(line);
    if (line.startsWith('{') && line.includes('"platform.report"')) {
      const parsed = parseJsonReport(line);
      if (parsed) return parsed;
    }
  }
  return undefined;
}

/** Decodes an X-Amz-Log-Result value (base64 UTF-8). */
export function decodeLogResult(logResult: string | undefined): string | undefined {
  return logResult === undefined ? undefined : Buffer.from(logResult, 'base64').toString('utf8');
}

function parseTextReport(line: string): ReportEvidence | undefined {
  const fields = new Map<string, string>();
  for (const part of line.slice('REPORT '.length).split('\t')) {
    const colon = part.indexOf(':');
    if (colon > 0) fields.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
  }
  const requestId = fields.get('RequestId');
  const durationMs = number(fields.get('Duration'));
  const billedMs = number(fields.get('Billed Duration'));
  const memoryMb = number(fields.get('Memory Size'));
  const maxMemoryUsedMb = number(fields.get('Max Memory Used'));
  // A line cut inside its fixed fields is not a REPORT we can stand on.
  if (requestId === undefined || durationMs === undefined || billedMs === undefined || memoryMb === undefined || maxMemoryUsedMb === undefined) return undefined;
  const initMs = number(fields.get('Init Duration'));
  const status = fields.get('Status');
  const errorType = fields.get('Error Type');
  return {
    requestId,
    durationMs,
    billedMs,
    memoryMb,
    maxMemoryUsedMb,
    ...(initMs === undefined ? {} : { initMs }),
    ...(status === undefined ? {} : { status }),
    ...(errorType === undefined ? {} : { errorType }),
  };
}

interface JsonReport {
  type?: string;
  record?: { requestId?: string; status?: string; errorType?: string; metrics?: Record<string, unknown> };
}

function parseJsonReport(line: string): ReportEvidence | undefined {
  let event: JsonReport;
  try {
    event = JSON.parse(line) as JsonReport;
  } catch {
    return undefined;
  }
  const record = event.record;
  const m = record?.metrics;
  if (event.type !== 'platform.report' || !record || !m || typeof record.requestId !== 'string') return undefined;
  const values = [m.durationMs, m.billedDurationMs, m.memorySizeMB, m.maxMemoryUsedMB];
  if (!values.every((v) => typeof v === 'number')) return undefined;
  const [durationMs, billedMs, memoryMb, maxMemoryUsedMb] = values as number[];
  return {
    requestId: record.requestId,
    durationMs: durationMs!,
    billedMs: billedMs!,
    memoryMb: memoryMb!,
    maxMemoryUsedMb: maxMemoryUsedMb!,
    ...(typeof m.initDurationMs === 'number' ? { initMs: m.initDurationMs } : {}),
    ...(record.status !== undefined && record.status !== 'success' ? { status: record.status } : {}),
    ...(typeof record.errorType === 'string' ? { errorType: record.errorType } : {}),
  };
}

/** `79.67 ms` → 79.67, `128 MB` → 128. */
function number(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number.parseFloat(text);
  return Number.isFinite(value) ? value : undefined;
}
