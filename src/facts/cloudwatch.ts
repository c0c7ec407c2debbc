/**
 * CloudWatch facts the evidence room (src/cloudwatch) relies on, each with its source and date. AWS
 * documents how often Lambda publishes metrics, not how long they take to become readable: the wait before reading
 * them is lambdaload's choice, from the delays people report, and marked as such.
 */
import type { DefaultValue } from './defaults.js';

export const CLOUDWATCH_FACTS = {
  /** Lambda's metrics have 1-minute resolution: the shortest Period worth asking for (aws-facts §8.1). */
  lambdaMetricPeriodS: {
    value: 60,
    source: 'Lambda DG "Using CloudWatch metrics with Lambda": "Lambda sends metric data to CloudWatch in 1-minute intervals"; aws-facts §8.1',
    asOf: '2026',
  },
  /** GetMetricData takes at most 500 queries a call (aws-facts §8.3). */
  maxQueriesPerCall: { value: 500, source: 'CloudWatch API Reference, GetMetricData; aws-facts §8.3', asOf: '2026' },
  /**
   * How long after a run to wait before reading: 1-minute metrics are reported readable about 2 minutes after the
   * minute (a metrics vendor's guide to cloud metric delay), and log events "a few minutes (~2 minutes)" after they
   * are written (a CloudWatch Logs Insights CLI's README). Both are community observations, not AWS's word.
   */
  ingestionDelayMs: {
    value: 120_000,
    source:
      'lambdaload (AWS publishes no figure): community reports of ~2 min until 1-minute CloudWatch metrics and Lambda log events can be read (metrics vendor "cloud metric delay" guide; Insights CLI README)',
    asOf: '2026-12',
  },
  /** How long to poll GetQueryResults before calling a query's figures incomplete: lambdaload's choice. */
  queryWaitMs: { value: 60_000, source: 'lambdaload (Insights queries may run up to 60 minutes; a run does not wait that long)', asOf: '2026-12' },
} as const satisfies Record<string, DefaultValue<number>>;
