/**
 * Answers lambdaload's own Logs Insights queries (src/cloudwatch/queries.ts) from REPORT lines: parses each
 * line in the text format (aws-facts §5.1: tab-separated `Name: value unit` fields) or the JSON format (§5.2
 * `platform.report`), and computes the one row of statistics. Percentiles are nearest-rank (statistics.ts), over
 * the values as the line shows them (2 decimals in text). Any other query string is not answered: the caller
 * returns a clear error. Pure.
 */
import { JSON_REPORT_QUERY, normalizeQuery, TEXT_REPORT_QUERY, type ReportColumn } from '../../cloudwatch/queries.js';
import { nearestRank } from './statistics.js';

export interface ParsedReport {
  format: 'text' | 'json';
  durationMs: number;
  billedMs: number;
  memoryMb: number;
  maxMemoryUsedMb: number;
  initMs?: number;
}

export function parseReportLine(message: string): ParsedReport | undefined {
  if (message.startsWith('REPORT RequestId:')) {
    const fields = new Map<string, number>();
    for (const part of message.split('\t')) {
      const m = /^([A-Za-z ]+): ([\d.]+) (?:ms|MB)$/.exec(part.trim());
      if (m) fields.set(m[1], Number(m[2]));
    }
    const durationMs = fields.get('Duration');
    const billedMs = fields.get('Billed Duration');
    const memoryMb = fields.get('Memory Size');
    const maxMemoryUsedMb = fields.get('Max Memory Used');
    if (durationMs === undefined || billedMs === undefined || memoryMb === undefined || maxMemoryUsedMb === undefined) return undefined;
    const initMs = fields.get('Init Duration');
    return { format: 'text', durationMs, billedMs, memoryMb, maxMemoryUsedMb, ...(initMs === undefined ? {} : { initMs }) };
  }
  if (!message.startsWith('{')) return undefined;
  try {
    const event = JSON.parse(message) as { type?: string; record?: { metrics?: Record<string, number> } };
    const m = event.record?.metrics;
    if (event.type !== 'platform.report' || !m) return undefined;
    return {
      format: 'json',
      durationMs: m.durationMs,
      billedMs: m.billedDurationMs,
      memoryMb: m.memorySizeMB,
      maxMemoryUsedMb: m.maxMemoryUsedMB,
      ...(m.initDurationMs === undefined ? {} : { initMs: m.initDurationMs }),
    };
  } catch {
    return undefined;
  }
}

export type ResultRow = Array<{ field: string; value: string }>;

/** The rows of a recognised query over these messages; `undefined` for a query lambdaload does not issue. */
export function answerReportQuery(query: string, messages: string[]): { rows: ResultRow[]; matched: number } | undefined {
  const q = normalizeQuery(query);
  const format = q === normalizeQuery(TEXT_REPORT_QUERY) ? 'text' : q === normalizeQuery(JSON_REPORT_QUERY) ? 'json' : undefined;
  if (format === undefined) return undefined;
  const reports = messages.map(parseReportLine).filter((r): r is ParsedReport => r?.format === format);
  if (reports.length === 0) return { rows: [], matched: 0 };
  const inits = reports.flatMap((r) => (r.initMs === undefined ? [] : [r.initMs])).sort((a, b) => a - b);
  const durations = reports.map((r) => r.durationMs).sort((a, b) => a - b);
  const columns: Partial<Record<ReportColumn, number>> = {
    invocations: reports.length,
    coldStarts: inits.length,
    durationP50: nearestRank(durations, 50),
    durationP90: nearestRank(durations, 90),
    durationP99: nearestRank(durations, 99),
    durationMax: durations[durations.length - 1],
    // Whole MB × whole ms: integers, so the sum is exact whatever the order.
    billedMbMs: reports.reduce((n, r) => n + r.billedMs * r.memoryMb, 0),
    memorySizeMb: reports.reduce((n, r) => Math.max(n, r.memoryMb), 0),
    minMemorySizeMb: reports.reduce((n, r) => Math.min(n, r.memoryMb), Number.POSITIVE_INFINITY),
    maxMemoryUsedMb: reports.reduce((n, r) => Math.max(n, r.maxMemoryUsedMb), 0),
  };
  // Insights leaves a statistic of no values out of the row (no cold start: no Init Duration percentiles).
  if (inits.length > 0) {
    Object.assign(columns, {
      initP50: nearestRank(inits, 50),
      initP90: nearestRank(inits, 90),
      initP99: nearestRank(inits, 99),
      initMax: inits[inits.length - 1],
    });
  }
  const row = Object.entries(columns).map(([field, value]) => ({ field, value: String(value) }));
  return { rows: [row], matched: reports.length };
}
