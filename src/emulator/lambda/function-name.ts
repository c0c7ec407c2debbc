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
