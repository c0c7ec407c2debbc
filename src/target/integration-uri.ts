/**
 * Reading a deployed API's addresses: an execute-api URL (`https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`)
 * and the Lambda function behind an integration, from its URI. REST APIs name a Lambda integration by the
 * `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations` form; HTTP APIs take that
 * or the function's ARN itself (API Gateway's "Set up Lambda integrations" pages). The function ARN may end in a
 * version or alias, and a stage variable may stand for a part (`${stageVariables.alias}`), which only the stage knows.
 * Pure.
 */

export interface ExecuteApiUrl {
  apiId: string;
  region: string;
  /** The URL's first path segment; undefined for an HTTP API `$default` stage (no segment). */
  stage?: string;
}

const EXECUTE_API = /^https?:\/\/([a-z0-9]{10})\.execute-api\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?(?:\/([^/?#]+))?/;

export function parseExecuteApiUrl(url: string): ExecuteApiUrl | undefined {
  const m = EXECUTE_API.exec(url);
  if (!m) return undefined;
  let stage: string | undefined = m[3];
  try {
    stage = stage === undefined ? undefined : decodeURIComponent(stage);
  } catch {
    // kept as written
  }
  return { apiId: m[1]!, region: m[2]!, ...(stage === undefined ? {} : { stage }) };
}

export interface IntegrationFunction {
  /** The function's name (the part an ARN gives after `function:`). */
  name: string;
  /** The version or alias the integration invokes, when its ARN names one. */
  qualifier?: string;
  /** The function's ARN as the integration names it. */
  arn: string;
  region: string;
  accountId: string;
}

const FUNCTION_ARN = /^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:([^:/]+)(?::([^:/]+))?$/;
const LAMBDA_PATH = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/\d{4}-\d{2}-\d{2}\/functions\/(.+)\/invocations$/;

/** The Lambda function an integration URI invokes; undefined for any other integration (HTTP, AWS service, mock). */
export function functionOfIntegrationUri(uri: string | undefined): IntegrationFunction | undefined {
  // Which function a stage variable names is for the stage to say: not read here.
  if (uri === undefined || usesStageVariable(uri)) return undefined;
  let arn = LAMBDA_PATH.exec(uri)?.[1] ?? uri;
  try {
    arn = decodeURIComponent(arn);
  } catch {
    // kept as written
  }
  const m = FUNCTION_ARN.exec(arn);
  if (!m) return undefined;
  return { name: m[4]!, ...(m[5] === undefined ? {} : { qualifier: m[5] }), arn, region: m[2]!, accountId: m[3]! };
}

/** True when a URI names a Lambda function through a stage variable (`${stageVariables.fn}`): the stage tells which. */
export function usesStageVariable(uri: string | undefined): boolean {
  return uri !== undefined && uri.includes('${stageVariables.');
}

/** The URI with each `${stageVariables.name}` the stage defines put in (the others left as written). */
export function withStageVariables(uri: string | undefined, variables: Record<string, string> | undefined): string | undefined {
  if (uri === undefined || variables === undefined) return uri;
  return uri.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (whole, name: string) => variables[name] ?? whole);
}
