/**
 * Each test of a file that calls AWS SDK clients against lambdaload's emulator starts from the same environment:
 * `keys` cleared (the machine's credentials, profile and endpoints never leak in) and fake static credentials set,
 * all restored after the test.
 */
import { afterEach, beforeEach } from 'vitest';

export function useFakeAwsEnv(keys: readonly string[]): void {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const key of keys) saved[key] = process.env[key];
    for (const key of keys) delete process.env[key];
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
  });
  afterEach(() => {
    for (const key of keys) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });
}
