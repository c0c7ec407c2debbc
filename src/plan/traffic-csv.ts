/**
 * A day (or a week) of real traffic from a CSV file, turned into expected arrivals per second. Pure: the text comes
 * in, the per-second series or every problem found (bounded) goes out. What is accepted, exactly:
 * - a header row naming a time column and a rate column (case, spaces, `_` and `-` ignored; other columns ignored);
 *   `,`, `;` or tab between fields (the header's choice), `"quoted"` fields, blank lines and `#` lines skipped;
 * - time: ISO 8601 timestamps (`2026-11-30T14:05:00Z`, a space for the `T`, no zone = UTC) or numbers: offsets from
 *   the start or Unix times, in seconds, or in ms / minutes / hours when the column says so (`time_ms`, `minute` ...);
 * - rate: requests per second (`rps`, `req/s` ...) or requests in the row's interval (`requests`, `count` ...);
 * - each row holds from its time to the next row's (the last row for the gap before it): a step, so the file's
 *   request totals are kept exactly, spread evenly within each interval.
 */
export interface CsvTraffic {
  /** Expected arrivals in each second from the first row's time. */
  perSecond: Float64Array;
  rows: number;
  timeColumn: string;
  rateColumn: string;
  rateKind: 'perSecond' | 'perInterval';
  /** ISO time of the first row when the file has timestamps. */
  startIso?: string;
}

export interface CsvProblem {
  line: number;
  message: string;
}

/** More than this many problems are summarised: a file with a wrong column is wrong on every line. */
export const MAX_CSV_PROBLEMS = 20;
/** The simulated window's limit (7 days), as for every traffic shape. */
const MAX_SPAN_S = 7 * 86_400;

const norm = (name: string) => name.trim().toLowerCase().replace(/[\s_\-]+/g, '');
// Names as normalised: `offset_s` is `offsets`, `time (min)` is `time(min)`.
const TIME_UNITS: Record<string, number> = {
  ...Object.fromEntries(['time', 'timestamp', 'datetime', 'date', 't', 'second', 'seconds', 'offset', 'offsets', 'times', 'elapsed', 'elapseds', 'time(s)'].map((n) => [n, 1])),
  ...Object.fromEntries(['epoch', 'unix', 'epochs', 'unixtime'].map((n) => [n, 1])),
  ...Object.fromEntries(['ms', 'timems', 'timestampms', 'epochms', 'unixms', 'offsetms', 'elapsedms', 'time(ms)'].map((n) => [n, 0.001])),
  ...Object.fromEntries(['minute', 'minutes', 'offsetmin', 'timemin', 'time(min)', 'elapsedmin'].map((n) => [n, 60])),
  ...Object.fromEntries(['hour', 'hours', 'offseth', 'timeh', 'time(h)', 'elapsedh'].map((n) => [n, 3600])),
};
const UNIT_NAMES: Record<number, string> = { 0.001: 'milliseconds', 1: 'seconds', 60: 'minutes', 3600: 'hours' };
const PER_SECOND = ['rps', 'req/s', 'reqs', 'requests/s', 'requestspersecond', 'rate', 'ratersps', 'tps'];
const PER_INTERVAL = ['requests', 'count', 'invocations', 'calls', 'hits', 'sum', 'req', 'sampledcount'];
export const CSV_COLUMNS_HELP =
  `time column: ${Object.keys(TIME_UNITS).slice(0, 6).join(', ')} (ISO timestamps or seconds), minute(s) or hour(s) (offsets); ` +
  `rate column: ${PER_SECOND.slice(0, 3).join(', ')} (requests per second) or ${PER_INTERVAL.slice(0, 4).join(', ')} (requests per row's interval)`;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

function parseIsoMs(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const zone = m[8] === undefined || /^(Z|UTC|GMT)$/i.test(m[8]) ? 'Z' : m[8].length === 5 ? `${m[8].slice(0, 3)}:${m[8].slice(3)}` : m[8];
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${m[7] ?? ''}${zone}`);
  return Number.isFinite(ms) ? ms : undefined;
}

function splitFields(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (current += '"'), i++;
      else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) fields.push(current.trim()), (current = '');
    else current += c;
  }
  fields.push(current.trim());
  return fields;
}

/** Parses a traffic CSV; `problems` is empty when `traffic` is set. */
export function parseTrafficCsv(text: string): { traffic?: CsvTraffic; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (headerIndex < 0) return { problems: [{ line: 1, message: `the file is empty: give a header row, then one row per interval (${CSV_COLUMNS_HELP})` }] };
  const headerLine = lines[headerIndex];
  const delimiter = [',', ';', '\t'].find((d) => headerLine.includes(d)) ?? ',';
  const header = splitFields(headerLine, delimiter);
  const timeCols = header.flatMap((h, i) => (norm(h) in TIME_UNITS ? [i] : []));
  const rateCols = header.flatMap((h, i) => (PER_SECOND.includes(norm(h)) || PER_INTERVAL.includes(norm(h)) ? [i] : []));
  const at = headerIndex + 1;
  if (timeCols.length !== 1 || rateCols.length !== 1) {
    const names = (cols: number[]) => cols.map((i) => `'${header[i]}'`).join(' and ');
    if (timeCols.length === 0) problems.push({ line: at, message: `the header (${header.join(delimiter)}) names no time column; ${CSV_COLUMNS_HELP}` });
    if (timeCols.length > 1) problems.push({ line: at, message: `the header has two time columns (${names(timeCols)}); rename or remove one` });
    if (rateCols.length === 0) problems.push({ line: at, message: `the header (${header.join(delimiter)}) names no rate column; ${CSV_COLUMNS_HELP}` });
    if (rateCols.length > 1) problems.push({ line: at, message: `the header has two rate columns (${names(rateCols)}); rename or remove one` });
    return { problems };
  }
  const [timeCol, rateCol] = [timeCols[0], rateCols[0]];
  const unitS = TIME_UNITS[norm(header[timeCol])];
  const rateKind = PER_SECOND.includes(norm(header[rateCol])) ? 'perSecond' : 'perInterval';
  const times: number[] = [];
  const rates: number[] = [];
  const lineOf: number[] = [];
  let form: 'iso' | 'offset' | undefined;
  let last: { time: number; line: number } | undefined;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const line = i + 1;
    const fields = splitFields(lines[i], delimiter);
    if (fields.length < header.length) {
      problems.push({ line, message: `has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header ${header.length}: give every column, separated by '${delimiter === '\t' ? 'tab' : delimiter}'` });
      continue;
    }
    const [timeText, rateText] = [fields[timeCol], fields[rateCol]];
    const offset = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(timeText) ? Number(timeText) * unitS : undefined;
    const iso = offset === undefined ? parseIsoMs(timeText) : undefined;
    const rowForm = offset !== undefined ? 'offset' : iso !== undefined ? 'iso' : undefined;
    let time: number | undefined;
    if (rowForm === undefined) problems.push({ line, message: `${header[timeCol]} '${timeText}' is neither an ISO 8601 time (2026-11-30T14:05:00Z) nor a number of ${UNIT_NAMES[unitS]}` });
    else if (form !== undefined && rowForm !== form) problems.push({ line, message: `${header[timeCol]} '${timeText}' is ${rowForm === 'iso' ? 'a timestamp' : 'an offset'} but the rows above use ${form === 'iso' ? 'timestamps' : 'offsets'}: use one form in the whole column` });
    else {
      form = rowForm;
      time = rowForm === 'offset' ? offset! : iso! / 1000;
    }
    const rate = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(rateText) ? Number(rateText) : Number.NaN;
    if (!(rate >= 0)) problems.push({ line, message: `${header[rateCol]} '${rateText}' must be a number >= 0 (${rateKind === 'perSecond' ? 'requests per second' : "requests in the row's interval"})` });
    if (time === undefined) continue;
    if (last !== undefined && time <= last.time) {
      problems.push({ line, message: `${header[timeCol]} '${timeText}' is not after the row above (line ${last.line}): sort the rows by time, one row per time` });
      continue;
    }
    last = { time, line };
    if (!(rate >= 0)) continue;
    times.push(time);
    rates.push(rate);
    lineOf.push(line);
  }
  if (problems.length === 0 && times.length < 2) problems.push({ line: at, message: `has ${times.length} data row${times.length === 1 ? '' : 's'}: give at least 2 (a row's interval runs to the next row's time)` });
  if (problems.length === 0) {
    const span = times[times.length - 1] - times[0] + (times[times.length - 1] - times[times.length - 2]);
    if (span > MAX_SPAN_S) problems.push({ line: lineOf[lineOf.length - 1], message: `the rows span ${(span / 86_400).toFixed(1)} days, more than the 7 days a plan simulates: cut the file (or give a week of it)` });
  }
  if (problems.length > 0) return { problems };
  return { traffic: { perSecond: spread(times, rates, rateKind), rows: times.length, timeColumn: header[timeCol], rateColumn: header[rateCol], rateKind, startIso: form === 'iso' ? new Date(times[0] * 1000).toISOString() : undefined }, problems };
}

/** Each row's requests spread evenly over its interval, cut into whole seconds from the first row's time. */
function spread(times: number[], rates: number[], kind: 'perSecond' | 'perInterval'): Float64Array {
  const t0 = times[0];
  const ends = times.map((_, i) => (i + 1 < times.length ? times[i + 1] : times[i] + (times[i] - times[i - 1])) - t0);
  const out = new Float64Array(Math.max(1, Math.ceil(ends[ends.length - 1] - 1e-9)));
  for (let i = 0; i < times.length; i++) {
    const start = times[i] - t0;
    const gap = ends[i] - start;
    const perS = kind === 'perSecond' ? rates[i] : rates[i] / gap;
    for (let s = Math.floor(start); s < ends[i] && s < out.length; s++) out[s] += perS * (Math.min(s + 1, ends[i]) - Math.max(s, start));
  }
  return out;
}

/** What the simulator takes from the file, for the plan's notes. */
export function describeCsvTraffic(file: string, traffic: CsvTraffic): string {
  const from = traffic.startIso === undefined ? `offsets in column '${traffic.timeColumn}'` : `timestamps from ${traffic.startIso}`;
  const rate = traffic.rateKind === 'perSecond' ? 'requests per second' : "requests per row's interval";
  return `traffic from ${file}: ${traffic.rows.toLocaleString('en-US')} rows (${from}; '${traffic.rateColumn}' read as ${rate}), each row held until the next, spread evenly within it`;
}
