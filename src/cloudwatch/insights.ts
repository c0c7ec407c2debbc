/**
 * A function's REPORT lines through Logs Insights: both queries of queries.ts (text and JSON log formats) over the
 * window, polled until Complete within a bounded wait, merged into one row. A query that did not complete in time,
 * or both formats in one window (their percentiles cannot be merged), leaves the figures incomplete, saying why.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { getQueryResults, startQuery } from './calls.js';
import { JSON_REPORT_QUERY, REPORT_COLUMNS, TEXT_REPORT_QUERY, type ReportColumn } from './queries.js';

export interface ReportRow {
  columns: Partial<Record<ReportColumn, number>>;
  /** Why the row's figures cannot be taken as complete; absent when they can. */
  incomplete?: string;
}

export interface PollOptions {
  /** Stop polling a query after this long (its figures become incomplete). */
  queryWaitMs: number;
  /** Pause between polls. */
  pollIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
  nowMs: () => number;
}

/** Polls at most this many times whatever the clock says, so a stuck clock cannot poll forever. */
const MAX_POLLS = 600;

export async function queryReports(client: CloudWatchLogsClient, logGroup: string, startS: number, endS: number, poll: PollOptions): Promise<ReportRow> {
  let queries: string[];
  try {
    queries = await Promise.all([TEXT_REPORT_QUERY, JSON_REPORT_QUERY].map((query) => startQuery(client, logGroup, startS, endS, query)));
  } catch (error) {
    // A function that never logged (or a name that is not a function) has no log group: nothing to read there.
    if ((error as { cause?: { name?: string } }).cause?.name === 'ResourceNotFoundException') {
      return { columns: {}, incomplete: `no log group ${logGroup} (ResourceNotFoundException)` };
    }
    throw error;
  }
  const [text, json] = await Promise.all(queries.map((queryId) => awaitQuery(client, logGroup, queryId, poll)));
  const found = [text, json].filter((r) => (r.columns.invocations ?? 0) > 0);
  const notDone = [text, json].find((r) => r.incomplete !== undefined)?.incomplete;
  if (found.length === 2) {
    return { columns: text.columns, incomplete: 'REPORT lines in both the text and the JSON log format in this window: figures from the text ones only' };
  }
  const row = found[0] ?? text;
  return notDone === undefined ? { columns: row.columns } : { columns: row.columns, incomplete: notDone };
}

async function awaitQuery(client: CloudWatchLogsClient, logGroup: string, queryId: string, poll: PollOptions): Promise<ReportRow> {
  const deadline = poll.nowMs() + poll.queryWaitMs;
  let status: string | undefined;
  for (let polls = 0; polls < MAX_POLLS; polls++) {
    const out = await getQueryResults(client, logGroup, queryId);
    status = out.status;
    if (status === 'Complete') return { columns: columnsOf(out.results?.[0] ?? []) };
    if (status !== 'Scheduled' && status !== 'Running') break;
    if (poll.nowMs() >= deadline) break;
    await poll.sleep(poll.pollIntervalMs);
  }
  return { columns: {}, incomplete: `the Logs Insights query on ${logGroup} ended ${status ?? 'without a status'}, not Complete` };
}

function columnsOf(row: Array<{ field?: string; value?: string }>): Partial<Record<ReportColumn, number>> {
  const columns: Partial<Record<ReportColumn, number>> = {};
  for (const { field, value } of row) {
    if (field === undefined || value === undefined || !(REPORT_COLUMNS as readonly string[]).includes(field)) continue;
    const n = Number(value);
    if (Number.isFinite(n)) columns[field as ReportColumn] = n;
  }
  return columns;
}
