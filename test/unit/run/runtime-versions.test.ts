import { describe, expect, it } from 'vitest';
import { declaredVersion, runtimeVersionWarning } from '../../../src/run/runtime-versions.js';

describe('declaredVersion', () => {
  it.each([
    ['nodejs22.x', '22'],
    ['nodejs20.x', '20'],
    ['python3.13', '3.13'],
    ['provided.al2023', undefined],
  ])('%s → %s', (runtime, version) => expect(declaredVersion(runtime)).toBe(version));
});

describe('runtimeVersionWarning', () => {
  it('names each function whose local major (Node) or major.minor (Python) differs, with both figures', () => {
    const warning = runtimeVersionWarning([
      { function: 'api', runtime: 'nodejs22.x', local: 'node', localVersion: '20.20.2' },
      { function: 'same', runtime: 'nodejs20.x', local: 'node', localVersion: '20.20.2' },
      { function: 'worker', runtime: 'python3.13', local: 'python3', localVersion: '3.11.7' },
      { function: 'py-same', runtime: 'python3.11', local: 'python3', localVersion: '3.11.2' },
      { function: 'custom', runtime: 'provided.al2023', local: 'bootstrap' },
    ]);
    expect(warning?.code).toBe('RUNTIME_VERSION_MISMATCH');
    expect(warning?.message).toMatch(
      /^api declares nodejs22\.x but ran on the local node 20\.20\.2; worker declares python3\.13 but ran on the local python3 3\.11\.7\. /,
    );
    expect(warning?.message).not.toContain('same');
    expect(warning?.message).not.toContain('custom');
  });

  it('is silent when every version matches, or Python could not be asked', () => {
    expect(runtimeVersionWarning([{ function: 'a', runtime: 'nodejs20.x', local: 'node', localVersion: '20.1.0' }])).toBeUndefined();
    expect(runtimeVersionWarning([{ function: 'b', runtime: 'python3.13', local: 'python3' }])).toBeUndefined();
  });
});
