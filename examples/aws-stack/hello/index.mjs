// The sample stack's handler: the same hello as scenarios/functions/hello, with lambdaload's cold/warm header added
// by the wrapper so a run against the deployed API labels each request from the function's own evidence.
import { withStartHeader } from 'lambdaload/wrapper';

export const handler = withStartHeader(async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: 'hello', path: event.rawPath ?? event.path }),
}));
