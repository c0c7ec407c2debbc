import { describe, expect, it } from 'vitest';
import { formatStartHeader, parseStartHeader } from '../../../src/emulator/gateway/start-header.js';

describe('x-lambdaload-start header', () => {
  it.each([
    [{ cold: true, initMs: 143.24, environmentId: 'e-1', provisioned: false }, 'cold; init-ms=143.2; env=e-1'],
    [{ cold: false, environmentId: 'e-1', provisioned: false }, 'warm; env=e-1'],
    [{ cold: false, environmentId: 'e-9', provisioned: true }, 'warm; env=e-9; provisioned'],
    [{ cold: true, initMs: 612, simulatedInitMs: 480.25, environmentId: 'e-2', provisioned: false }, 'cold; init-ms=612.0; simulated-ms=480.3; env=e-2'],
  ])('formats %o as %s', (record, expected) => {
    expect(formatStartHeader(record)).toBe(expected);
  });

  it('round-trips every field', () => {
    const value = formatStartHeader({ cold: true, initMs: 250.5, simulatedInitMs: 100, environmentId: 'abc-123', provisioned: true });
    expect(parseStartHeader(value)).toEqual({ start: 'cold', initMs: 250.5, simulatedMs: 100, environmentId: 'abc-123', provisioned: true });
  });

  it('never reports init on a warm start', () => {
    expect(formatStartHeader({ cold: false, initMs: 99, environmentId: 'e', provisioned: false })).toBe('warm; env=e');
  });

  it('parses leniently: order, spacing, case and unknown fields', () => {
    expect(parseStartHeader('COLD;env=x;  init-ms=12.5 ; future=1')).toEqual({ start: 'cold', environmentId: 'x', initMs: 12.5 });
    expect(parseStartHeader('warm')).toEqual({ start: 'warm' });
  });

  it('rejects values that are not start evidence', () => {
    expect(parseStartHeader(undefined)).toBeUndefined();
    expect(parseStartHeader('')).toBeUndefined();
    expect(parseStartHeader('lukewarm; env=x')).toBeUndefined();
  });

  it('drops a field whose number is unreadable instead of guessing', () => {
    expect(parseStartHeader('cold; init-ms=abc; env=x')).toEqual({ start: 'cold', environmentId: 'x' });
    expect(parseStartHeader('cold; init-ms=')).toEqual({ start: 'cold' });
  });
});
