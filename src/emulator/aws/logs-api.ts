/**
 * The CloudWatch Logs operations the emulator serves, over the REPORT lines of its functions (log group
 * `/aws/lambda/<function>`):
 *   StartQuery / GetQueryResults  lambdaload's own REPORT queries only (report-query.ts); another query string is a
 *                                 MalformedQueryException saying so. A query is computed when it starts and answers
 *                                 `Running` on its first poll, then `Complete`, so a client's polling is exercised.
 *   FilterLogEvents               REPORT lines in a time window, filter pattern `REPORT` (the only lines kept).
 * When the bounded ring of lines no longer reaches back to a window's start, FilterLogEvents says so in a marker
 * event, and the evidence side sees fewer REPORT lines than the Invocations metric counts.
 */
import { randomUUID } from 'node:crypto';
import { logGroupOf } from '../../cloudwatch/queries.js';
import { coversFrom, type Observations } from './observations.js';
import { answerReportQuery, type ResultRow } from './report-query.js';
import { AwsWireError, checkAllowed } from './wire.js';

interface StoredQuery {
  rows: ResultRow[];
  matched: number;
  scanned: number;
  polls: number;
}

/** Queries kept for GetQueryResults; Logs keeps results for 7 days, the emulator only the latest few. */
const QUERIES_KEPT = 1_000;
/** FilterLogEvents' default and largest page (Logs API Reference, FilterLogEvents `limit`). */
const EVENTS_PAGE_LIMIT = 10_000;

export interface LogsFront {
  serve(operation: string, body: Record<string, unknown>): unknown;
}

export function createLogsFront(obs: Observations, functionNames: string[], region: string, accountId: string): LogsFront {
  const queries = new Map<string, StoredQuery>();
  const groups = new Map(functionNames.map((name) => [logGroupOf(name), name]));
  const arnOf = (group: string) => `arn:aws:logs:${region}:${accountId}:log-group:${group}:*`;

  function functionOf(group: unknown): string {
    // logGroupIdentifiers may be ARNs; the group is what follows `log-group:`.
    const name = typeof group === 'string' ? (/log-group:([^:]+)/.exec(group)?.[1] ?? group) : '';
    const fn = groups.get(name);
    if (fn === undefined) throw new AwsWireError(400, 'ResourceNotFoundException', `The specified log group does not exist: ${String(group)}`);
    return fn;
  }

  function linesOf(fns: Set<string>, fromMs: number, toMs: number): string[] {
    return obs.reports
      .items()
      .filter((l) => fns.has(l.functionName) && l.timestampMs >= fromMs && l.timestampMs < toMs)
      .map((l) => l.message);
  }

  function startQuery(body: Record<string, unknown>): unknown {
    const named = [body.logGroupName, ...asArray(body.logGroupNames), ...asArray(body.logGroupIdentifiers)].filter((g) => g !== undefined);
    if (named.length === 0) throw new AwsWireError(400, 'InvalidParameterException', 'StartQuery needs logGroupName, logGroupNames or logGroupIdentifiers');
    for (const group of named) checkAllowed('logs:StartQuery', arnOf(String(group)));
    const fns = new Set(named.map(functionOf));
    const { startTime, endTime, queryString } = body;
    if (typeof startTime !== 'number' || typeof endTime !== 'number' || typeof queryString !== 'string') {
      throw new AwsWireError(400, 'InvalidParameterException', 'StartQuery needs startTime, endTime (epoch seconds) and queryString');
    }
    // Insights windows are whole seconds, both ends included.
    const lines = linesOf(fns, startTime * 1000, (endTime + 1) * 1000);
    const answer = answerReportQuery(queryString, lines);
    if (answer === undefined) {
      throw new AwsWireError(
        400,
        'MalformedQueryException',
        "the emulator's Logs Insights answers lambdaload's own REPORT queries only (src/cloudwatch/queries.ts), not a general query",
      );
    }
    const queryId = randomUUID();
    queries.set(queryId, { ...answer, scanned: lines.length, polls: 0 });
    if (queries.size > QUERIES_KEPT) queries.delete(queries.keys().next().value!);
    return { queryId };
  }

  function getQueryResults(body: Record<string, unknown>): unknown {
    checkAllowed('logs:GetQueryResults', arnOf('*'));
    const query = typeof body.queryId === 'string' ? queries.get(body.queryId) : undefined;
    if (!query) throw new AwsWireError(400, 'ResourceNotFoundException', `no query with id ${String(body.queryId)}`);
    query.polls++;
    const statistics = { recordsMatched: query.matched, recordsScanned: query.scanned, bytesScanned: 0 };
    if (query.polls === 1) return { results: [], statistics, status: 'Running' };
    return { results: query.rows, statistics, status: 'Complete' };
  }

  function filterLogEvents(body: Record<string, unknown>): unknown {
    const group = body.logGroupName ?? body.logGroupIdentifier;
    checkAllowed('logs:FilterLogEvents', arnOf(String(group)));
    const fn = functionOf(group);
    const pattern = typeof body.filterPattern === 'string' ? body.filterPattern.trim().replace(/^"(.*)"$/, '$1') : '';
    if (pattern !== '' && pattern !== 'REPORT') {
      throw new AwsWireError(400, 'InvalidParameterException', `the emulator keeps REPORT lines only: use filterPattern "REPORT" (got ${String(body.filterPattern)})`);
    }
    const fromMs = typeof body.startTime === 'number' ? body.startTime : 0;
    const toMs = typeof body.endTime === 'number' ? body.endTime + 1 : Number.POSITIVE_INFINITY;
    const limit = Math.min(typeof body.limit === 'number' ? body.limit : EVENTS_PAGE_LIMIT, EVENTS_PAGE_LIMIT);
    const offset = typeof body.nextToken === 'string' ? Number(body.nextToken) : 0;
    const kept = obs.reports.items().filter((l) => l.functionName === fn && l.timestampMs >= fromMs && l.timestampMs < toMs);
    const events = kept.slice(offset, offset + limit).map((l, i) => ({
      logStreamName: `${new Date(l.timestampMs).toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]lambdaload-emulator`,
      timestamp: l.timestampMs,
      ingestionTime: l.timestampMs,
      message: l.message,
      eventId: String(offset + i),
    }));
    if (offset === 0 && !coversFrom(obs.reports, fromMs, (l) => l.timestampMs)) {
      events.unshift({
        logStreamName: 'lambdaload-emulator',
        timestamp: fromMs,
        ingestionTime: fromMs,
        message: `lambdaload emulator: incomplete: ${obs.reports.dropped()} older REPORT lines are no longer kept`,
        eventId: 'incomplete',
      });
    }
    return { events, ...(offset + limit < kept.length ? { nextToken: String(offset + limit) } : {}) };
  }

  return {
    serve(operation, body) {
      if (operation === 'StartQuery') return startQuery(body);
      if (operation === 'GetQueryResults') return getQueryResults(body);
      if (operation === 'FilterLogEvents') return filterLogEvents(body);
      throw new AwsWireError(400, 'UnknownOperationException', `the emulator's CloudWatch Logs serves StartQuery, GetQueryResults and FilterLogEvents, not ${operation}`);
    },
  };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
