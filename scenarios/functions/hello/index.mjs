// The hello handler of AWS's getting-started guide: a Lambda proxy integration response.
export const handler = async (event) => {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'Hello from Lambda!' }),
  };
};
