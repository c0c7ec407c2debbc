/**
 * The four Lambda control-plane reads a direct-invoke run makes before its traffic (src/target/lookup.ts), served
 * for the emulator's own functions in the REST-JSON wire protocol of `@aws-sdk/client-lambda` (its operation schemas:
 * method, path, status and member names):
 *
 *   GET /2015-03-31/functions/{FunctionName}/configuration[?Qualifier=]  → FunctionConfiguration
 *   GET /2019-09-30/functions/{FunctionName}/concurrency                 → { ReservedConcurrentExecutions? }
 *   GET /2019-09-30/functions/{FunctionName}/provisioned-concurrency?List=ALL → { ProvisionedConcurrencyConfigs }
 *   GET /2016-08-19/account-settings                                     → { AccountLimit, AccountUsage }
 *
 * The emulator runs one version of each function, $LATEST, and its `provisionedConcurrency` pre-starts environments
 * for it, so it lists that configuration on `$LATEST` (on AWS it would sit on a published version or an alias).
 *
 * Errors as the Invoke API answers them: the name in `x-amzn-ErrorType`, 404 ResourceNotFoundException.
 *
 * For tests of the IAM path: `LAMBDALOAD_EMULATOR_DENY` (read per request) lists IAM actions the emulator refuses
 * with 403 AccessDeniedException, comma-separated (`lambda:GetFunctionConcurrency`), or `*` for all four. Not a
 * security feature: the emulator has no identities; it only lets a test see what a missing permission looks like.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedFunction, ResolvedTarget } from '../../target/types.js';
import { parseFunctionIdentifier } from './function-name.js';
import { EXECUTED_VERSION } from './log-lines.js';
import { EMULATOR_ACCOUNT_ID } from './service.js';

export const DENY_ENV = 'LAMBDALOAD_EMULATOR_DENY';

const CONFIGURATION = /^\/2015-03-31\/functions\/([^/?]+)\/configuration\/?(?:\?(.*))?$/;
const CONCURRENCY = /^\/2019-09-30\/functions\/([^/?]+)\/concurrency\/?(?:\?.*)?$/;
const PROVISIONED_LIST = /^\/2019-09-30\/functions\/([^/?]+)\/provisioned-concurrency\/?\?(?:.*&)?List=ALL(?:&.*)?$/;
const ACCOUNT_SETTINGS = /^\/2016-08-19\/account-settings\/?(?:\?.*)?$/;

/** Serves a control-plane read; returns false (and writes nothing) for any other request. */
export function handleControlRequest(req: IncomingMessage, res: ServerResponse, target: ResolvedTarget): boolean {
  if (req.method !== 'GET') return false;
  const url = req.url ?? '';
  let match: RegExpExecArray | null;
  if ((match = CONFIGURATION.exec(url))) {
    const query = new URLSearchParams(match[2] ?? '');
    return withFunction(res, target, 'lambda:GetFunctionConfiguration', match[1]!, query.get('Qualifier') ?? undefined, (fn, arn) => configurationOf(fn, arn));
  }
  if ((match = CONCURRENCY.exec(url))) {
    return withFunction(res, target, 'lambda:GetFunctionConcurrency', match[1]!, undefined, (fn) =>
      fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency },
    );
  }
  if ((match = PROVISIONED_LIST.exec(url))) {
    return withFunction(res, target, 'lambda:ListProvisionedConcurrencyConfigs', match[1]!, undefined, (fn, arn) => ({
      ProvisionedConcurrencyConfigs: fn.provisionedConcurrency > 0 ? [provisionedOf(fn.provisionedConcurrency, `${arn}:${EXECUTED_VERSION}`)] : [],
    }));
  }
  if (ACCOUNT_SETTINGS.test(url)) {
    const resource = `arn:aws:lambda:${target.region}:${EMULATOR_ACCOUNT_ID}:*`;
    if (denied('lambda:GetAccountSettings')) return accessDenied(res, 'lambda:GetAccountSettings', resource);
    const reserved = target.functions.reduce((n, fn) => n + (fn.reservedConcurrency ?? 0), 0);
    return send(res, 200, {
      AccountLimit: { ConcurrentExecutions: target.accountConcurrency, UnreservedConcurrentExecutions: target.accountConcurrency - reserved },
      AccountUsage: { FunctionCount: target.functions.length },
    });
  }
  return false;
}

function withFunction(
  res: ServerResponse,
  target: ResolvedTarget,
  action: string,
  rawIdentifier: string,
  queryQualifier: string | undefined,
  answer: (fn: ResolvedFunction, arn: string) => object,
): true {
  let identifier = rawIdentifier;
  try {
    identifier = decodeURIComponent(rawIdentifier);
  } catch {
    // kept as sent
  }
  const parsed = parseFunctionIdentifier(identifier);
  const qualifier = queryQualifier ?? parsed.qualifier;
  const arn = `arn:aws:lambda:${target.region}:${EMULATOR_ACCOUNT_ID}:function:${parsed.name}${qualifier ? `:${qualifier}` : ''}`;
  // IAM is asked before the function is looked up: a denied caller learns nothing of what exists.
  if (denied(action)) return accessDenied(res, action, arn);
  const fn = target.functions.find((f) => f.name === parsed.name);
  // The emulator runs only $LATEST: another version or alias does not exist.
  if (!fn || (qualifier !== undefined && qualifier !== EXECUTED_VERSION)) {
    return send(res, 404, { Type: 'User', Message: `Function not found: ${arn}` }, 'ResourceNotFoundException');
  }
  return send(res, 200, answer(fn, arn));
}

/** FunctionConfiguration of the SDK's schema, with what the emulator knows of the function. */
function configurationOf(fn: ResolvedFunction, arn: string): object {
  return {
    FunctionName: fn.name,
    FunctionArn: arn,
    ...(fn.runtime === undefined ? {} : { Runtime: fn.runtime }),
    ...(fn.handler === undefined ? {} : { Handler: fn.handler }),
    // Seconds, as AWS gives it; the emulator takes sub-second timeouts too, and says so exactly.
    ...(fn.timeoutMs === undefined ? {} : { Timeout: fn.timeoutMs / 1_000 }),
    ...(fn.memoryMb === undefined ? {} : { MemorySize: fn.memoryMb }),
    Version: EXECUTED_VERSION,
    Architectures: [fn.architecture],
    EphemeralStorage: { Size: fn.ephemeralStorageMb },
    PackageType: 'Zip',
    State: 'Active',
    LastUpdateStatus: 'Successful',
  };
}

/** A ProvisionedConcurrencyConfigListItem: the emulator starts them all before traffic, so all are ready. */
function provisionedOf(count: number, arn: string): object {
  return {
    FunctionArn: arn,
    RequestedProvisionedConcurrentExecutions: count,
    AvailableProvisionedConcurrentExecutions: count,
    AllocatedProvisionedConcurrentExecutions: count,
    Status: 'READY',
    LastModified: new Date().toISOString(),
  };
}

function denied(action: string): boolean {
  const listed = (process.env[DENY_ENV] ?? '').split(',').map((s) => s.trim());
  return listed.includes('*') || listed.includes(action);
}

/** AWS's wording for an action no policy allows. */
function accessDenied(res: ServerResponse, action: string, resource: string): true {
  const user = `arn:aws:iam::${EMULATOR_ACCOUNT_ID}:user/lambdaload-emulator`;
  return send(
    res,
    403,
    { Message: `User: ${user} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action` },
    'AccessDeniedException',
  );
}

function send(res: ServerResponse, status: number, body: object, errorType?: string): true {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(json),
    'x-amzn-RequestId': randomUUID(),
    ...(errorType === undefined ? {} : { 'x-amzn-ErrorType': errorType }),
  });
  res.end(json);
  return true;
}
