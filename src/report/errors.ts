/**
 * The error section of the reports: which requests failed, as what (gateway message, HTTP status, network error,
 * broken expectation), and the functions' own error types, each with its first example. Shown only when something
 * failed. Results saved before the section existed have no `errorKinds`: they render without it.
 */
import { GATEWAY_MESSAGES } from '../measure/classify-error.js';
import { MAX_ERROR_KINDS, type ErrorKinds, type RequestErrorKind } from '../measure/error-kinds.js';
import type { RunResult } from '../result/types.js';

const EMPTY: ErrorKinds = { requests: [], functions: [], otherCount: 0 };

function kindsOf(result: RunResult): ErrorKinds {
  return result.errorKinds ?? EMPTY;
}

/** True when the result has errors to show. */
export function hasErrors(result: RunResult): boolean {
  const kinds = kindsOf(result);
  return result.requests.errors > 0 || kinds.functions.length > 0 || kinds.otherCount > 0;
}

/** `502 Internal server error`, `ECONNREFUSED`, `HTTP 404`, `bodyContains not found (200)`. */
function label(k: RequestErrorKind): string {
  if (k.source === 'gateway') return `${k.status} ${k.kind}`;
  if (k.source === 'expectation' && k.kind === 'bodyContains not found') return `${k.kind} (status ${k.status})`;
  return k.kind;
}

/** What the example adds: a gateway's body only repeats its message, so its meaning is shown instead. */
function detail(k: RequestErrorKind): string {
  return k.source === 'gateway' ? (GATEWAY_MESSAGES[k.kind] ?? k.example) : k.example;
}

/** Terminal lines (unwrapped prose; the caller wraps to its width), headed `Errors`. */
export function renderErrorLines(result: RunResult): string[] {
  if (!hasErrors(result)) return [];
  const kinds = kindsOf(result);
  const { completed, errors } = result.requests;
  const share = completed === 0 ? '' : ` (${((errors / completed) * 100).toFixed(1)}%)`;
  const out = [`Errors: ${errors.toLocaleString('en-US')} of ${completed.toLocaleString('en-US')} requests failed${share}`];
  for (const k of kinds.requests) {
    out.push(`  ✗ ${k.request}: ${k.count.toLocaleString('en-US')} × ${label(k)} (${k.source})`);
    out.push(`      ${detail(k)}`);
  }
  if (kinds.functions.length > 0) out.push('  function errors (the emulator):');
  for (const f of kinds.functions) {
    out.push(`  ✗ ${f.function}: ${f.count.toLocaleString('en-US')} × ${f.errorType}`);
    if (f.example !== '') out.push(`      ${f.example}`);
  }
  if (kinds.otherCount > 0) out.push(`  … ${kinds.otherCount.toLocaleString('en-US')} more errors of kinds not itemised (more than ${MAX_ERROR_KINDS} distinct kinds)`);
  return out;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** Markdown: a table of failed requests and one of function error types. */
export function renderErrorMarkdown(result: RunResult): string[] {
  if (!hasErrors(result)) return [];
  const kinds = kindsOf(result);
  const out = ['## Errors', '', `${result.requests.errors} of ${result.requests.completed} requests failed.`, ''];
  if (kinds.requests.length > 0) {
    out.push('| request | source | error | count | detail |', '|---|---|---|---:|---|');
    for (const k of kinds.requests) out.push(`| ${cell(k.request)} | ${k.source} | ${cell(label(k))} | ${k.count} | ${cell(detail(k))} |`);
    out.push('');
  }
  if (kinds.functions.length > 0) {
    out.push('| function | error type | count | first message |', '|---|---|---:|---|');
    for (const f of kinds.functions) out.push(`| ${cell(f.function)} | ${cell(f.errorType)} | ${f.count} | ${cell(f.example)} |`);
    out.push('');
  }
  if (kinds.otherCount > 0) out.push(`${kinds.otherCount} more errors of kinds not itemised (more than ${MAX_ERROR_KINDS} distinct kinds).`, '');
  return out;
}
