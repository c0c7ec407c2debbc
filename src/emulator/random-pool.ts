/**
 * Random bytes for ids on the hot path: one `randomFillSync` per 4 KB instead of one `randomBytes` call (a syscall
 * and a buffer) per id. Used for API Gateway request ids and Lambda trace ids, thousands per second in a load test.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;

export interface RandomPool {
  /** `n` (≤ 4096) fresh random bytes, valid until the next call. */
  take(n: number): Buffer;
}

export function createRandomPool(): RandomPool {
  const pool = Buffer.allocUnsafe(POOL_BYTES);
  let offset = POOL_BYTES;
  return {
    take(n) {
      if (offset + n > POOL_BYTES) {
        randomFillSync(pool);
        offset = 0;
      }
      const slice = pool.subarray(offset, offset + n);
      offset += n;
      return slice;
    },
  };
}
