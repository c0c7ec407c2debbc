// Module resolve hook of sdk-fallback.mjs for Node < 22.15 (`module.register`: runs in Node's loader worker).
// Registered only after a handler's load missed an AWS SDK package; see sdk-fallback.mjs for why and how.

const SDK_SPECIFIER = /^@(?:aws-sdk|smithy)\/[^/]/;
const REKEY = 'lambdaload-sdk';

let fallbackParentUrl;
let lambdaloadRootUrl;

export function initialize(data) {
  fallbackParentUrl = data.fallbackParentUrl;
  lambdaloadRootUrl = data.lambdaloadRootUrl;
}

export async function resolve(specifier, context, nextResolve) {
  let resolved;
  try {
    resolved = await nextResolve(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !SDK_SPECIFIER.test(specifier)) throw error;
    try {
      return await nextResolve(specifier, { ...context, parentURL: fallbackParentUrl });
    } catch {
      throw error; // the function's own message: "Cannot find package … imported from <its file>"
    }
  }
  // The function's modules (not lambdaload's, not Node's) get a URL of their own, so that a graph that failed to
  // link before the hook existed is loaded afresh.
  const url = resolved.url;
  if (!url.startsWith('file:') || url.startsWith(lambdaloadRootUrl) || url.includes('?')) return resolved;
  return { ...resolved, url: `${url}?${REKEY}` };
}
