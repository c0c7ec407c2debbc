/**
 * The wire of the two AWS JSON protocols the installed SDK v3 clients speak to these fronts (checked in
 * node_modules/@aws-sdk/client-cloudwatch*, dist-cjs): CloudWatch `awsJson1_0` with `X-Amz-Target:
 * GraniteServiceVersion20100801.<Operation>` and awsQuery-compatible errors (the `x-amzn-query-error` header carries
 * the query error code), CloudWatch Logs `awsJson1_1` with `X-Amz-Target: Logs_20140328.<Operation>`. Timestamps
 * travel as epoch seconds in CloudWatch's JSON; Logs uses plain longs (seconds for Insights, ms for events).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801.';
export const LOGS_TARGET_PREFIX = 'Logs_20140328.';

export type AwsService = 'cloudwatch' | 'logs';

/** Which front a request is for, by its protocol markers; `undefined` for anything else (the gateway's). */
export function awsServiceOf(req: IncomingMessage): { service: AwsService; operation: string } | undefined {
  const target = req.headers['x-amz-target'];
  if (req.method !== 'POST' || typeof target !== 'string') return undefined;
  const type = req.headers['content-type'] ?? '';
  if (target.startsWith(CLOUDWATCH_TARGET_PREFIX) && type.startsWith('application/x-amz-json-1.0')) {
    return { service: 'cloudwatch', operation: target.slice(CLOUDWATCH_TARGET_PREFIX.length) };
  }
  if (target.startsWith(LOGS_TARGET_PREFIX) && type.startsWith('application/x-amz-json-1.1')) {
    return { service: 'logs', operation: target.slice(LOGS_TARGET_PREFIX.length) };
  }
  return undefined;
}

/** An error as the protocol carries it: `__type` in the body, and for CloudWatch the awsQuery code in a header. */
export class AwsWireError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    /** awsQuery-compatible code (CloudWatch): `AccessDenied`, `InvalidParameterValue`, ... */
    readonly queryCode?: string,
  ) {
    super(message);
  }
}

export function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        const parsed: unknown = text.length === 0 ? {} : JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        resolve(parsed as Record<string, unknown>);
      } catch {
        reject(new AwsWireError(400, 'SerializationException', 'the request body is not a JSON object'));
      }
    });
  });
}

export function writeJson(res: ServerResponse, service: AwsService, body: unknown): void {
  const json = JSON.stringify(body);
  res
    .writeHead(200, { 'Content-Type': contentTypeOf(service), 'Content-Length': Buffer.byteLength(json), 'x-amzn-RequestId': crypto.randomUUID() })
    .end(json);
}

export function writeError(res: ServerResponse, service: AwsService, error: AwsWireError): void {
  const json = JSON.stringify({ __type: error.type, message: error.message });
  const headers: Record<string, string | number> = {
    'Content-Type': contentTypeOf(service),
    'Content-Length': Buffer.byteLength(json),
    'x-amzn-RequestId': crypto.randomUUID(),
  };
  if (service === 'cloudwatch' && error.queryCode) headers['x-amzn-query-error'] = `${error.queryCode};Sender`;
  res.writeHead(error.status, headers).end(json);
}

function contentTypeOf(service: AwsService): string {
  return service === 'cloudwatch' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
}

/**
 * The test-only way to make the emulator refuse: `LAMBDALOAD_EMULATOR_DENY=cloudwatch:GetMetricData,logs:StartQuery`
 * (IAM action names, or `*`), read on every request so a test can set it around one call. Answers as AWS does, an
 * AccessDenied naming the action and the resource.
 */
export const DENY_ENV = 'LAMBDALOAD_EMULATOR_DENY';

export function checkAllowed(action: string, resource: string): void {
  const denied = (process.env[DENY_ENV] ?? '').split(',').map((s) => s.trim());
  if (!denied.includes(action) && !denied.includes('*')) return;
  const message = `User: arn:aws:iam::012345678912:user/lambdaload-test is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
  if (action.startsWith('cloudwatch:')) throw new AwsWireError(403, 'AccessDenied', message, 'AccessDenied');
  throw new AwsWireError(400, 'AccessDeniedException', message);
}
