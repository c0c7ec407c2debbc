/**
 * Node module-resolution hooks (`module.register`) behind `installPackageFallback`: when an `import` of exactly
 * `lambdaload` or `lambdaload/wrapper` finds no package, it resolves to the running lambdaload's own `dist/` file.
 * Every other specifier, and every specifier that resolves normally (a project's own lambdaload in its
 * node_modules), passes through untouched.
 *
 * Runs in Node's loader thread, so it imports nothing of lambdaload's and gets its targets through `initialize`.
 */
import type { InitializeHook, ResolveHook } from 'node:module';

/** Sent by `register(..., { data })`: specifier → `file:` URL of the module that stands in for it. */
export interface PackageFallbackData {
  targets: Record<string, string>;
}

let targets: Record<string, string> = {};

export const initialize: InitializeHook<PackageFallbackData> = (data) => {
  targets = { ...data.targets };
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const target = Object.hasOwn(targets, specifier) ? targets[specifier] : undefined;
    if (target === undefined || (error as { code?: unknown } | null)?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return { url: target, format: 'module', shortCircuit: true };
  }
};
