/**
 * The GetMetricData queries of the evidence, and their answers read back as figures. The period is the whole
 * window in whole minutes (Lambda's 1-minute resolution, aws-facts §8.1), so each metric answers one datapoint
 * whose statistic covers the run: percentiles of the whole run, not of one minute. A missing datapoint, or an answer
 * that is not `Complete`, is an incomplete figure, never a zero. Pure.
 */
import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { Figure } from './types.js';

export interface MetricSpec {
  id: string;
  namespace: 'AWS/Lambda' | 'AWS/ApiGateway';
  name: string;
  dimensions: Record<string, string>;
  /** CloudWatch statistic (`Sum`, `Maximum`, `Average`, `p50`, ...). */
  stat: string;
}

export function toQuery(spec: MetricSpec, periodS: number): MetricDataQuery {
  return {
    Id: spec.id,
    ReturnData: true,
    MetricStat: {
      Metric: { Namespace: spec.namespace, MetricName: spec.name, Dimensions: Object.entries(spec.dimensions).map(([Name, Value]) => ({ Name, Value })) },
      Period: periodS,
      Stat: spec.stat,
    },
  };
}

/** The figure a query answered; several datapoints (a period boundary inside the window) are merged when they can be. */
export function figureOf(spec: MetricSpec, result: MetricDataResult | undefined): Figure {
  const values = result?.Values ?? [];
  if (!result || values.length === 0) {
    return { value: null, status: 'incomplete', note: `no ${spec.namespace} ${spec.name} datapoint for ${describe(spec.dimensions)} in the window` };
  }
  let value: number | undefined;
  if (values.length === 1) value = values[0];
  else if (spec.stat === 'Sum') value = values.reduce((a, b) => a + b, 0);
  else if (spec.stat === 'Maximum') value = Math.max(...values);
  if (value === undefined) {
    return { value: null, status: 'incomplete', note: `${spec.name} ${spec.stat} came in ${values.length} datapoints, which cannot be merged` };
  }
  if (result.StatusCode !== 'Complete') {
    return { value, status: 'incomplete', note: `${spec.name} for ${describe(spec.dimensions)}: CloudWatch answered ${result.StatusCode ?? 'no status'}` };
  }
  return { value, status: 'complete' };
}

function describe(dimensions: Record<string, string>): string {
  const parts = Object.entries(dimensions).map(([k, v]) => `${k}=${v}`);
  return parts.length === 0 ? 'the account' : parts.join(', ');
}

/** A query id CloudWatch accepts (`^[a-z][a-zA-Z0-9_]*$`). */
export function queryId(...parts: Array<string | number>): string {
  return `q${parts.join('_')}`.replace(/[^a-zA-Z0-9_]/g, '_');
}
