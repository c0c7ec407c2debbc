/** The result's emulator section lists functions in the scenario's order, whichever was invoked first. */
import { describe, expect, it } from 'vitest';
import { totalsFromRecords } from '../../../src/measure/invocation-ledger.js';
import type { InvocationRecord } from '../../../src/records/invocation.js';
import { summariseEmulator } from '../../../src/run/emulator-summary.js';
import type { EmulatorTarget } from '../../../src/scenario/types.js';

const record = (functionName: string, startedAtMs: number): InvocationRecord => ({
  requestId: `r-${startedAtMs}`,
  functionName,
  environmentId: `e-${functionName}`,
  cold: false,
  provisioned: false,
  startedAtMs,
  durationMs: 10,
  billedMs: 10,
  memoryMb: 128,
  maxMemoryUsedMb: 40,
  outcome: 'success',
});

describe('summariseEmulator', () => {
  it("orders the functions as the scenario declares them, not by first invocation", () => {
    const target = { type: 'emulator', api: { type: 'rest' }, routes: [], functions: { helloNode: {}, helloPython: {} } } as unknown as EmulatorTarget;
    const totals = totalsFromRecords([record('helloPython', 0), record('helloNode', 5), record('helloPython', 10)]);
    expect(totals.functions.map((f) => f.functionName)).toEqual(['helloPython', 'helloNode']);
    const { summary } = summariseEmulator({ localRuntimes: [], environmentModels: [] }, { stats: { environments: 2 } as never, totals, maxEnvironments: 2 }, target);
    expect(summary.functions.map((f) => [f.name, f.invocations])).toEqual([
      ['helloNode', 1],
      ['helloPython', 2],
    ]);
  });
});
