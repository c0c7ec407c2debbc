import { describe, expect, it } from 'vitest';
import { MAX_AWAITING, setBounded } from '../../../../src/emulator/aws/front.js';

describe('the AWS front keeps at most MAX_AWAITING entries waiting for their other half', () => {
  it('evicts only the oldest when full, so the young entries still find their REPORT', () => {
    const map = new Map<number, string>();
    for (let i = 0; i < MAX_AWAITING; i++) setBounded(map, i, `v${i}`);
    expect(map.size).toBe(MAX_AWAITING);
    setBounded(map, MAX_AWAITING, 'newest');
    expect(map.size).toBe(MAX_AWAITING);
    expect(map.has(0)).toBe(false);
    expect(map.get(1)).toBe('v1');
    expect(map.get(MAX_AWAITING)).toBe('newest');
  });
});
