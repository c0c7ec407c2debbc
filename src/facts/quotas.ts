/**
 * Documented AWS Lambda and API Gateway quotas, each with its source and the date it was confirmed
 * (aws-facts §3; contradictions between older and newer docs in its Appendix A 6).
 */

export interface Quota {
  name: string;
  value: number;
  unit: string;
  /** What the quota applies to: `account and Region`, `function`, `request`, ... */
  scope: string;
  /** Can be raised through Service Quotas. */
  adjustable: boolean;
  source: string;
  asOf: string;
}

const LAMBDA_QUOTAS_DOC = 'docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (aws-facts §3.1)';
const APIGW_QUOTAS_DOC = 'Amazon API Gateway quotas page, 2025–2026 copies; APIGW DG 2023 limits.md (aws-facts §3.2)';

/** A quota maker whose source defaults to `doc`. */
const quotasOf =
  (doc: string) =>
  (name: string, value: number, unit: string, scope: string, adjustable: boolean, source = doc, asOf = '2026'): Quota => ({
    name,
    value,
    unit,
    scope,
    adjustable,
    source,
    asOf,
  });
const lambda = quotasOf(LAMBDA_QUOTAS_DOC);
const apigw = quotasOf(APIGW_QUOTAS_DOC);

export const QUOTAS = {
  accountConcurrency: lambda('Lambda concurrent executions', 1000, 'environments', 'account and Region', true),
  // Reserved concurrency can take at most (account concurrency − 100): 100 always stay unreserved.
  unreservedConcurrencyMinimum: lambda('Unreserved concurrency kept by Lambda', 100, 'environments', 'account and Region', false),
  scalingRate: lambda(
    'Lambda scaling rate',
    1000,
    'new environments per 10 s',
    'function',
    false,
    'AWS News Blog "AWS Lambda functions now scale 12 times faster" (re:Invent 2023 week); scaling-behavior.md (aws-facts §3.1)',
    '2023-11',
  ),
  invocationsPerEnvironmentPerSecond: lambda('Synchronous invocation rate per environment', 10, 'requests per second', 'environment', false),
  functionTimeoutMax: lambda('Lambda function timeout', 900, 's', 'function', false),
  memoryMinMb: lambda('Lambda memory (minimum)', 128, 'MB', 'function', false),
  memoryMaxMb: lambda('Lambda memory (maximum)', 10240, 'MB', 'function', false),
  /** CPU is allocated in proportion to memory: one vCPU's worth at this memory size (aws-facts §3.1). */
  memoryPerVcpuMb: lambda('Memory per vCPU', 1769, 'MB', 'function', false, 'docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html (aws-facts §3.1)'),
  /** The most vCPUs a function gets, at the maximum memory size (aws-facts §3.1, scaling-behaviour docs). */
  maxVcpus: lambda('vCPUs at the maximum memory size', 6, 'vCPU', 'function', false),
  initMaxS: lambda(
    'INIT phase (on-demand)',
    10,
    's',
    'environment',
    false,
    'AWS Compute Blog "AWS Lambda standardizes billing for INIT Phase" 2025-04-29; Lambda DG execution environment lifecycle (aws-facts §3.1)',
    '2025-04-29',
  ),
  syncPayloadBytes: lambda('Lambda synchronous payload (request and response)', 6_291_456, 'bytes', 'invocation', false),
  asyncPayloadBytes: lambda('Lambda asynchronous payload', 1_048_576, 'bytes', 'invocation', false, `${LAMBDA_QUOTAS_DOC}; What's New Oct 2025 (was 256 KB)`, '2025-10'),
  streamedResponseBytes: lambda('Lambda streamed response', 200 * 1_048_576, 'bytes', 'invocation', false, `${LAMBDA_QUOTAS_DOC}; What's New 2025-07-31 (was 20 MB)`, '2025-07-31'),
  environmentVariablesBytes: lambda('Lambda environment variables (aggregate)', 4096, 'bytes', 'function', false),
  ephemeralStorageMinMb: lambda('Lambda /tmp (minimum)', 512, 'MB', 'function', false),
  ephemeralStorageMaxMb: lambda('Lambda /tmp (maximum)', 10240, 'MB', 'function', false),
  deploymentZipMb: lambda('Deployment package (zipped, direct upload)', 50, 'MB', 'function', false),
  deploymentUnzippedMb: lambda('Deployment package (unzipped, with layers)', 250, 'MB', 'function', false),
  fileDescriptors: lambda('File descriptors', 1024, 'descriptors', 'environment', false),
  processesAndThreads: lambda('Processes and threads', 1024, 'processes', 'environment', false),
  accountThrottleRps: apigw('API Gateway account throttle', 10_000, 'requests per second', 'account and Region', true),
  accountThrottleBurst: apigw('API Gateway account burst (token bucket)', 5000, 'requests', 'account and Region', false),
  // Newer Regions have a lower default (aws-facts §3.2, corrected 2026-11-22).
  newRegionThrottleRps: apigw('API Gateway account throttle (newer Regions)', 2500, 'requests per second', 'account and Region', true),
  newRegionThrottleBurst: apigw('API Gateway account burst (newer Regions)', 1250, 'requests', 'account and Region', true),
  restIntegrationTimeoutMs: apigw(
    'REST API integration timeout',
    29_000,
    'ms',
    'integration',
    true,
    `${APIGW_QUOTAS_DOC}; raisable for Regional/private REST APIs since 2024-06-04`,
  ),
  httpIntegrationTimeoutMs: apigw('HTTP API integration timeout', 30_000, 'ms', 'integration', false),
  websocketIntegrationTimeoutMs: apigw('WebSocket API integration timeout', 29_000, 'ms', 'integration', false),
  apiPayloadBytes: apigw('API Gateway payload (REST and HTTP API)', 10_485_760, 'bytes', 'request', false),
  headerValuesBytes: apigw('API Gateway total header values', 10_240, 'bytes', 'request', false),
  cachedResponseBytes: apigw('REST cache: cached response size', 1_048_576, 'bytes', 'response', false),
  websocketNewConnectionsPerSecond: apigw('WebSocket new connections', 500, 'connections per second', 'account and Region', true),
  websocketFrameBytes: apigw('WebSocket frame size', 32_768, 'bytes', 'frame', false),
  websocketMessageBytes: apigw('WebSocket message payload', 131_072, 'bytes', 'message', false),
  websocketConnectionHours: apigw('WebSocket connection duration', 2, 'h', 'connection', false),
  websocketIdleMinutes: apigw('WebSocket idle timeout', 10, 'min', 'connection', false),
  lambdaAuthorizerTimeoutMs: apigw('HTTP API Lambda authorizer timeout', 10_000, 'ms', 'authorizer', false),
} as const satisfies Record<string, Quota>;

export type QuotaId = keyof typeof QUOTAS;

/**
 * Regions with the lower 2,500 rps / 1,250 burst API Gateway default. aws-facts §3.2 names them (Cape Town, Milan,
 * Jakarta, UAE, Hyderabad, Melbourne, Spain, Zurich, Tel Aviv, Calgary, Malaysia, Thailand, Mexico Central); the
 * Region codes are AWS's public codes for those names.
 */
export const LOWER_THROTTLE_REGIONS: readonly string[] = [
  'af-south-1',
  'eu-south-1',
  'ap-southeast-3',
  'me-central-1',
  'ap-south-2',
  'ap-southeast-4',
  'eu-south-2',
  'eu-central-2',
  'il-central-1',
  'ca-west-1',
  'ap-southeast-5',
  'ap-southeast-7',
  'mx-central-1',
];
