// Holds its environment for a fixed time, so the concurrency it needs is rate × duration (Little's law).
const SLEEP_MS = Number(process.env.SLEEP_MS ?? 100);

export const handler = async () => {
  await new Promise((resolve) => setTimeout(resolve, SLEEP_MS));
  return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: `slept ${SLEEP_MS} ms` };
};
