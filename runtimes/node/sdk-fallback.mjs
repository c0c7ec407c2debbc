// The AWS SDK for JavaScript v3 for functions that do not ship it, as AWS's managed Node.js runtimes provide it.
//
// AWS: "The Node.js runtime includes a number of common libraries, as well as a version of the AWS SDK for JavaScript
// ... Runtime versions nodejs18.x and later include version 3 of the SDK ... If your chosen runtime includes the
// version of the SDK you are using, you don't need to include the SDK library in your .zip file" (Lambda DG,
// nodejs-package.html#nodejs-package-dependencies). AWS's image ships the whole v3 SDK (hundreds of `@aws-sdk/*`
// packages in /var/runtime/node_modules); lambdaload ships what it depends on itself (`@aws-sdk/client-lambda`,
// `@aws-sdk/client-cloudwatch` and their `@aws-sdk/*` / `@smithy/*` dependencies). Any other client is not found and
// fails as on AWS when a package is missing: `Runtime.ImportModuleError` (the bootstrap names it).
//
// The function's own copy always wins: a specifier is resolved normally first (from the importing file), and only a
// miss for an `@aws-sdk/` or `@smithy/` package is retried from lambdaload's own folder.
// - CommonJS `require`: `Module._resolveFilename` retries with lambdaload's folder as the lookup path (NODE_PATH
//   semantics, which is how AWS's runtime exposes /var/runtime/node_modules). Free at start-up.
// - ES modules: Node ≥ 22.15 has in-thread synchronous hooks (`module.registerHooks`), cheap to install up front.
//   Older Node only has `module.register`, whose hooks run in a worker that takes ~70 ms to start (measured on
//   Node 20.20, more than the rest of this runtime's start-up): it is started only when the handler's first load
//   misses an SDK package, and the load is then retried (see `retryWithHooks`).

import Module, { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** lambdaload's package root (this file is `runtimes/node/sdk-fallback.mjs`). */
const LAMBDALOAD_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FALLBACK_PARENT_URL = pathToFileURL(`${LAMBDALOAD_ROOT}package.json`).href;
/** The packages AWS's runtime provides and lambdaload can stand in for. */
const SDK_SPECIFIER = /^@(?:aws-sdk|smithy)\/[^/]/;
/** Node's messages for a missing package: ESM `Cannot find package 'x' imported from …`, CJS `Cannot find module 'x'`. */
const MISSING_SDK = /Cannot find (?:package|module) '(@(?:aws-sdk|smithy)\/[^']+)'/;

let cjsPatched = false;
let esmHooks = false;

/**
 * Loads the handler with `load` (the bootstrap's own module loading) so that a missing AWS SDK package resolves to
 * lambdaload's copy. Resolves to what `load` resolves to; rejects with `load`'s own error when the fallback does not
 * have the package either.
 */
export async function withSdkFallback(load) {
  patchRequire();
  if (!esmHooks && typeof Module.registerHooks === 'function') {
    Module.registerHooks({ resolve: resolveSync });
    esmHooks = true;
  }
  try {
    return await load();
  } catch (error) {
    if (esmHooks || !canFallBack(error)) throw error;
    return retryWithHooks(load);
  }
}

/** `require('@aws-sdk/…')`: normal resolution, then lambdaload's folder. */
function patchRequire() {
  if (cjsPatched) return;
  cjsPatched = true;
  const original = Module._resolveFilename;
  Module._resolveFilename = function resolveFilename(request, parent, isMain, options) {
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (error) {
      if (error?.code !== 'MODULE_NOT_FOUND' || !SDK_SPECIFIER.test(request)) throw error;
      try {
        return original.call(this, request, parent, isMain, { paths: [LAMBDALOAD_ROOT] });
      } catch {
        throw error; // the function's own message ("Cannot find module … Require stack: <its file>")
      }
    }
  };
}

/** The `registerHooks` resolve hook (Node ≥ 22.15): same rule as `patchRequire`, for `import` and `require`. */
function resolveSync(specifier, context, nextResolve) {
  try {
    return nextResolve(specifier, context);
  } catch (error) {
    if (!SDK_SPECIFIER.test(specifier) || (error?.code !== 'ERR_MODULE_NOT_FOUND' && error?.code !== 'MODULE_NOT_FOUND')) throw error;
    try {
      return nextResolve(specifier, { ...context, parentURL: FALLBACK_PARENT_URL });
    } catch {
      throw error;
    }
  }
}

/** A miss of an SDK package that lambdaload's copy has: worth starting the hooks worker for. */
function canFallBack(error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') return false;
  const missing = MISSING_SDK.exec(String(error.message))?.[1];
  if (missing === undefined) return false;
  try {
    createRequire(FALLBACK_PARENT_URL).resolve(missing);
    return true;
  } catch {
    return false;
  }
}

/**
 * Node < 22.15: registers the off-thread resolve hook and loads the handler again. A module graph that failed to
 * link stays failed in Node's module map under its URLs, so while the hook is on it gives every module of the
 * function a fresh URL (a `?lambdaload-sdk` query; none of them ran: ES modules link before any evaluates). The
 * query shows in the function's `import.meta.url`; paths derived from it are unchanged.
 */
function retryWithHooks(load) {
  esmHooks = true;
  Module.register('./sdk-fallback-hooks.mjs', import.meta.url, {
    data: { fallbackParentUrl: FALLBACK_PARENT_URL, lambdaloadRootUrl: pathToFileURL(LAMBDALOAD_ROOT).href },
  });
  // A `.js` ES module that the bootstrap `require`s is loaded by require(esm) (Node ≥ 20.19), which runs no
  // `module.register` hooks: its SDK miss is turned into ERR_REQUIRE_ESM, on which the bootstrap `import`s the file.
  const loadJs = Module._extensions['.js'];
  Module._extensions['.js'] = function loadJsWithSdkFallback(module, filename) {
    try {
      return loadJs.call(this, module, filename);
    } catch (error) {
      if (!canFallBack(error)) throw error;
      throw Object.assign(new Error(`${filename} is an ES module that imports the AWS SDK: import it instead`), { code: 'ERR_REQUIRE_ESM', cause: error });
    }
  };
  return load();
}
