/**
 * A function's idle on-demand environments, as the times they became idle, in a ring buffer: the most recently
 * freed environment is reused first (it is the warmest, and leaving the oldest idle lets them be reclaimed), the
 * oldest is reclaimed first. Both ends are O(1) and nothing is allocated per request.
 */
export interface IdlePool {
  idleSince: Float64Array;
  head: number;
  size: number;
}

export function createIdlePool(capacity = 64): IdlePool {
  return { idleSince: new Float64Array(capacity), head: 0, size: 0 };
}

/** An environment finished its request at `timeMs` and waits for the next. */
export function releaseIdle(pool: IdlePool, timeMs: number): void {
  if (pool.size === pool.idleSince.length) growPool(pool);
  pool.idleSince[(pool.head + pool.size) % pool.idleSince.length] = timeMs;
  pool.size++;
}

/** Takes the most recently freed environment; false when none is idle. */
export function takeIdle(pool: IdlePool): boolean {
  if (pool.size === 0) return false;
  pool.size--;
  return true;
}

/** Drops environments idle since before `nowMs − idleMs`; returns how many were reclaimed. */
export function reclaimIdle(pool: IdlePool, nowMs: number, idleMs: number): number {
  let reclaimed = 0;
  const cap = pool.idleSince.length;
  while (pool.size > 0 && pool.idleSince[pool.head] + idleMs <= nowMs) {
    pool.head = (pool.head + 1) % cap;
    pool.size--;
    reclaimed++;
  }
  return reclaimed;
}

function growPool(pool: IdlePool): void {
  const next = new Float64Array(pool.idleSince.length * 2);
  for (let i = 0; i < pool.size; i++) next[i] = pool.idleSince[(pool.head + i) % pool.idleSince.length];
  pool.idleSince = next;
  pool.head = 0;
}
