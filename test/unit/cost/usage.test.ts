import { describe, expect, it } from 'vitest';
import { validateCostUsage } from '../../../src/cost/usage-validate.js';
import { estimateCost } from '../../../src/cost/estimate.js';
import { parseQuantity } from '../../../src/cost/quantity.js';
import { LambdaloadError } from '../../../src/errors.js';

describe('usage validation', () => {
  it('accepts a full usage', () => {
    expect(
      validateCostUsage({
        region: 'us-east-1',
        freeTier: true,
        apiGatewayFreeTier: false,
        billing: { date: '2025-08-01', granularityMs: 1 },
        functions: [
          {
            name: 'api',
            memoryMb: 1536,
            architecture: 'arm64',
            ephemeralStorageMb: 1024,
            requests: 3e6,
            durationMs: 120,
            coldStarts: 1000,
            initDurationMs: 300,
            initAlwaysBilled: false,
            provisioned: { environments: 5, hoursEnabled: 730, requests: 1e6, durationMs: 100 },
          },
        ],
        api: { type: 'http', requests: 3e6, payloadKb: 20 },
        websocket: { messages: 1e6, messageKb: 10, connectionMinutes: 1e5 },
        cache: { sizeGb: 1.6, hours: 730 },
        dataTransferOutGb: 10,
      }),
    ).toEqual([]);
  });

  it('lists every problem with its key path', () => {
    const problems = validateCostUsage({
      freeTier: 'yes',
      billing: { date: '1 Aug 2025', granularityMs: 10 },
      functions: [{ memoryMb: 64, architecture: 'x86', requests: 10, coldStarts: 11, provisioned: { environments: 1, hoursEnabled: 1, requests: 20 } }],
      api: { type: 'graphql', requests: -1 },
      cache: { sizeGb: 1.6 },
      typo: 1,
    });
    expect(problems).toEqual([
      'usage.typo: unknown key (expected one of region, freeTier, apiGatewayFreeTier, freeTiers, billing, functions, api, apis, websocket, cache, dataTransferOutGb, edgeFunctions, managedInstances, eventSourceMappings)',
      'usage.region: required (an AWS Region such as us-east-1; there is no default)',
      'usage.freeTier: expected one of true, false, got "yes"',
      'usage.billing.date: expected an ISO date such as 2025-08-01, got "1 Aug 2025"',
      'usage.billing.granularityMs: expected one of 1, 100, got 10',
      'usage.functions[0].memoryMb: 64 is outside 128–10240',
      'usage.functions[0].architecture: expected one of "x86_64", "arm64", got "x86"',
      'usage.functions[0].durationMs: required',
      'usage.functions[0].coldStarts: 11 is outside 0–10',
      'usage.functions[0].provisioned.requests: 20 is outside 0–10',
      'usage.api.type: expected one of "rest", "http", got "graphql"',
      'usage.api.requests: -1 is outside 0–∞',
      'usage.cache.hours: required',
    ]);
  });

  it('makes estimateCost throw USAGE with the problems', () => {
    expect(() => estimateCost({ region: 'us-east-1', functions: [{ memoryMb: 20_000, requests: 1, durationMs: 1 }] })).toThrow(
      expect.objectContaining({ code: 'USAGE', problems: ['usage.functions[0].memoryMb: 20000 is outside 128–10240'] }),
    );
  });
});

describe('parseQuantity', () => {
  it.each([
    ['3M', 3_000_000],
    ['3m', 3_000_000],
    ['500k', 500_000],
    ['1.5B', 1_500_000_000],
    ['1.1b', 1_100_000_000],
    ['2,000,000', 2_000_000],
    ['1e6', 1_000_000],
    ['120', 120],
    ['27.4', 27.4],
    [1536, 1536],
  ])('%s → %d', (input, expected) => {
    expect(parseQuantity(input, '--requests')).toBe(expected);
  });

  it.each(['3X', '', '-5', 'abc', '1..2', 'M'])('rejects %j naming the flag', (input) => {
    expect(() => parseQuantity(input, '--requests')).toThrow(LambdaloadError);
    expect(() => parseQuantity(input, '--requests')).toThrow(`--requests: '${input}' is not a quantity`);
  });
});
