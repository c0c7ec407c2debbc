/**
 * The cold/warm evidence header: every gateway response that went through a Lambda invocation carries
 *
 *   x-lambdaload-start: cold; init-ms=143.2; env=e-3f2a
 *   x-lambdaload-start: cold; init-ms=612.0; simulated-ms=480.3; env=e-3f2a    (`aws` cold-start profile)
 *   x-lambdaload-start: warm; env=e-3f2a
 *   x-lambdaload-start: warm; env=e-77c1; provisioned
 *   x-lambdaload-start: warm; env=e-3f2a; downstream-cold=callee:2671.4   (a function it called started an environment)
 *
 * The emulator writes it from its own invocation record; the load engine's side reads it with `parseStartHeader`.
 * The same format serves lambdaload's opt-in wrapper for deployed handlers. It lives on its own because the
 * emulator, the wrapper, the engine and the cold/warm labels all share it, and none of them owns it.
 */

/** What the header says of one invocation (the fields of the emulator's invocation record it is written from). */
export interface StartEvidence {
  cold: boolean;
  initMs?: number;
  simulatedInitMs?: number;
  environmentId?: string;
  provisioned: boolean;
  downstreamColdStarts?: { functionName: string; initMs?: number }[];
}

/** Response header name (lower case, as Node exposes it; the engine's parser matches it in any case). */
export const START_HEADER_NAME = 'x-lambdaload-start';

export interface ParsedStartHeader {
  start: 'cold' | 'warm';
  /** Cold starts: init duration in ms, simulated delay included. */
  initMs?: number;
  environmentId?: string;
  provisioned?: boolean;
  /** Cold starts under the `aws` profile: the part of `initMs` that was simulated. */
  simulatedMs?: number;
  /** Functions further down the call chain that started an environment for this request (INIT when it finished). */
  downstreamCold?: { functionName: string; initMs?: number }[];
}

/** Formats the header value for one invocation. */
export function formatStartHeader(record: StartEvidence): string {
  let value = record.cold ? 'cold' : 'warm';
  if (record.cold && record.initMs !== undefined) value += `; init-ms=${record.initMs.toFixed(1)}`;
  if (record.cold && record.simulatedInitMs !== undefined) value += `; simulated-ms=${record.simulatedInitMs.toFixed(1)}`;
  if (record.environmentId !== undefined) value += `; env=${record.environmentId}`;
  if (record.provisioned) value += '; provisioned';
  if (record.downstreamColdStarts?.length) {
    const list = record.downstreamColdStarts.map((d) => (d.initMs === undefined ? d.functionName : `${d.functionName}:${d.initMs.toFixed(1)}`));
    value += `; downstream-cold=${list.join(',')}`;
  }
  return value;
}

/** `callee:2671.4` or `callee` (INIT not finished when the answer left). */
function parseDownstream(item: string): { functionName: string; initMs?: number }[] {
  const [name, ms] = item.trim().split(':');
  if (!name) return [];
  const initMs = ms === undefined ? Number.NaN : Number(ms);
  return [Number.isFinite(initMs) && initMs >= 0 ? { functionName: name, initMs } : { functionName: name }];
}

/**
 * Parses a header value. Returns `undefined` when the value does not start with `cold` or `warm`. Unknown fields
 * are ignored (so newer emulators can add fields), and a field with an unreadable number is left out.
 */
export function parseStartHeader(value: string | undefined | null): ParsedStartHeader | undefined {
  if (value === undefined || value === null) return undefined;
  const parts = value.split(';');
  const start = parts[0].trim().toLowerCase();
  if (start !== 'cold' && start !== 'warm') return undefined;
  const parsed: ParsedStartHeader = { start };
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i].trim();
    if (part === 'provisioned') {
      parsed.provisioned = true;
      continue;
    }
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    if (key === 'env' && raw !== '') parsed.environmentId = raw;
    else if (key === 'downstream-cold' && raw !== '') parsed.downstreamCold = raw.split(',').flatMap(parseDownstream);
    else if (key === 'init-ms' || key === 'simulated-ms') {
      const ms = raw === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(ms) || ms < 0) continue;
      if (key === 'init-ms') parsed.initMs = ms;
      else parsed.simulatedMs = ms;
    }
  }
  return parsed;
}
