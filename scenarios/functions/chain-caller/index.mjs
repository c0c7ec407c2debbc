// Calls the callee through the Lambda Invoke API with the AWS SDK, as deployed code does. The emulator sets
// AWS_ENDPOINT_URL_LAMBDA, the region and credentials exactly as Lambda sets them, so the client needs no options.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

// Created at init, reused by every invocation of this environment (the usual Lambda pattern).
const client = new LambdaClient({});
const CALLEE = process.env.CALLEE_FUNCTION ?? 'callee';

export const handler = async () => {
  const out = await client.send(new InvokeCommand({ FunctionName: CALLEE, Payload: JSON.stringify({ from: 'caller' }) }));
  const payload = JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8') || 'null');
  if (out.FunctionError) {
    // The callee failed: let API Gateway see a function error (502 on REST) rather than a 200 with an error inside.
    throw new Error(`callee failed: ${JSON.stringify(payload)}`);
  }
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ via: 'caller', callee: payload }) };
};
