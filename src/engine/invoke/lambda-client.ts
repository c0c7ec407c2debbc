/**
 * The one `LambdaClient` a direct-invoke run uses, for the Invoke traffic and the configuration lookups alike:
 * - `maxAttempts: 1`: the SDK's own retries are off, so a throttle (429 TooManyRequestsException) is one counted
 *   throttle and not a hidden second invocation (and a load test's request count is what it sent);
 * - a keep-alive agent whose `maxSockets` is the scenario's concurrency (open model: `http.connections`; closed:
 *   the largest `connections`), handed to the SDK's NodeHttpHandler, so sockets are reused as the HTTP path's are;
 * - `endpoint` when the scenario gives one; else the SDK's own resolution, which honours `AWS_ENDPOINT_URL_LAMBDA`
 *   and `AWS_ENDPOINT_URL` (the SDK's "service-specific endpoints"), and otherwise reaches the Region's AWS endpoint.
 * Credentials come from the SDK's default provider chain.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { LambdaClient } from '@aws-sdk/client-lambda';

export interface InvokeClientOptions {
  region: string;
  /** Overrides the SDK's endpoint resolution (e.g. `http://127.0.0.1:3000`, the local emulator). */
  endpoint?: string;
  /** Sockets kept open at most: the scenario's concurrency. */
  maxSockets: number;
  /** Fixed credentials (the local emulator checks no signature); default the SDK's default provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function createInvokeClient(options: InvokeClientOptions): LambdaClient {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets };
  return new LambdaClient({
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    maxAttempts: 1,
    // The SDK builds its NodeHttpHandler from these options.
    requestHandler: { httpAgent: new HttpAgent(agentOptions), httpsAgent: new HttpsAgent(agentOptions) },
  });
}
