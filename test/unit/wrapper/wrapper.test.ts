import { describe, expect, it } from 'vitest';
import { parseStartHeader } from '../../../src/evidence/start-header.js';
import { addStartHeader, withStartHeader } from '../../../src/wrapper/index.js';

describe('withStartHeader', () => {
  it('labels the first invocation of the process cold with an init time, the next ones warm', async () => {
    const handler = withStartHeader(async (_event: unknown, _context: unknown) => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' }));
    const first = (await handler({}, {})) as { headers: Record<string, string> };
    const second = (await handler({}, {})) as { headers: Record<string, string> };
    const cold = parseStartHeader(first.headers['x-lambdaload-start']);
    expect(cold?.start).toBe('cold');
    expect(cold?.initMs).toBeGreaterThan(0);
    expect(first.headers['content-type']).toBe('text/plain');
    expect(parseStartHeader(second.headers['x-lambdaload-start'])?.start).toBe('warm');
  });

  it('wraps callback-style handlers and leaves errors and non-proxy results alone', async () => {
    const handler = withStartHeader((_event: unknown, _context: unknown, callback?: (e: unknown, r?: unknown) => void) => callback?.(null, { statusCode: 201, body: '' }));
    const result = await new Promise((resolve) => handler({}, {}, (_e, r) => resolve(r)));
    expect((result as { headers: Record<string, string> }).headers['x-lambdaload-start']).toMatch(/^(cold|warm)/);
    expect(addStartHeader('plain string', 'warm')).toBe('plain string');
    const failing = withStartHeader((_e: unknown, _c: unknown, callback?: (e: unknown, r?: unknown) => void) => callback?.(new Error('x')));
    const error = await new Promise((resolve) => failing({}, {}, (e) => resolve(e)));
    expect((error as Error).message).toBe('x');
  });
});
