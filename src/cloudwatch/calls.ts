/**
 * The SDK calls of the evidence room, each wrapped so that a refusal names the IAM action and the resource to allow
 * (`cloudwatch:GetMetricData` on `*`, `logs:StartQuery` on the log group, ...), and any other failure says which
 * call failed where. The only place the room touches the SDK's command classes.
 */
import { GetMetricDataCommand, type CloudWatchClient, type GetMetricDataCommandInput, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { GetQueryResultsCommand, StartQueryCommand, type CloudWatchLogsClient, type GetQueryResultsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaloadError } from '../errors.js';

export interface EvidenceClients {
  cloudwatch: CloudWatchClient;
  logs: CloudWatchLogsClient;
}

const POLICY_HINT = 'Allow it to the credentials lambdaload runs with (README "CloudWatch evidence" has the minimal policy), or run without --evidence.';

function isAccessDenied(error: unknown): boolean {
  const e = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'AccessDenied' || e?.name === 'AccessDeniedException' || e?.Code === 'AccessDenied' || e?.$metadata?.httpStatusCode === 403;
}

async function call<T>(action: string, resource: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (isAccessDenied(error)) {
      throw new LambdaloadError('EVIDENCE_ACCESS_DENIED', `CloudWatch evidence: access denied to ${action} on ${resource}`, { hint: POLICY_HINT, cause: error });
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new LambdaloadError('EVIDENCE_UNAVAILABLE', `CloudWatch evidence: ${action} on ${resource} failed (${message})`, {
      hint: 'Check the Region, the credentials and, for the local emulator, AWS_ENDPOINT_URL_CLOUDWATCH / AWS_ENDPOINT_URL_CLOUDWATCH_LOGS.',
      cause: error,
    });
  }
}

/** Every page of GetMetricData (a page holds at most 500 queries' worth of datapoints). */
export async function getMetricData(client: CloudWatchClient, input: GetMetricDataCommandInput): Promise<MetricDataResult[]> {
  const results: MetricDataResult[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call('cloudwatch:GetMetricData', '*', () => client.send(new GetMetricDataCommand({ ...input, NextToken: nextToken })));
    results.push(...(page.MetricDataResults ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return results;
}

export async function startQuery(client: CloudWatchLogsClient, logGroup: string, startS: number, endS: number, queryString: string): Promise<string> {
  const out = await call('logs:StartQuery', logGroup, () =>
    client.send(new StartQueryCommand({ logGroupName: logGroup, startTime: startS, endTime: endS, queryString })),
  );
  if (!out.queryId) throw new LambdaloadError('EVIDENCE_UNAVAILABLE', `CloudWatch evidence: StartQuery on ${logGroup} returned no query id`);
  return out.queryId;
}

export function getQueryResults(client: CloudWatchLogsClient, logGroup: string, queryId: string): Promise<GetQueryResultsCommandOutput> {
  return call('logs:GetQueryResults', logGroup, () => client.send(new GetQueryResultsCommand({ queryId })));
}
