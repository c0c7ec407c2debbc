import { describe, expect, it } from 'vitest';
import { lineOfPath, mapKeyLines } from '../../../src/scenario/key-lines.js';

const lineOf = (source: string, path: string) => lineOfPath(mapKeyLines(source), path);

describe('key lines of a scenario source', () => {
  it('records properties and array elements of the defineScenario literal, through TypeScript syntax', () => {
    const source = [
      "import { defineScenario } from 'lambdaload';", // 1
      'type Env = { stage: string };', // 2
      'const re = /[{}]/g;', // 3
      'export default defineScenario<Env>({', // 4
      "  name: `x-${'{'}`,", // 5
      '  phases: [', // 6
      "    { type: 'constant', rate: 5, duration: '10s' } as const,", // 7
      '    {', // 8
      "      type: 'ramp',", // 9
      '      rampTo: 10,', // 10
      '    },', // 11
      '  ],', // 12
      "  'target': { functions: { hello: { memoryMb: 128 } } } satisfies object,", // 13
      '});', // 14
    ].join('\n');
    expect(lineOf(source, 'name')).toBe(5);
    expect(lineOf(source, 'phases[0].rate')).toBe(7);
    expect(lineOf(source, 'phases[1]')).toBe(8);
    expect(lineOf(source, 'phases[1].rampTo')).toBe(10);
    expect(lineOf(source, 'target.functions.hello.memoryMb')).toBe(13);
    // A missing key is reported on the nearest known ancestor.
    expect(lineOf(source, 'phases[1].duration')).toBe(8);
  });

  it('follows a const the call names, and export default of a plain object', () => {
    const named = ['const scenario = {', "  name: 'a',", '  rate: 1,', '};', 'export default defineScenario(scenario);'].join('\n');
    expect(lineOf(named, 'rate')).toBe(3);
    const plain = ['export default {', "  name: 'a',", '  phases: [],', '} as const;'].join('\n');
    expect(lineOf(plain, 'phases')).toBe(3);
  });

  it('records nothing it cannot know: elements after a spread, computed keys; a repeated key keeps its last line', () => {
    const source = [
      'const base = [];', // 1
      'export default defineScenario({', // 2
      "  phases: [{ type: 'pause' }, ...base, { type: 'constant' }],", // 3
      "  ['com' + 'puted']: 1,", // 4
      '  name: 1,', // 5
      "  name: 'b',", // 6
      '});', // 7
    ].join('\n');
    const lines = mapKeyLines(source);
    expect(lines.get('phases[0]')).toBe(3);
    expect(lines.has('phases[1]')).toBe(false);
    expect(lines.has('phases[2]')).toBe(false);
    expect([...lines.keys()].some((k) => k.includes('com'))).toBe(false);
    expect(lines.get('name')).toBe(6);
  });

  it('still maps a file with a recoverable error elsewhere, and gives up on two defineScenario calls', () => {
    const broken = ['let a = 1; let a = 2;', 'export default defineScenario({', '  name: 1,', '});'].join('\n');
    expect(lineOf(broken, 'name')).toBe(3);
    expect(mapKeyLines('const x = ;\nexport default defineScenario({ name: 1 });').size).toBe(0);
    const two = ['defineScenario({ a: 1 });', 'export default defineScenario({', '  name: 1,', '});'].join('\n');
    expect(mapKeyLines(two).size).toBe(0);
  });
});
