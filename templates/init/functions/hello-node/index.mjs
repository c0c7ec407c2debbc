// A Lambda proxy integration handler: API Gateway turns the returned object into the HTTP response.
export const handler = async (event) => {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'Hello from Node.js', path: event.path }),
  };
};
