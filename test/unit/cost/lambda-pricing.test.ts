import { describe, expect, it } from 'vitest';
import { estimateCost, sumLines } from '../../../src/cost/estimate.js';
import type { CostUsage, FunctionUsage } from '../../../src/cost/types.js';

/** What a bill shows: each amount to the cent. */
const cents = (usd: number) => Math.round(usd * 100) / 100;
const fn = (f: Partial<FunctionUsage>): FunctionUsage => ({ memoryMb: 1024, requests: 0, durationMs: 0, ...f });
const priced = (usage: CostUsage) => {
  const e = estimateCost(usage);
  return { total: cents(e.totalUsd), requests: cents(sumLines(e, 'Lambda requests')), duration: cents(sumLines(e, 'Lambda duration')), e };
};

describe('Lambda on-demand arithmetic (AWS pricing page examples, us-east-1)', () => {
  // 3M requests × 120 ms × 1536 MB = 540,000 GB-s (Lambda pricing page "mobile application backend" example).
  const backend = (architecture: 'x86_64' | 'arm64', freeTier: boolean): CostUsage => ({
    region: 'us-east-1',
    freeTier,
    functions: [fn({ memoryMb: 1536, requests: 3_000_000, durationMs: 120, architecture })],
  });

  it.each([
    { name: 'x86, no free tier: 540,000 GB-s × $0.0000166667 + 3M × $0.20/M', usage: backend('x86_64', false), duration: 9.0, requests: 0.6, total: 9.6 },
    { name: 'x86, free tier: 140,000 GB-s and 2M requests billable', usage: backend('x86_64', true), duration: 2.33, requests: 0.4, total: 2.73 },
    { name: 'arm64, no free tier: 540,000 GB-s × $0.0000133334', usage: backend('arm64', false), duration: 7.2, requests: 0.6, total: 7.8 },
    { name: 'arm64, free tier: $1.87 + $0.40 = $2.27 (the Arm variant of the example)', usage: backend('arm64', true), duration: 1.87, requests: 0.4, total: 2.27 },
  ])('$name', ({ usage, duration, requests, total }) => {
    const result = priced(usage);
    expect(result.duration).toBe(duration);
    expect(result.requests).toBe(requests);
    expect(result.total).toBe(total);
  });

  it('shows the free tier as its own $0 lines and never subtracts it when switched off', () => {
    const free = priced(backend('x86_64', true)).e.lines.filter((l) => l.tier === 'free tier');
    expect(free.map((l) => [l.item, l.quantity])).toEqual([
      ['Lambda requests', 1_000_000],
      ['Lambda duration (x86_64)', 400_000],
    ]);
    expect(priced(backend('x86_64', false)).e.lines.some((l) => l.tier === 'free tier')).toBe(false);
  });

  it('shares the 400,000 free GB-s between architectures instead of granting it twice', () => {
    const e = estimateCost({
      region: 'us-east-1',
      freeTier: true,
      functions: [fn({ memoryMb: 1024, requests: 300_000, durationMs: 1000 }), fn({ memoryMb: 1024, requests: 300_000, durationMs: 1000, architecture: 'arm64' })],
    });
    // 300,000 x86 GB-s free; the remaining 100,000 free GB-s go to arm64, so 200,000 arm64 GB-s are billed.
    expect(cents(sumLines(e, 'Lambda duration (x86_64)'))).toBe(0);
    expect(cents(sumLines(e, 'Lambda duration (arm64)'))).toBe(2.67);
  });
});

describe('billing granularity and INIT billing', () => {
  // AWS News Blog 2020-12-01: 60M invocations × 28 ms × 1 GB cost $28, against $100 under 100 ms rounding.
  const blog = (billing: CostUsage['billing']): CostUsage => ({ region: 'us-east-1', billing, functions: [fn({ requests: 60_000_000, durationMs: 27.4 })] });

  it.each([
    { name: '1 ms rounding: 27.4 ms billed as 28 ms', billing: { granularityMs: 1 as const }, duration: 28 },
    { name: '100 ms rounding selected: billed as 100 ms', billing: { granularityMs: 100 as const }, duration: 100 },
    { name: 'a billing date before December 2020 selects 100 ms rounding', billing: { date: '2020-11-30' }, duration: 100 },
  ])('$name', ({ billing, duration }) => {
    expect(priced(blog(billing)).duration).toBe(duration);
  });

  // AWS Compute Blog 2025-04-29: Duration 250.06 ms + Init 100.77 ms → Billed 251 ms before, 351 ms after 2025-08-01.
  const coldOnly = (date: string, initAlwaysBilled = false): CostUsage => ({
    region: 'us-east-1',
    billing: { date },
    functions: [fn({ requests: 1_000_000, durationMs: 250.06, coldStarts: 1_000_000, initDurationMs: 100.77, initAlwaysBilled })],
  });

  it.each([
    { name: 'before 2025-08-01: INIT free, 251 ms billed', date: '2025-07-31', always: false, duration: 4.18, initGbS: 0 },
    { name: 'from 2025-08-01: INIT billed, 351 ms', date: '2025-08-01', always: false, duration: 5.85, initGbS: 100_000 },
    { name: 'custom runtime / image before the change: INIT already billed', date: '2024-01-01', always: true, duration: 5.85, initGbS: 100_000 },
  ])('$name', ({ date, always, duration, initGbS }) => {
    const { duration: actual, e } = priced(coldOnly(date, always));
    expect(actual).toBe(duration);
    expect(e.compute.initGbSeconds).toBeCloseTo(initGbS, 6);
    expect(cents(e.compute.initUsd)).toBe(cents(initGbS * 0.0000166667));
  });

  it('bills INIT only on cold starts, not on warm invocations', () => {
    const { e } = priced({ region: 'us-east-1', functions: [fn({ requests: 1000, durationMs: 10, coldStarts: 10, initDurationMs: 490 })] });
    // 990 × 10 ms + 10 × 500 ms = 14,900 ms at 1 GB.
    expect(e.compute.onDemandGbSeconds).toBeCloseTo(14.9, 9);
    expect(e.compute.initGbSeconds).toBeCloseTo(4.9, 9);
  });
});

describe('Provisioned Concurrency', () => {
  // Lambda pricing page PC example: 1024 MB, PC 1,000 for 2 hours, 1.2M invocations of 1 s on it:
  // PC 7.2M GB-s × $0.0000041667 = $30.00; duration 1.2M GB-s × $0.0000097222 = $11.67; requests $0.24; total $41.91.
  const pc = (extra: Partial<FunctionUsage>, freeTier = false, hoursEnabled = 2): CostUsage => ({
    region: 'us-east-1',
    freeTier,
    functions: [fn({ requests: 1_200_000, durationMs: 1000, provisioned: { environments: 1000, hoursEnabled, requests: 1_200_000 }, ...extra })],
  });

  it.each([
    { name: 'all invocations on PC: $41.91', usage: pc({}), total: 41.91, spill: 0 },
    { name: 'enabled 1 h 57 min is billed as 2 h (5-minute rounding)', usage: pc({}, false, 1.95), total: 41.91, spill: 0 },
    { name: '300,000 more spill over to on-demand at $0.0000166667', usage: pc({ requests: 1_500_000 }), total: 46.97, spill: 5.0 },
    { name: 'spill-over with the free tier switched on', usage: pc({ requests: 1_500_000 }, true), total: 41.77, spill: 0 },
  ])('$name', ({ usage, total, spill }) => {
    const { e, total: actual } = priced(usage);
    expect(cents(sumLines(e, 'Lambda provisioned'))).toBe(30);
    expect(cents(sumLines(e, 'Lambda PC duration'))).toBe(11.67);
    expect(cents(sumLines(e, 'Lambda duration'))).toBe(spill);
    expect(actual).toBe(total);
  });

  it('rounds a 61-minute enablement up to 65 minutes', () => {
    const { e } = priced(pc({ requests: 0, durationMs: 0, provisioned: { environments: 1, hoursEnabled: 61 / 60, requests: 0 } }));
    expect(e.lines.find((l) => l.item.startsWith('Lambda provisioned'))!.quantity).toBe(65 * 60);
  });

  it('warns that the pricing page excludes PC functions from the free tier', () => {
    expect(priced(pc({}, true)).e.warnings.map((w) => w.code)).toContain('FREE_TIER_PC');
    expect(priced(pc({}, false)).e.warnings).toEqual([]);
  });
});

describe('monthly volume tiers on the aggregate', () => {
  const gbSeconds = (gbS: number, architecture: 'x86_64' | 'arm64' = 'x86_64') => fn({ architecture, billed: { onDemandMs: gbS * 1000 } });

  it.each([
    // 6B × 0.0000166667 + 9B × 0.000015 + 5B × 0.0000133334
    { name: 'x86: 20B GB-s across three tiers', functions: [gbSeconds(20e9)], duration: 301_667.2 },
    // 7.5B × 0.0000133334 + 11.25B × 0.0000120001 + 1.25B × 0.0000106667
    { name: 'arm64: 20B GB-s across three tiers', functions: [gbSeconds(20e9, 'arm64')], duration: 248_335.0 },
    // Two functions of 4B each: 6B at tier 1 and 2B at tier 2, not 8B at tier 1.
    { name: 'two functions add up before tiering', functions: [gbSeconds(4e9), gbSeconds(4e9)], duration: 130_000.2 },
    // Architectures tier separately: 4B x86 and 4B arm64 both stay in tier 1.
    { name: 'architectures tier separately', functions: [gbSeconds(4e9), gbSeconds(4e9, 'arm64')], duration: 66_666.8 + 53_333.6 },
  ])('$name', ({ functions, duration }) => {
    expect(priced({ region: 'us-east-1', functions }).duration).toBe(duration);
  });

  it('labels the tiers of each line', () => {
    const { e } = priced({ region: 'us-east-1', functions: [gbSeconds(20e9)] });
    expect(e.lines.map((l) => l.tier)).toEqual(['first 6B', '6B–15B', 'over 15B']);
  });

  it('prices a month before August 2022 at the single (tier-1) rate', () => {
    expect(priced({ region: 'us-east-1', billing: { date: '2022-07-31' }, functions: [gbSeconds(20e9)] }).duration).toBe(333_334);
  });
});

describe('ephemeral storage and other Regions', () => {
  it('prices /tmp above 512 MB per GB-s: 9.5 GB × 3M s × $0.0000000309 = $0.88', () => {
    const { e } = priced({ region: 'us-east-1', functions: [fn({ requests: 3_000_000, durationMs: 1000, ephemeralStorageMb: 10_240 })] });
    expect(cents(sumLines(e, 'Lambda /tmp'))).toBe(0.88);
    const none = priced({ region: 'us-east-1', functions: [fn({ requests: 3_000_000, durationMs: 1000, ephemeralStorageMb: 512 })] }).e;
    expect(none.lines.some((l) => l.item.startsWith('Lambda /tmp'))).toBe(false);
  });

  it.each([
    // af-south-1: $0.0000221 /GB-s and $0.27 /1M requests.
    { region: 'af-south-1', usage: { functions: [fn({ memoryMb: 1536, requests: 3_000_000, durationMs: 120 })] }, total: 12.74 },
    // sa-east-1 PC: 100 environments × 1 GB × 730 h = 262.8M GB-s × $0.0000066372.
    {
      region: 'sa-east-1',
      usage: { functions: [fn({ requests: 0, provisioned: { environments: 100, hoursEnabled: 730, requests: 0 } })] },
      total: 1744.26,
    },
    // Seoul: on-demand at the base price, PC at its own.
    { region: 'ap-northeast-2', usage: { functions: [fn({ memoryMb: 1536, requests: 3_000_000, durationMs: 120 })] }, total: 9.6 },
  ])('$region', ({ region, usage, total }) => {
    expect(priced({ region, ...usage }).total).toBe(total);
  });

  it('says when an arm64 PC price is derived rather than published', () => {
    const { e } = priced({
      region: 'eu-west-1',
      functions: [fn({ architecture: 'arm64', requests: 0, provisioned: { environments: 1, hoursEnabled: 1, requests: 0 } })],
    });
    expect(e.warnings.map((w) => w.code)).toEqual(['PRICE_CAVEAT']);
    expect(e.warnings[0]!.message).toContain('0.8 × x86');
  });

  it('prices above the first tier outside us-east-1 at tier 1, with a warning', () => {
    const { e, duration } = priced({ region: 'eu-west-1', functions: [fn({ billed: { onDemandMs: 7e12 } })] });
    expect(duration).toBe(cents(7e9 * 0.0000166667));
    expect(e.warnings.map((w) => w.code)).toEqual(['TIERS_UNKNOWN']);
  });

  it('leaves an item without a price out of the total and says so (me-central-1 requests)', () => {
    const { e } = priced({ region: 'me-central-1', functions: [fn({ requests: 1_000_000, durationMs: 1000 })] });
    expect(e.lines.map((l) => l.item)).toEqual(['Lambda duration (x86_64)']);
    expect(e.warnings.find((w) => w.code === 'PRICE_MISSING')!.message).toMatch(/Lambda requests: no price for me-central-1/);
  });
});
