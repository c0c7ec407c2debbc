/**
 * The CloudWatch operations the emulator serves: `GetMetricData` (metrics.ts computes each query). Anything else
 * is an `UnknownOperationException`, so a client that asks for more learns it at once.
 */
import { answerMetricQuery, MetricQueryError, type AwsIdentity, type MetricQuery } from './metrics.js';
import type { Observations } from './observations.js';
import { AwsWireError, checkAllowed } from './wire.js';

/** GetMetricData takes at most 500 queries a call (aws-facts §8.3). */
const MAX_QUERIES = 500;

export function serveCloudWatch(operation: string, body: Record<string, unknown>, obs: Observations, id: AwsIdentity): unknown {
  if (operation !== 'GetMetricData') {
    throw new AwsWireError(400, 'UnknownOperationException', `the emulator's CloudWatch serves GetMetricData only, not ${operation}`);
  }
  checkAllowed('cloudwatch:GetMetricData', '*');
  const queries = body.MetricDataQueries;
  const start = body.StartTime;
  const end = body.EndTime;
  if (!Array.isArray(queries) || queries.length === 0 || queries.length > MAX_QUERIES) {
    throw invalid(`MetricDataQueries must hold 1 to ${MAX_QUERIES} queries`);
  }
  if (typeof start !== 'number' || typeof end !== 'number' || end <= start) throw invalid('StartTime and EndTime must be times with EndTime after StartTime');
  try {
    const results = (queries as MetricQuery[]).map((q) => answerMetricQuery(q, start * 1000, end * 1000, obs, id));
    if (body.ScanBy === 'TimestampAscending') for (const r of results) reverseInPlace(r);
    return { MetricDataResults: results, Messages: [] };
  } catch (error) {
    if (error instanceof MetricQueryError) throw invalid(error.message);
    throw error;
  }
}

function invalid(message: string): AwsWireError {
  return new AwsWireError(400, 'InvalidParameterValue', message, 'InvalidParameterValue');
}

function reverseInPlace(result: { Timestamps: number[]; Values: number[] }): void {
  result.Timestamps.reverse();
  result.Values.reverse();
}
