/**
 * Which CPU weight a spare's start-up gets (spares.ts): reference boots and start-ups a cold start waits on run at
 * normal weight; refills for later run in the background, and one of them is hurried when a cold start arrives to wait.
 * The environments here are scripted (their start-ups end when the test says): only the spare logic is under test.
 */
import { describe, expect, it } from 'vitest';
import type { Environment, PrestartOutcome } from '../../../src/emulator/lambda/environment.js';
import { createSpareRuntimes } from '../../../src/emulator/lambda/spares.js';
import { fn } from '../../integration/emulator-lambda/helpers.js';

// Only the runtime kind matters to the spare logic: a Node.js function gets spares.
const FN = fn('hello', 'node-esm', 'index.handler');

interface Scripted {
  env: Environment;
  priority: 'normal' | 'background' | undefined;
  hurried: boolean;
  finish(): void;
}

function scriptedEnvironments() {
  const made: Scripted[] = [];
  const create = async (): Promise<Environment> => {
    let finish!: (outcome: PrestartOutcome) => void;
    const done = new Promise<PrestartOutcome>((resolve) => (finish = resolve));
    const s: Scripted = { env: undefined as unknown as Environment, priority: undefined, hurried: false, finish: () => finish({ ok: true, bootMs: 50 }) };
    s.env = {
      id: `e${made.length}`,
      state: 'idle',
      prestart: (_limit: number, priority: 'normal' | 'background') => {
        s.priority = priority;
        return done;
      },
      hurry: () => {
        s.hurried = true;
      },
      dispose: async () => {},
    } as unknown as Environment;
    made.push(s);
    return s.env;
  };
  return { made, create };
}

/** Ends every start-up still under way (close() waits for them), then closes. */
async function closeAll(spares: { close(): Promise<void> }, made: Scripted[]): Promise<void> {
  const closed = spares.close();
  for (const m of made) m.finish();
  await closed;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('spare start-up priority', () => {
  it('boots the reference spares at normal weight, refills in the background, and hurries one when a cold start waits', async () => {
    const { made, create } = scriptedEnvironments();
    const spares = createSpareRuntimes({ functions: [FN], perFunction: 4, maxBooting: 2, bootLimitMs: 10_000, create, onFailure: () => {} });
    const filled = spares.fill();
    // Reference boots: one at a time, normal weight.
    for (let i = 0; i < 3; i++) {
      await tick();
      expect(made).toHaveLength(i + 1);
      expect(made[i]!.priority).toBe('normal');
      made[i]!.finish();
    }
    await tick();
    expect(made[3]!.priority).toBe('background');
    made[3]!.finish();
    await filled;

    // Five cold starts take the four ready spares and wait for a fifth.
    const taken = await Promise.all([1, 2, 3, 4].map(() => spares.take(FN)));
    expect(taken.every(Boolean)).toBe(true);
    await tick();
    // Refills for later run in the background.
    expect(made.slice(4).map((m) => m.priority)).toEqual(['background', 'background']);
    const waiting = spares.take(FN);
    await tick();
    // The waiter hurries the oldest background start-up rather than waiting at the lowest weight.
    expect(made[4]!.hurried).toBe(true);
    expect(made[5]!.hurried).toBe(false);
    made[4]!.finish();
    expect(await waiting).toBe(made[4]!.env);
    await closeAll(spares, made);
  });

  it('starts a spare that a cold start already waits on at normal weight', async () => {
    const { made, create } = scriptedEnvironments();
    const spares = createSpareRuntimes({ functions: [FN], perFunction: 1, maxBooting: 2, bootLimitMs: 10_000, create, onFailure: () => {} });
    const filled = spares.fill();
    await tick();
    made[0]!.finish();
    await filled;
    expect(await spares.take(FN)).toBe(made[0]!.env);
    await tick();
    // The refill for later started in the background; a cold start arrives and waits on it.
    expect(made[1]!.priority).toBe('background');
    const first = spares.take(FN);
    const second = spares.take(FN);
    await tick();
    expect(made[1]!.hurried).toBe(true);
    // The second waiter's own start-up begins with a waiter already on it: normal weight from the start.
    expect(made[2]!.priority).toBe('normal');
    made[1]!.finish();
    made[2]!.finish();
    expect(await first).toBe(made[1]!.env);
    expect(await second).toBe(made[2]!.env);
    await closeAll(spares, made);
  });
});
