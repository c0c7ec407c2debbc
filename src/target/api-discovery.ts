/**
 * What a url target's lookups read (discover-api.ts), folded into its resolved target: the routes and the function
 * behind each from the API's integrations (they replace the scenario's `routes`), each function's configuration from
 * Lambda (replacing the scenario's values and the documented defaults), the stage's throttles. Every value read is
 * listed in `defaults` with the API it came from; what could not be read stays as the scenario said, and a function
 * whose memory nobody told is a warning, never a default. Pure.
 */
import { FUNCTION_DEFAULTS, type DefaultValue } from '../facts/defaults.js';
import { joinPath } from '../scenario/key-path.js';
import type { ApiDiscovery } from './discover-api.js';
import { applyLambdaConfiguration } from './lambda-config.js';
import type { AppliedDefault, ResolvedFunction, ResolvedRoute, ResolvedTarget } from './types.js';

export const DISCOVERY_SOURCES = {
  rest: 'AWS lookup: apigateway:GET (GetResources, GetIntegration)',
  http: 'AWS lookup: apigateway:GET (GetRoutes, GetIntegrations)',
  stage: 'AWS lookup: apigateway:GET (GetStage)',
} as const;

export function withApiDiscovery(target: ResolvedTarget, found: ApiDiscovery): ResolvedTarget {
  const api = target.api;
  if (!api) return target;
  const read: AppliedDefault[] = [];
  let routes = target.routes;
  let functions = target.functions;
  if (found.routes !== undefined) {
    routes = found.routes.map((r): ResolvedRoute => ({ method: r.method, path: r.path, routeKey: r.routeKey, function: r.function?.name ?? '', integration: r.integration }));
    read.push({ path: 'target.routes', value: routes.map((r) => `${r.routeKey} → ${r.function || '?'}`), source: DISCOVERY_SOURCES[api.type] });
    // The functions behind the routes, each starting from what the scenario says of it (the one `function`, or its
    // entry in `functions`), else from nothing but the documented defaults the resolver gave the scenario's.
    const named = [...new Set(routes.map((r) => r.function).filter((name) => name !== ''))];
    functions = named.map((name) => target.functions.find((f) => f.name === name) ?? blankFunction(name, read));
  }
  let accountConcurrency = target.accountConcurrency;
  functions = functions.map((fn) => {
    const config = found.configs[fn.name];
    if (!config) return fn;
    const qualifier = found.routes?.find((r) => r.function?.name === fn.name)?.function?.qualifier;
    const applied = applyLambdaConfiguration(fn, config, joinPath('target.functions', fn.name), qualifier);
    read.push(...applied.read.filter((r) => r.path !== 'target.accountConcurrency' || !read.some((x) => x.path === r.path)));
    if (applied.accountConcurrency !== undefined) accountConcurrency = applied.accountConcurrency;
    return applied.fn;
  });
  let resolvedApi = api;
  if (found.stage) {
    const { throttle, routeThrottles } = found.stage;
    resolvedApi = { ...api };
    delete resolvedApi.stageThrottle;
    if (throttle) resolvedApi.stageThrottle = throttle;
    const names = Object.keys(found.stage.variables ?? {}).sort();
    if (names.length > 0) resolvedApi.stageVariableNames = names;
    read.push({ path: 'target.api.throttle', value: throttle ?? null, source: `${DISCOVERY_SOURCES.stage}${throttle ? '' : ' (no stage throttle set: the account throttle applies)'}` });
    routes = routes.map((r) => {
      const own = routeThrottles[r.routeKey];
      const { throttle: _old, ...rest } = r;
      return own ? { ...rest, throttle: own } : rest;
    });
    for (const [key, t] of Object.entries(routeThrottles)) read.push({ path: joinPath('target.api.routeThrottles', key), value: t, source: DISCOVERY_SOURCES.stage });
  }
  // The last value read for a path wins (a default the Lambda lookups then replaced).
  const last = new Map<string, AppliedDefault>();
  for (const r of read) last.set(r.path, r);
  const readOnce = [...last.values()];
  const replaced = new Set(readOnce.map((r) => r.path));
  // A scenario default of a function is dropped when the function is no longer in the target, or when its value was
  // read (under `target.functions.NAME`, whichever key the scenario used: `function` or `functions`).
  const keptNames = new Set(functions.map((f) => f.name));
  const single = target.defaults.some((d) => d.path.startsWith('target.function.')) ? target.functions[0]?.name : undefined;
  const ownerOf = (path: string): { name: string; key: string } | undefined => {
    if (single !== undefined && path.startsWith('target.function.')) return { name: single, key: path.slice('target.function.'.length) };
    for (const f of target.functions) {
      const prefix = `${joinPath('target.functions', f.name)}.`;
      if (path.startsWith(prefix)) return { name: f.name, key: path.slice(prefix.length) };
    }
    return undefined;
  };
  const stillApplies = (d: AppliedDefault): boolean => {
    if (replaced.has(d.path)) return false;
    const owner = ownerOf(d.path);
    return owner === undefined || (keptNames.has(owner.name) && !replaced.has(`${joinPath('target.functions', owner.name)}.${owner.key}`));
  };
  return {
    ...target,
    accountConcurrency,
    api: resolvedApi,
    functions,
    routes,
    defaults: [...target.defaults.filter(stillApplies), ...readOnce],
  };
}

/**
 * A function the lookups found and the scenario does not describe: AWS's documented defaults until its own
 * configuration is read (the Lambda lookups replace each), recorded like the resolver's.
 */
function blankFunction(name: string, read: AppliedDefault[]): ResolvedFunction {
  const at = joinPath('target.functions', name);
  const pick = <T>(key: string, d: DefaultValue<T>): T => {
    read.push({ path: `${at}.${key}`, value: d.value, source: `${d.source} (as of ${d.asOf})` });
    return d.value;
  };
  return {
    name,
    architecture: pick('architecture', FUNCTION_DEFAULTS.architecture),
    ephemeralStorageMb: pick('ephemeralStorageMb', FUNCTION_DEFAULTS.ephemeralStorageMb),
    provisionedConcurrency: pick('provisionedConcurrency', FUNCTION_DEFAULTS.provisionedConcurrency),
  };
}

/** A warning for each of a url target's functions whose memory size nobody gave: neither AWS nor the scenario. */
export function missingFunctionFacts(target: ResolvedTarget): Array<{ code: string; message: string }> {
  if (target.type !== 'url') return [];
  return target.functions
    .filter((fn) => fn.memoryMb === undefined)
    .map((fn) => ({
      code: 'FUNCTION_FACTS_MISSING',
      message: `the memory size of function ${fn.name} is not known (not read from AWS, not in the scenario): its cost and quota checks are left out; set target.functions.${fn.name}.memoryMb or allow lambda:GetFunctionConfiguration`,
    }));
}
