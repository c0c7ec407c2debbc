/**
 * The CloudWatch Logs Insights queries lambdaload issues over a function's log group, one per log format of the
 * REPORT line (aws-facts §5.1 text, §5.2 JSON), both answering one row with the same column names. The fields are
 * the ones Insights discovers in Lambda log groups (aws-facts §8.5): `@memorySize` and `@maxMemoryUsed` are bytes
 * counted 1,000,000 to the MB (AWS's own queries divide by that), so both become MB here. The emulator's Logs front
 * recognises exactly these strings (src/emulator/aws/report-query.ts): it is not a general Insights engine.
 */

/** The columns of the one row both queries answer. */
export const REPORT_COLUMNS = [
  'invocations',
  'coldStarts',
  'initP50',
  'initP90',
  'initP99',
  'initMax',
  'durationP50',
  'durationP90',
  'durationP99',
  'durationMax',
  'billedMbMs',
  'memorySizeMb',
  'minMemorySizeMb',
  'maxMemoryUsedMb',
] as const;

export type ReportColumn = (typeof REPORT_COLUMNS)[number];

/** Text-format REPORT lines (the default log format). */
export const TEXT_REPORT_QUERY = [
  'filter @type = "REPORT"',
  '| stats count(*) as invocations, count(@initDuration) as coldStarts,',
  '  pct(@initDuration, 50) as initP50, pct(@initDuration, 90) as initP90, pct(@initDuration, 99) as initP99, max(@initDuration) as initMax,',
  '  pct(@duration, 50) as durationP50, pct(@duration, 90) as durationP90, pct(@duration, 99) as durationP99, max(@duration) as durationMax,',
  '  sum(@billedDuration * @memorySize / 1000000) as billedMbMs, max(@memorySize / 1000000) as memorySizeMb,',
  '  min(@memorySize / 1000000) as minMemorySizeMb, max(@maxMemoryUsed / 1000000) as maxMemoryUsedMb',
].join('\n');

/** JSON-format `platform.report` records (functions with LogFormat JSON). */
export const JSON_REPORT_QUERY = [
  'filter type = "platform.report"',
  '| stats count(*) as invocations, count(record.metrics.initDurationMs) as coldStarts,',
  '  pct(record.metrics.initDurationMs, 50) as initP50, pct(record.metrics.initDurationMs, 90) as initP90,',
  '  pct(record.metrics.initDurationMs, 99) as initP99, max(record.metrics.initDurationMs) as initMax,',
  '  pct(record.metrics.durationMs, 50) as durationP50, pct(record.metrics.durationMs, 90) as durationP90,',
  '  pct(record.metrics.durationMs, 99) as durationP99, max(record.metrics.durationMs) as durationMax,',
  '  sum(record.metrics.billedDurationMs * record.metrics.memorySizeMB) as billedMbMs, max(record.metrics.memorySizeMB) as memorySizeMb,',
  '  min(record.metrics.memorySizeMB) as minMemorySizeMb, max(record.metrics.maxMemoryUsedMB) as maxMemoryUsedMb',
].join('\n');

/** The same query however its whitespace was re-flowed. */
export function normalizeQuery(query: string): string {
  return query.replace(/\s+/g, ' ').trim();
}

/** A function's log group, as Lambda names it. */
export function logGroupOf(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/**
 * The REST `ApiName` dimension of the emulator's API: a deployed API has the name it was created with, the
 * emulator's has none, so it answers to this one (and an HTTP API to it as an `ApiId`, besides its random id).
 */
export const EMULATOR_API_NAME = 'lambdaload-emulator';
