/**
 * The forms the Invoke API accepts for FunctionName (API_Invoke: "Function name – my-function (name-only),
 * my-function:v1 (with alias); Function ARN – arn:aws:lambda:us-west-2:123456789012:function:my-function;
 * Partial ARN – 123456789012:function:my-function"). Pure.
 */

export interface FunctionIdentifier {
  name: string;
  /** Version or alias after the name, when given (`$LATEST`, `1`, `live`). */
  qualifier?: string;
}

export function parseFunctionIdentifier(identifier: string): FunctionIdentifier {
  const parts = identifier.split(':');
  let rest: string[];
  if (parts[0] === 'arn' && parts.length >= 7 && parts[5] === 'function') rest = parts.slice(6);
  else if (parts.length >= 3 && parts[1] === 'function') rest = parts.slice(2);
  else rest = parts;
  return rest.length >= 2 && rest[1] !== '' ? { name: rest[0], qualifier: rest[1] } : { name: rest[0] };
}

export function functionNameFromIdentifier(identifier: string): string {
  return parseFunctionIdentifier(identifier).name;
}

/** The function name the container-image RIE serves at `/2015-03-31/functions/function/invocations` (aws-facts §7.3). */
export const RIE_FUNCTION_NAME = 'function';

/**
 * The function an Invoke API path names. The RIE runs one function and serves it under the fixed name `function`
 * (aws-facts §7.3); the emulator serves several under their own names, so `function` (when no function has that
 * name) stands for the only one, and is `ambiguous` with several: the caller must name one.
 */
export function resolveInvokeName(name: string, functionNames: readonly string[]): { name: string } | { ambiguous: readonly string[] } {
  if (name !== RIE_FUNCTION_NAME || functionNames.includes(name)) return { name };
  if (functionNames.length === 1) return { name: functionNames[0] };
  return { ambiguous: functionNames };
}
