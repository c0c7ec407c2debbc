/**
 * Points the AWS SDK's CloudWatch and CloudWatch Logs clients at a local emulator through the SDK's own environment
 * variables (placeholder credentials: the emulator checks no signature), and gives back what puts the environment
 * as it was. `clear` lists more variables to unset meanwhile and restore after.
 */
export function pointCloudWatchAt(url: string, clear: string[] = []): () => void {
  const values: Record<string, string> = {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_CLOUDWATCH: url,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: url,
  };
  const keys = [...Object.keys(values), ...clear];
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  for (const k of clear) delete process.env[k];
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
