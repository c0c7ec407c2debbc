/** `lambdaload cost` flags → usage (in-process: the same function the command's handler calls). */
import { describe, expect, it } from 'vitest';
import { usageFromArgs } from '../../../src/cli/cost-command.js';
import { estimateCost } from '../../../src/cost/estimate.js';

const args = (extra: Record<string, unknown>) => ({ json: false, region: 'us-east-1', ...extra }) as Parameters<typeof usageFromArgs>[0];

describe('cost flags', () => {
  it('--api http --requests N prices the API alone, without Lambda inputs', async () => {
    const usage = await usageFromArgs(args({ api: 'http', requests: '3M' }));
    expect(usage.functions).toBeUndefined();
    expect(estimateCost(usage).lines.map((l) => [l.id, l.quantity])).toEqual([['apigw.http.requests.tier1', 3e6]]);
  });

  it('still asks for Lambda inputs when other function flags are given', async () => {
    await expect(usageFromArgs(args({ api: 'http', requests: '3M', 'memory-mb': '512' }))).rejects.toThrow('to price Lambda, give --duration-ms');
  });

  it('maps each free-tier flag to its own switch', async () => {
    const usage = await usageFromArgs(args({ api: 'rest', requests: '1M', 'free-dto': true, 'free-lambda-requests': false, 'apigw-free-tier': true }));
    expect(usage.freeTiers).toEqual({ dataTransferOut: true, lambdaRequests: false });
    expect(usage.apiGatewayFreeTier).toBe(true);
  });

  it('--payload-mix and --response-kb describe the API', async () => {
    const usage = await usageFromArgs(args({ api: 'http', requests: '1M', 'payload-mix': '20:0.9,1228.8:0.1', 'response-kb': '100' }));
    expect(usage.api).toEqual({ type: 'http', requests: 1e6, responseKb: 100, payloadDistribution: [{ sizeKb: 20, share: 0.9 }, { sizeKb: 1228.8, share: 0.1 }] });
  });

  it('rejects --response-kb without an API, naming the flag to add', async () => {
    await expect(usageFromArgs(args({ requests: '1M', 'memory-mb': '512', 'duration-ms': '10', 'response-kb': '5' }))).rejects.toThrow('give --api rest or --api http too');
  });
});
