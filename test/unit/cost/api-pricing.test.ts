import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../../src/cost/estimate.js';
import { meteredUnits } from '../../../src/cost/api-cost.js';
import type { CostUsage } from '../../../src/cost/types.js';

const cents = (usd: number) => Math.round(usd * 100) / 100;
const total = (usage: CostUsage) => cents(estimateCost(usage).totalUsd);

describe('API Gateway requests (APIGW pricing page 2025-11 tiers)', () => {
  it.each([
    { name: 'REST 10M in us-east-1 at $3.50/M', usage: { region: 'us-east-1', api: { type: 'rest' as const, requests: 10e6 } }, usd: 35 },
    // 333M × 3.50 + 667M × 2.80 + 500M × 2.38
    { name: 'REST 1.5B across three tiers', usage: { region: 'us-east-1', api: { type: 'rest' as const, requests: 1.5e9 } }, usd: 4223.1 },
    // 300M × 1.00 + 100M × 0.90
    { name: 'HTTP 400M across two tiers', usage: { region: 'us-east-1', api: { type: 'http' as const, requests: 400e6 } }, usd: 390 },
    // A 1.2 MB request is metered as 3 requests (512 KB increments).
    { name: 'HTTP 1M requests of 1.2 MB count as 3M', usage: { region: 'us-east-1', api: { type: 'http' as const, requests: 1e6, payloadKb: 1.2 * 1024 } }, usd: 3 },
    { name: 'HTTP requests of 512 KB exactly count once', usage: { region: 'us-east-1', api: { type: 'http' as const, requests: 1e6, payloadKb: 512 } }, usd: 1 },
    { name: 'REST ignores the payload size', usage: { region: 'us-east-1', api: { type: 'rest' as const, requests: 1e6, payloadKb: 2048 } }, usd: 3.5 },
    // Seoul: 300M × 1.23 + 100M × 1.11
    { name: 'HTTP 400M in Seoul', usage: { region: 'ap-northeast-2', api: { type: 'http' as const, requests: 400e6 } }, usd: 480 },
    // Seoul REST: 333M × 3.50 + 667M × 3.19 + 100M × 2.71
    { name: 'REST 1.1B in Seoul', usage: { region: 'ap-northeast-2', api: { type: 'rest' as const, requests: 1.1e9 } }, usd: 3564.23 },
    { name: 'REST 10M in eu-central-1 at $3.70/M', usage: { region: 'eu-central-1', api: { type: 'rest' as const, requests: 10e6 } }, usd: 37 },
    { name: 'REST with the 12-month free tier: 2M billable', usage: { region: 'us-east-1', apiGatewayFreeTier: true, api: { type: 'rest' as const, requests: 3e6 } }, usd: 7 },
  ])('$name', ({ usage, usd }) => {
    expect(total(usage)).toBe(usd);
  });

  it('does not apply the API Gateway free tier with the Lambda free tier switch', () => {
    expect(total({ region: 'us-east-1', freeTier: true, api: { type: 'http', requests: 1e6 } })).toBe(1);
  });

  it.each([
    [undefined, 1],
    [0, 1],
    [20, 1],
    [512, 1],
    [512.5, 2],
    [1228.8, 3],
  ])('meters %s KB as %i unit(s) of 512 KB', (kb, units) => {
    expect(meteredUnits(kb, 512)).toBe(units);
  });
});

describe('WebSocket, cache and data transfer out', () => {
  it.each([
    // 1,000M × $1.00 + 100M × $0.80
    { name: 'WebSocket 1.1B messages in us-east-1', usage: { region: 'us-east-1', websocket: { messages: 1.1e9 } }, usd: 1080 },
    // 1,000M × $1.14 + 100M × $0.94 = $1,234 (aws-facts §2.5)
    { name: 'WebSocket 1.1B messages in Seoul', usage: { region: 'ap-northeast-2', websocket: { messages: 1.1e9 } }, usd: 1234 },
    // A 33 KB message counts as 2 (32 KB increments).
    { name: '1M messages of 33 KB count as 2M', usage: { region: 'us-east-1', websocket: { messages: 1e6, messageKb: 33 } }, usd: 2 },
    { name: '10M connection minutes at $0.25/M', usage: { region: 'us-east-1', websocket: { messages: 0, connectionMinutes: 10e6 } }, usd: 2.5 },
    // The caching example: 1.6 GB at $0.038/hour, over 730 hours.
    { name: 'REST cache 1.6 GB for 730 h', usage: { region: 'us-east-1', cache: { sizeGb: 1.6, hours: 730 } }, usd: 27.74 },
    // The REST example: "14.3 GB × $0.09 = $1.29", with no free allowance.
    { name: 'data transfer out 14.3 GB without free tier', usage: { region: 'us-east-1', dataTransferOutGb: 14.3 }, usd: 1.29 },
    { name: 'data transfer out 200 GB with the 100 GB free', usage: { region: 'us-east-1', freeTier: true, dataTransferOutGb: 200 }, usd: 9 },
    // 10,240 GB × 0.09 + 40,960 GB × 0.085 + 10,240 GB × 0.07
    { name: 'data transfer out 60 TB across three tiers', usage: { region: 'us-east-1', dataTransferOutGb: 60 * 1024 }, usd: 5120 },
    { name: 'data transfer out 100 GB from Seoul at $0.126', usage: { region: 'ap-northeast-2', dataTransferOutGb: 100 }, usd: 12.6 },
  ])('$name', ({ usage, usd }) => {
    expect(total(usage)).toBe(usd);
  });

  it('warns that most cache sizes rest on community copies of the pricing page', () => {
    const e = estimateCost({ region: 'us-east-1', cache: { sizeGb: 6.1, hours: 10 } });
    expect(cents(e.totalUsd)).toBe(2);
    expect(e.warnings.map((w) => w.code)).toEqual(['PRICE_CAVEAT']);
    expect(estimateCost({ region: 'us-east-1', cache: { sizeGb: 1.6, hours: 10 } }).warnings).toEqual([]);
  });

  it('rounds a size between two offered sizes up to the next one, with a note listing the sizes in order', () => {
    // 2 GB is not offered: AWS provisions 6.1 GB, $0.20/hour × 10 h.
    const e = estimateCost({ region: 'us-east-1', cache: { sizeGb: 2, hours: 10 } });
    expect(cents(e.totalUsd)).toBe(2);
    expect(e.lines[0]).toMatchObject({ id: 'apigw.cache', item: 'API Gateway cache (6.1 GB)' });
    expect(e.notes).toContain('cache of 2 GB priced as 6.1 GB, the next size offered (0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237 GB)');
  });

  it('names the offered sizes, smallest first, when a cache is larger than all of them', () => {
    const e = estimateCost({ region: 'eu-central-1', cache: { sizeGb: 300, hours: 10 } });
    expect(e.totalUsd).toBe(0);
    expect(e.warnings[0]).toMatchObject({ code: 'PRICE_MISSING' });
    expect(e.warnings[0]!.message).toContain('sizes with a price: 0.5 GB');
    const us = estimateCost({ region: 'us-east-1', cache: { sizeGb: 300, hours: 10 } });
    expect(us.warnings[0]!.message).toContain('0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237 GB');
  });
});

describe('missing API Gateway prices are visible, never defaulted', () => {
  it('prices Lambda and warns about REST in ap-southeast-2, whose REST price was not found', () => {
    const e = estimateCost({
      region: 'ap-southeast-2',
      functions: [{ memoryMb: 1024, requests: 1e6, durationMs: 100 }],
      api: { type: 'rest', requests: 1e6 },
    });
    expect(cents(e.totalUsd)).toBe(cents(0.2 + 100_000 * 0.0000166667));
    expect(e.lines.some((l) => l.item.startsWith('API Gateway'))).toBe(false);
    expect(e.warnings).toEqual([expect.objectContaining({ code: 'PRICE_MISSING', message: expect.stringContaining('API Gateway REST requests: no price for ap-southeast-2') })]);
  });

  it('prices eu-central-1 REST above the first tier at $3.70 with a warning that cheaper tiers are unknown', () => {
    const e = estimateCost({ region: 'eu-central-1', api: { type: 'rest', requests: 400e6 } });
    expect(cents(e.totalUsd)).toBe(1480);
    expect(e.lines[0]!.tier).toBe('tier 1 (all)');
    expect(estimateCost({ region: 'eu-central-1', api: { type: 'rest', requests: 10e6 } }).lines[0]!.tier).toBe('first 333M');
    expect(e.warnings.map((w) => w.code)).toEqual(['TIERS_UNKNOWN']);
  });

  it('knows the per-Region metering: the same 400M HTTP requests cost more in Tokyo than in us-east-1', () => {
    const tokyo = estimateCost({ region: 'ap-northeast-1', api: { type: 'http', requests: 400e6 } });
    expect(cents(tokyo.totalUsd)).toBe(516);
    expect(tokyo.warnings.map((w) => w.code)).toEqual(['TIERS_UNKNOWN']);
  });
});
