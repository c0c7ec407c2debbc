/**
 * Which free allowances a usage applies. Each is its own switch because AWS's worked examples apply some and not
 * others (the REST example prices data transfer with no allowance while the Lambda examples take off the free tier,
 * aws-facts §2.4 and Appendix 12); all are off unless switched on.
 */
import type { CostUsage, FreeTierSwitches } from './types.js';

export type ResolvedFreeTiers = Required<FreeTierSwitches>;

/**
 * The switches in force: `freeTiers` key by key, else the shorthands (`freeTier` for the Lambda and data-transfer
 * allowances, `apiGatewayFreeTier` for API Gateway), else off.
 */
export function resolveFreeTiers(usage: Pick<CostUsage, 'freeTier' | 'apiGatewayFreeTier' | 'freeTiers'>): ResolvedFreeTiers {
  const lambda = usage.freeTier ?? false;
  const given = usage.freeTiers ?? {};
  return {
    lambdaRequests: given.lambdaRequests ?? lambda,
    lambdaCompute: given.lambdaCompute ?? lambda,
    responseStreaming: given.responseStreaming ?? lambda,
    dataTransferOut: given.dataTransferOut ?? lambda,
    apiGateway: given.apiGateway ?? usage.apiGatewayFreeTier ?? false,
  };
}

const LABELS: Record<keyof ResolvedFreeTiers, string> = {
  lambdaRequests: 'Lambda requests (1M)',
  lambdaCompute: 'Lambda compute (400,000 GB-s)',
  responseStreaming: 'response streaming (100 GiB)',
  apiGateway: 'API Gateway 12-month (accounts created before 2025-07-15)',
  dataTransferOut: 'data transfer out (100 GB)',
};

/** The estimate's note: which allowances were taken off. */
export function describeFreeTiers(free: ResolvedFreeTiers): string {
  const on = (Object.keys(LABELS) as Array<keyof ResolvedFreeTiers>).filter((k) => free[k]);
  return on.length === 0 ? 'no free tier' : `free tier applied: ${on.map((k) => LABELS[k]).join(', ')}`;
}
