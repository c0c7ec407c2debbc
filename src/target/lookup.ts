/**
 * The `lambda` target's lookups, before any traffic: GetFunctionConfiguration, then GetFunctionConcurrency,
 * ListProvisionedConcurrencyConfigs (every version and alias of the function that has some: the run keeps the one it
 * invokes, lambda-config.ts) and GetAccountSettings. A refusal becomes an error a user can act on:
 * - AccessDeniedException (HTTP 403) → AWS_ACCESS_DENIED naming the IAM action and the function, with the grant;
 * - no credentials in the SDK's default provider chain → AWS_CREDENTIALS_MISSING naming the chain;
 * - ResourceNotFoundException → LAMBDA_FUNCTION_NOT_FOUND; no answer at all → TARGET_UNREACHABLE.
 */
import {
  InvokeCommand,
  GetAccountSettingsCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  ListProvisionedConcurrencyConfigsCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { LambdaloadError } from '../errors.js';
import type { LambdaConfiguration, ProvisionedConcurrencyConfig } from './lambda-config.js';
import type { ResolvedInvoke } from './types.js';

/** The IAM actions a direct-invoke run needs (README "Direct invoke" has the policy). */
export const DIRECT_INVOKE_ACTIONS = [
  'lambda:InvokeFunction',
  'lambda:GetFunctionConfiguration',
  'lambda:GetFunctionConcurrency',
  'lambda:ListProvisionedConcurrencyConfigs',
  'lambda:GetAccountSettings',
] as const;

/** Reads the function's configuration, its reserved concurrency and the account's limit. */
export async function lookupLambdaConfiguration(client: LambdaClient, invoke: ResolvedInvoke, region: string): Promise<LambdaConfiguration> {
  const named = invoke.qualifier === undefined ? invoke.functionName : `${invoke.functionName}:${invoke.qualifier}`;
  const configuration = await call('lambda:GetFunctionConfiguration', named, region, () =>
    client.send(new GetFunctionConfigurationCommand({ FunctionName: invoke.functionName, ...(invoke.qualifier === undefined ? {} : { Qualifier: invoke.qualifier }) })),
  );
  // Concurrency is set on the function, not on a version: asked by its unqualified ARN.
  const arn = configuration.FunctionArn ?? named;
  const unqualified = configuration.FunctionArn?.replace(/^(arn:[^:]+:lambda:[^:]+:\d+:function:[^:]+):.*$/, '$1') ?? invoke.functionName;
  const [concurrency, provisioned, account] = await Promise.all([
    call('lambda:GetFunctionConcurrency', arn, region, () => client.send(new GetFunctionConcurrencyCommand({ FunctionName: unqualified }))),
    listProvisioned(client, unqualified, arn, region),
    call('lambda:GetAccountSettings', arn, region, () => client.send(new GetAccountSettingsCommand({}))),
  ]);
  return {
    ...(configuration.FunctionArn === undefined ? {} : { functionArn: configuration.FunctionArn }),
    ...(configuration.MemorySize === undefined ? {} : { memoryMb: configuration.MemorySize }),
    ...(configuration.Timeout === undefined ? {} : { timeoutS: configuration.Timeout }),
    ...(configuration.Architectures?.[0] === undefined ? {} : { architecture: configuration.Architectures[0] }),
    ...(configuration.Runtime === undefined ? {} : { runtime: configuration.Runtime }),
    ...(configuration.EphemeralStorage?.Size === undefined ? {} : { ephemeralStorageMb: configuration.EphemeralStorage.Size }),
    ...(concurrency.ReservedConcurrentExecutions === undefined ? {} : { reservedConcurrency: concurrency.ReservedConcurrentExecutions }),
    provisionedConcurrency: provisioned,
    ...(account.AccountLimit?.ConcurrentExecutions === undefined ? {} : { accountConcurrency: account.AccountLimit.ConcurrentExecutions }),
  };
}

/** Every page of the function's provisioned concurrency configurations, each by the qualifier ending its ARN. */
async function listProvisioned(client: LambdaClient, unqualified: string, arn: string, region: string): Promise<ProvisionedConcurrencyConfig[]> {
  const configs: ProvisionedConcurrencyConfig[] = [];
  let marker: string | undefined;
  do {
    const page = await call('lambda:ListProvisionedConcurrencyConfigs', arn, region, () =>
      client.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: unqualified, ...(marker === undefined ? {} : { Marker: marker }) })),
    );
    for (const c of page.ProvisionedConcurrencyConfigs ?? []) {
      const qualifier = /^arn:[^:]+:lambda:[^:]+:\d+:function:[^:]+:(.+)$/.exec(c.FunctionArn ?? '')?.[1];
      if (qualifier === undefined) continue;
      configs.push({
        qualifier,
        allocated: c.AllocatedProvisionedConcurrentExecutions ?? 0,
        requested: c.RequestedProvisionedConcurrentExecutions ?? 0,
        ...(c.Status === undefined ? {} : { status: c.Status }),
      });
    }
    marker = page.NextMarker;
  } while (marker);
  return configs;
}

/**
 * A DryRun Invoke: Lambda checks the call and the caller's `lambda:InvokeFunction` permission and runs nothing, so a
 * missing permission stops the run before its traffic rather than failing every request.
 */
export async function checkInvokePermission(client: LambdaClient, invoke: ResolvedInvoke, region: string, resource: string): Promise<void> {
  await call('lambda:InvokeFunction', resource, region, () =>
    client.send(new InvokeCommand({ FunctionName: invoke.functionName, ...(invoke.qualifier === undefined ? {} : { Qualifier: invoke.qualifier }), InvocationType: 'DryRun' })),
  );
}

async function call<T>(action: string, resource: string, region: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw lookupError(action, resource, region, error);
  }
}

/** The LambdaloadError for a failed lookup (also used for a refused Invoke before the run). */
export function lookupError(action: string, resource: string, region: string, error: unknown): LambdaloadError {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (e.name === 'AccessDeniedException' || e.name === 'AccessDenied' || status === 403) {
    return new LambdaloadError('AWS_ACCESS_DENIED', `${action} was denied on ${resource} (${region}): ${e.message ?? 'access denied'}`, {
      hint: `Grant ${action} on ${resource} to the identity the AWS SDK uses (README "Direct invoke" lists the minimal policy: ${DIRECT_INVOKE_ACTIONS.join(', ')}).`,
      cause: error,
    });
  }
  if (e.name === 'CredentialsProviderError') {
    return new LambdaloadError('AWS_CREDENTIALS_MISSING', `no AWS credentials for ${action} on ${resource}: ${e.message ?? 'none found'}`, {
      hint: 'The AWS SDK looks in its default provider chain: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), AWS_PROFILE with ~/.aws/credentials and ~/.aws/config (SSO too), web identity, then ECS or EC2 instance credentials. Set one of them, e.g. `aws sso login --profile dev` and AWS_PROFILE=dev.',
      cause: error,
    });
  }
  if (e.name === 'ResourceNotFoundException') {
    return new LambdaloadError('LAMBDA_FUNCTION_NOT_FOUND', `${action}: no function ${resource} in ${region}: ${e.message ?? 'not found'}`, {
      hint: 'Check target.functionName, target.qualifier and target.region (and that the credentials are for the right account).',
      cause: error,
    });
  }
  return new LambdaloadError('TARGET_UNREACHABLE', `${action} on ${resource} (${region}) failed: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`, {
    hint: status === undefined ? 'No answer from the Lambda endpoint: check target.endpoint (or AWS_ENDPOINT_URL_LAMBDA) and the network.' : 'Lambda refused the call; the message above says why.',
    cause: error,
  });
}
