import { describe, expect, it } from 'vitest';
import { formatStartHeader, parseStartHeader } from '../../../src/evidence/start-header.js';
import { labelFromHeader } from '../../../src/coldstart/label.js';

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

  it('names the cold starts down the call chain, with their INIT once it finished', () => {
    const value = formatStartHeader({
      cold: false,
      environmentId: 'e-1',
      provisioned: false,
      downstreamColdStarts: [{ functionName: 'callee', initMs: 2671.44 }, { functionName: 'other' }],
    });
    expect(value).toBe('warm; env=e-1; downstream-cold=callee:2671.4,other');
    expect(parseStartHeader(value)).toEqual({
      start: 'warm',
      environmentId: 'e-1',
      downstreamCold: [{ functionName: 'callee', initMs: 2671.4 }, { functionName: 'other' }],
    });
    // An unreadable INIT is left out, not guessed; an empty name is dropped.
    expect(parseStartHeader('warm; downstream-cold=a:x,:5,b:7')?.downstreamCold).toEqual([{ functionName: 'a' }, { functionName: 'b', initMs: 7 }]);
  });
});

describe('cold/warm labels from the header', () => {
  it('labels a request cold when a function down its call chain started an environment, naming it', () => {
    const label = labelFromHeader({ startHeader: 'warm; env=e-1; downstream-cold=callee:2671.4' }, 'emulator-header');
    expect(label).toEqual({
      start: 'cold',
      source: 'emulator-header',
      initMs: 2671.4,
      environmentId: 'e-1',
      downstream: [{ functionName: 'callee', initMs: 2671.4 }],
      ownStart: 'warm',
    });
    // Its own INIT first when both were cold.
    expect(labelFromHeader({ startHeader: 'cold; init-ms=90.0; downstream-cold=callee:3000.0' }, 'emulator-header').initMs).toBe(90);
    expect(labelFromHeader({ startHeader: 'warm; env=e-2' }, 'emulator-header')).toMatchObject({ start: 'warm' });
  });
});
