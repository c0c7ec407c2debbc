/** `LogType: Tail` returns the last 4 KB of the invocation's log (aws-facts §4.3). */
import { describe, expect, it } from 'vitest';
import { createLogTail, lastBytes } from '../../../src/emulator/lambda/log-tail.js';

describe('log tail', () => {
  it('keeps every line of a short log, newline-terminated', () => {
    const tail = createLogTail();
    tail.add('START RequestId: r Version: $LATEST');
    tail.add('END RequestId: r');
    expect(tail.text()).toBe('START RequestId: r Version: $LATEST\nEND RequestId: r\n');
  });

  it('returns exactly the last 4,096 bytes of a long log', () => {
    const tail = createLogTail();
    for (let i = 0; i < 500; i++) tail.add(`line ${i} ${'x'.repeat(40)}`);
    tail.add('REPORT RequestId: r');
    const text = tail.text();
    expect(Buffer.byteLength(text)).toBe(4096);
    expect(text.endsWith('REPORT RequestId: r\n')).toBe(true);
  });

  it('never starts in the middle of a UTF-8 character', () => {
    const cut = lastBytes('é'.repeat(10), 5);
    expect(cut).toBe('éé');
  });
});
