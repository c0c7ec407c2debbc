/**
 * Lambda's check of an Invoke request body: a non-empty payload must be JSON, else the Invoke API answers 400
 * `InvalidRequestContentException` and the function never runs (API_Invoke; aws-facts §4.3). Pure.
 *
 * The message follows AWS's own, e.g. "Could not parse request body into json: Could not parse payload into json:
 * Unrecognized token 'test': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
 * (a real Invoke answer quoted in alexcasalboni/aws-lambda-power-tuning#148, 2021); the part after the prefixes is
 * AWS's JSON parser's (Jackson's) wording, here JavaScript's.
 */

/** The InvalidRequestContentException message for `payload`, or undefined when Lambda accepts it. */
export function invalidPayloadMessage(payload: Buffer): string | undefined {
  if (payload.length === 0) return undefined;
  try {
    JSON.parse(payload.toString('utf8'));
    return undefined;
  } catch (error) {
    return `Could not parse request body into json: Could not parse payload into json: ${error instanceof Error ? error.message : String(error)}`;
  }
}
