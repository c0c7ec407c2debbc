/**
 * The simulator's data structures: the event heap pops in time order whatever the push order, the idle pool reuses
 * the most recently freed environment and reclaims the oldest, arrival streams send what the rate says.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/engine/random.js';
import { createEventHeap, popEvent, pushEvent } from '../../../src/plan/heap.js';
import { createIdlePool, reclaimIdle, releaseIdle, takeIdle } from '../../../src/plan/idle-pool.js';
import { arrivalsPerSecond, createArrivalStream } from '../../../src/plan/traffic.js';
import { drawMs, logNormalTable } from '../../../src/plan/distribution.js';

describe('event heap', () => {
  it('pops 10,000 random events in time order, growing past its first capacity', () => {
    const heap = createEventHeap(4);
    const random = createRandom(7);
    const times: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const t = Math.floor(random() * 1e6);
      times.push(t);
      pushEvent(heap, t, i);
    }
    const popped: number[] = [];
    const codes = new Set<number>();
    while (heap.size > 0) {
      popped.push(heap.times[0]);
      codes.add(heap.codes[0]);
      popEvent(heap);
    }
    expect(popped).toEqual([...times].sort((a, b) => a - b));
    expect(codes.size).toBe(10_000);
  });
});

describe('idle pool', () => {
  it('reuses the last freed environment and reclaims those idle longer than the reclaim time, oldest first', () => {
    const pool = createIdlePool(2);
    for (const t of [0, 100, 200, 300, 400]) releaseIdle(pool, t);
    expect(pool.size).toBe(5);
    expect(reclaimIdle(pool, 1_250, 1_000)).toBe(3); // idle since 0, 100, 200: more than 1 s at t = 1,250 ms
    expect(pool.size).toBe(2);
    expect(takeIdle(pool)).toBe(true);
    expect(reclaimIdle(pool, 1_350, 1_000)).toBe(1); // the one left, idle since 300, not the one taken (400)
    expect(takeIdle(pool)).toBe(false);
  });
});

describe('arrival streams', () => {
  it('evenly spaced: a constant rate sends exactly that many requests in every second', () => {
    const perSecond = arrivalsPerSecond({ type: 'steady', rps: 20, duration: '5s' });
    const stream = createArrivalStream(perSecond, 1, 'uniform', createRandom(1));
    const counts = [0, 0, 0, 0, 0];
    for (let t = stream.next(); t !== Infinity; t = stream.next()) counts[Math.floor(t / 1000)]++;
    expect(counts).toEqual([20, 20, 20, 20, 20]);
  });

  it('Poisson: a share of a spike sends the integral of the rate, within 3 standard deviations', () => {
    const perSecond = arrivalsPerSecond({ type: 'spike', fromRps: 0, toRps: 1000, ramp: '10s', hold: '10s' });
    const expected = 0.25 * (5_000 + 10_000); // a quarter of the ramp's area plus the hold's
    const stream = createArrivalStream(perSecond, 0.25, 'poisson', createRandom(3));
    let count = 0;
    for (let t = stream.next(); t !== Infinity; t = stream.next()) count++;
    expect(Math.abs(count - expected)).toBeLessThan(3 * Math.sqrt(expected));
  });

  it('daily: 24 hourly points interpolated, a day long', () => {
    const hourly = Array.from({ length: 24 }, (_, h) => h * 10);
    const perSecond = arrivalsPerSecond({ type: 'daily', hourlyRps: hourly });
    expect(perSecond.length).toBe(86_400);
    expect(perSecond[3600 * 5 + 1800]).toBeCloseTo(55, 1); // halfway from 50 to 60
  });
});

describe('duration draws', () => {
  it('a log-normal through p50 and p99 gives those percentiles back', () => {
    const table = logNormalTable(40, 400).values;
    const random = createRandom(11);
    const draws = Array.from({ length: 100_000 }, () => drawMs(table, random())).sort((a, b) => a - b);
    expect(draws[50_000]).toBeCloseTo(40, 0);
    expect(Math.abs(draws[99_000] - 400) / 400).toBeLessThan(0.05);
  });
});
