/**
 * Scenario durations: milliseconds as a number, or `'500ms'`, `'30s'`, `'2m'`, `'1h'`. `readDurationMs` reports a
 * problem instead of throwing, so the validator can collect every bad duration at once; `parseDurationMs` throws.
 */
import { LambdaloadError } from '../errors.js';
import type { Duration } from './types.js';

/** The result of reading a duration: its milliseconds, or what is wrong with it. */
export type DurationReading = { ok: true; ms: number } | { ok: false; message: string };

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)$/;
/** Spellings people write by habit, mapped to the unit the type accepts (for "did you mean"). */
const LOOSE_DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|msecs?|millis(?:econds?)?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)\s*$/i;
const EXAMPLES = "milliseconds as a number, or a string such as '500ms', '30s', '2m', '1h'";

/** Reads a duration without throwing. Negative, non-finite and unreadable values are problems. */
export function readDurationMs(value: unknown): DurationReading {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, message: `must be a finite number of milliseconds (got ${String(value)})` };
    if (value < 0) return { ok: false, message: `must not be negative (got ${value})` };
    return { ok: true, ms: value };
  }
  if (typeof value !== 'string') return { ok: false, message: `must be a duration: ${EXAMPLES} (got ${typeof value})` };
  const match = DURATION.exec(value);
  if (match) return { ok: true, ms: Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] };
  if (/^\s*-/.test(value)) return { ok: false, message: `must not be negative (got ${JSON.stringify(value)})` };
  const suggestion = looseSuggestion(value);
  return {
    ok: false,
    message: `must be a duration: ${EXAMPLES} (got ${JSON.stringify(value)})${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
  };
}

/** Milliseconds of a duration; throws `SCENARIO_INVALID` when it cannot be read. */
export function parseDurationMs(value: Duration): number {
  const reading = readDurationMs(value);
  if (reading.ok) return reading.ms;
  throw new LambdaloadError('SCENARIO_INVALID', `Invalid duration ${JSON.stringify(value)}: ${reading.message}`, {
    hint: `Write durations as ${EXAMPLES}.`,
  });
}

/**
 * A short human form: `'250ms'`, `'1.5s'`, `'1m 30s'`, `'2h 5m'`. Parts that are zero are left out; seconds keep
 * up to three decimals.
 */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDurationMs(-ms)}`;
  if (ms < 1_000) return `${trimDecimals(ms, 3)}ms`;
  if (ms < 60_000) return `${trimDecimals(ms / 1_000, 3)}s`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1_000;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours}h`);
  if (minutes > 0) parts.push(`${minutes}m`);
  if (seconds > 0) parts.push(`${trimDecimals(seconds, 3)}s`);
  return parts.join(' ');
}

function trimDecimals(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

function looseSuggestion(value: string): string | undefined {
  const match = LOOSE_DURATION.exec(value);
  if (!match) return undefined;
  const unit = match[2].toLowerCase();
  const canonical = unit.startsWith('ms') || unit.startsWith('milli') ? 'ms' : unit[0];
  return `${match[1]}${canonical}`;
}
