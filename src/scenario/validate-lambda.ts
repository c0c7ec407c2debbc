/**
 * Checks what direct invoke needs: the `lambda` target (a deployed function reached through the Lambda Invoke API),
 * the function a direct emulator target invokes, and the requests of either (their `json` is the event; HTTP parts
 * mean nothing to an Invoke and are refused by name rather than silently dropped).
 */
import { joinPath } from './key-path.js';
import { addProblem, describeValue, readRegion, readString, type PlainObject, type Problem } from './rules.js';

/** Lambda FunctionName: a name (1–64 of letters, digits, '-', '_'), `name:qualifier`, or a partial or full ARN. */
const FUNCTION_IDENTIFIER = /^(arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:|\d{12}:function:)?[A-Za-z0-9_-]{1,64}(:(\$LATEST|[A-Za-z0-9_-]{1,128}))?$/;
/** Qualifier: a version number, `$LATEST`, or an alias name (Lambda API, Invoke Qualifier pattern). */
const QUALIFIER = /^(\$LATEST|[A-Za-z0-9_-]{1,128})$/;
/** The HTTP parts of a request that an Invoke has no place for. */
const HTTP_ONLY_REQUEST_KEYS = ['method', 'path', 'query', 'headers', 'body'] as const;

/** True for targets whose requests are Invoke events: `lambda`, and the emulator with `invoke: 'direct'`. */
export function isDirectInvokeTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const t = target as PlainObject;
  return t.type === 'lambda' || (t.type === 'emulator' && t.invoke === 'direct');
}

export function checkLambdaTarget(target: PlainObject, out: Problem[]): void {
  const name = readString(target, 'functionName', 'target', out, { required: true, nonEmpty: true });
  if (name !== undefined && name !== '' && !FUNCTION_IDENTIFIER.test(name)) {
    addProblem(out, 'target.functionName', `${describeValue(name)} is not a Lambda function name: a name (1–64 letters, digits, '-' or '_'), name:alias, or a function ARN`);
  }
  const qualifier = readString(target, 'qualifier', 'target', out, { nonEmpty: true });
  if (qualifier !== undefined && qualifier !== '' && !QUALIFIER.test(qualifier)) {
    addProblem(out, 'target.qualifier', `${describeValue(qualifier)} is not a version or alias: a number, '$LATEST', or an alias name`);
  }
  if (qualifier !== undefined && name?.replace(/^arn:[^:]+:lambda:[^:]+:\d+:function:/, '').includes(':')) {
    addProblem(out, 'target.qualifier', 'is given twice: functionName already ends in a qualifier (name:alias); keep one');
  }
  readRegion(target, 'region', 'target', out, true);
  const endpoint = readString(target, 'endpoint', 'target', out, { nonEmpty: true });
  if (endpoint !== undefined && endpoint !== '' && !isHttpUrl(endpoint)) {
    addProblem(out, 'target.endpoint', `must be an http:// or https:// URL, e.g. 'http://127.0.0.1:3000' (got ${describeValue(endpoint)})`);
  }
}

/** `functionName` of a direct emulator target: a function of `functions`, required when there are several. */
export function checkDirectFunction(target: PlainObject, functionNames: string[], out: Problem[]): void {
  const name = readString(target, 'functionName', 'target', out, { nonEmpty: true });
  if (name === undefined) {
    if (target.functionName === undefined && functionNames.length > 1) {
      addProblem(out, 'target.functionName', `is required with invoke: 'direct' and several functions: name the one to invoke (${functionNames.join(', ')})`);
    }
    return;
  }
  if (name !== '' && !functionNames.includes(name)) {
    addProblem(out, 'target.functionName', `${describeValue(name)} is not one of target.functions (${functionNames.join(', ') || 'none'})`);
  }
}

/** A direct-invoke request: its HTTP parts are refused, each at its own key path. */
export function checkDirectRequest(request: PlainObject, at: string, out: Problem[]): void {
  for (const key of HTTP_ONLY_REQUEST_KEYS) {
    if (request[key] === undefined) continue;
    addProblem(out, joinPath(at, key), `is not used by direct invoke: a request is its event, set it as json (e.g. { name: 'order', json: { id: '{{seq}}' } })`);
  }
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
