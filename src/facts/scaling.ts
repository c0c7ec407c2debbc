/**
 * The rules of Lambda's scaling model and of API Gateway's answers at the limits that the capacity planner
 * (src/plan) needs and that quotas.ts / defaults.ts do not hold, each with its source and date. Numbers that are
 * already quotas (scaling rate, account concurrency, 10 req/s per environment, API Gateway 10,000 / 5,000, the
 * INIT limit, integration timeouts) are read from there, never repeated here.
 */
import { QUOTAS } from './quotas.js';

export interface ScalingFact<T> {
  value: T;
  source: string;
  asOf: string;
}

const SCALING_DOC = 'docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html (aws-facts §3.1)';
const fact = <T>(value: T, source: string, asOf: string): ScalingFact<T> => ({ value, source, asOf });

const OLD_SCALING_DOC = 'Lambda DG 2023 invocation-scaling.md, archived awsdocs/aws-lambda-developer-guide 2023-10-30 (aws-facts §3.1 "Old model")';

/**
 * The account-level rule Lambda scaled by until the per-function rate replaced it (AWS News Blog, late November 2023):
 * "an initial burst" of concurrency for all functions of the Region together, 500 to 3,000 by Region, then "an
 * additional 500 instances each minute". Kept to replay incidents from before the change.
 */
export const PRE_2023_SCALING = {
  burstByRegion: fact<Record<string, number>>(
    { 'us-west-2': 3000, 'us-east-1': 3000, 'eu-west-1': 3000, 'ap-northeast-1': 1000, 'eu-central-1': 1000, 'us-east-2': 1000 },
    `${OLD_SCALING_DOC} (3,000 in us-west-2, us-east-1, eu-west-1; 1,000 in ap-northeast-1, eu-central-1, us-east-2)`,
    '2023-10-30',
  ),
  burstOtherRegions: fact(500, `${OLD_SCALING_DOC} ("500 in other Regions")`, '2023-10-30'),
  perMinuteAfterBurst: fact(500, `${OLD_SCALING_DOC} ("an additional 500 instances each minute")`, '2023-10-30'),
  changed: fact('2023-11', 'AWS News Blog "AWS Lambda functions now scale 12 times faster when handling high-volume requests" (aws-facts §3.1)', '2023-11'),
} as const;

export const SCALING_FACTS = {
  /**
   * "Lambda makes a best attempt to refill your concurrency scaling rate continuously over time … doesn't accrue
   * unused portions": a token bucket whose capacity is the 10 s allowance, refilled at a tenth of it per second.
   */
  scalingRefillPerSecond: fact(QUOTAS.scalingRate.value / 10, `${SCALING_DOC} (refilled continuously, never accrued beyond the 10 s allowance)`, QUOTAS.scalingRate.asOf),
  scalingBucketCapacity: fact(QUOTAS.scalingRate.value, `${SCALING_DOC} ("at any given time, your maximum scaling rate is 1,000")`, QUOTAS.scalingRate.asOf),
  /** "If requests arrive faster than your function can scale, or if your function is at maximum concurrency, additional requests fail with a throttling error (429)". */
  lambdaThrottleStatus: fact(429, `${SCALING_DOC}`, QUOTAS.scalingRate.asOf),
  /** A Lambda throttle behind a REST API: "If the Lambda API rejects the invocation request, API Gateway returns a 500" (aws-facts §4.1 (d)). */
  restLambdaThrottleStatus: fact(500, 'Lambda DG, services-apigateway.md#services-apigateway-errors (aws-facts §4.1 (d))', '2026'),
  /** A Lambda throttle behind an HTTP API: 500 {"message":"Internal Server Error"} (observed, aws-facts §4.2 ⚠). */
  httpLambdaThrottleStatus: fact(500, 'community observations collected in aws-facts §4.2 (⚠ not stated per case by AWS)', '2026'),
  /** API Gateway's own throttle: gateway response THROTTLED, 429 (aws-facts §4.1 (e)). */
  apiThrottleStatus: fact(429, 'APIGW DG supported-gateway-response-types.md, THROTTLED (aws-facts §4.1 (e))', '2023'),
  /** A body over API Gateway's limit: REQUEST_TOO_LARGE 413; over Lambda's, behind API Gateway, 413 as well (aws-facts §4.1 (d2), (f)). */
  payloadTooLargeStatus: fact(413, 'APIGW DG supported-gateway-response-types.md, REQUEST_TOO_LARGE; koki-develop/lgtm-generator#10 for the Lambda case (aws-facts §4.1 (d2), (f))', '2023'),
  /** Integration timeout: REST 504 INTEGRATION_TIMEOUT (doc); HTTP API 503 as observed (aws-facts §4.1 (c), §4.2 ⚠). */
  restIntegrationTimeoutStatus: fact(504, 'APIGW DG supported-gateway-response-types.md, INTEGRATION_TIMEOUT (aws-facts §4.1 (c))', '2023'),
  httpIntegrationTimeoutStatus: fact(503, 'SST issue #2232 and other reports (aws-facts §4.2 ⚠; re:Post says 504)', '2026'),
  /**
   * Provisioned environments are initialised before traffic and count against the function's concurrency whether
   * busy or idle; requests go to them first and spill over to on-demand environments.
   */
  provisionedFirst: fact(true, 'Lambda DG, provisioned-concurrency.md ("configuring provisioned concurrency"), aws-facts §1.5', '2026'),
} as const;
