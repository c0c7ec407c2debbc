// A function with a slow cold start: the module's top-level code (Lambda's INIT phase) waits before the handler is
// ready, as loading a large dependency or opening a connection pool can. Warm invocations answer at once.
const INIT_DELAY_MS = Number(process.env.INIT_DELAY_MS ?? 3000);
await new Promise((resolve) => setTimeout(resolve, INIT_DELAY_MS));
const initialisedAt = new Date().toISOString();

export const handler = async (event) => {
  return { answer: 'callee ok', from: event?.from ?? null, initialisedAt };
};
