/**
 * A url target resolved from the scenario alone: its Region and API (type, id, stage: as declared, else read from an
 * execute-api URL), the functions it names (`function`, or `functions` with `routes`) with AWS's documented defaults
 * for what it leaves out, and its routes. A function fact nobody gave (its memory) stays undefined, never guessed;
 * the lookups (discover-api.ts, api-discovery.ts) fill what AWS allows. Pure.
 */
import { ACCOUNT_CONCURRENCY, API_DEFAULTS, FUNCTION_DEFAULTS } from '../facts/defaults.js';
import { parseDurationMs } from '../scenario/duration.js';
import { joinPath } from '../scenario/key-path.js';
import type { UrlTarget } from '../scenario/types.js';
import type { Defaults } from './applied-defaults.js';
import { parseExecuteApiUrl } from './integration-uri.js';
import type { ResolvedApi, ResolvedFunction, ResolvedRoute, ResolvedTarget } from './types.js';

/** The Region a url target names: its own, its function's, else its execute-api URL's. */
export function urlTargetRegion(target: UrlTarget): string | undefined {
  return target.region ?? target.function?.region ?? parseExecuteApiUrl(target.url)?.region;
}

/** The API id and stage a url target's lookups ask about: as declared, else from the execute-api URL. */
export function urlTargetApi(target: UrlTarget): { id?: string; stage?: string } {
  const fromUrl = parseExecuteApiUrl(target.url);
  const id = target.api?.id ?? fromUrl?.apiId;
  // An execute-api URL without a stage segment is an HTTP API's `$default` stage.
  const stage = target.api?.stage ?? (fromUrl ? (fromUrl.stage ?? '$default') : undefined);
  return { ...(id === undefined ? {} : { id }), ...(stage === undefined ? {} : { stage }) };
}

export function resolveUrl(target: UrlTarget, region: string, defaults: Defaults): Omit<ResolvedTarget, 'defaults'> {
  const type = target.api?.type;
  const { id, stage } = urlTargetApi(target);
  const api: ResolvedApi | undefined =
    type === undefined
      ? undefined
      : {
          type,
          ...(id === undefined ? {} : { id }),
          ...(stage === undefined ? {} : { stage }),
          // The deployed API's own setting is not known before the AWS lookups: the documented default is assumed.
          integrationTimeoutMs: defaults.pick(
            undefined,
            'target.api.integrationTimeout',
            type === 'rest' ? API_DEFAULTS.restIntegrationTimeoutMs : API_DEFAULTS.httpIntegrationTimeoutMs,
          ),
          accountThrottle: defaults.accountThrottle(region),
        };
  const fn = target.function;
  const functions: ResolvedFunction[] = fn
    ? [urlFunction(fn.name, { memoryMb: fn.memoryMb, ...(fn.architecture ? { architecture: fn.architecture } : {}) }, 'target.function', defaults)]
    : Object.entries(target.functions ?? {}).map(([name, spec]) =>
        urlFunction(name, { ...(spec.memoryMb === undefined ? {} : { memoryMb: spec.memoryMb }), ...(spec.architecture ? { architecture: spec.architecture } : {}), ...(spec.timeout === undefined ? {} : { timeoutMs: parseDurationMs(spec.timeout) }) }, joinPath('target.functions', name), defaults),
      );
  const routes = (target.routes ?? []).map(
    (r): ResolvedRoute => ({ method: r.method, path: r.path, routeKey: r.path === '$default' ? '$default' : `${r.method} ${r.path}`, function: r.function, integration: r.integration ?? 'proxy' }),
  );
  return {
    type: 'url',
    region,
    url: target.url,
    accountConcurrency: defaults.pick(undefined, 'target.accountConcurrency', ACCOUNT_CONCURRENCY),
    ...(api ? { api } : {}),
    functions,
    routes,
  };
}

/** A deployed function as the scenario describes it; `at` is its key path. */
export function urlFunction(
  name: string,
  given: Pick<ResolvedFunction, 'memoryMb' | 'timeoutMs'> & { architecture?: ResolvedFunction['architecture'] },
  at: string,
  defaults: Defaults,
): ResolvedFunction {
  return {
    name,
    ...(given.memoryMb === undefined ? {} : { memoryMb: given.memoryMb }),
    ...(given.timeoutMs === undefined ? {} : { timeoutMs: given.timeoutMs }),
    architecture: defaults.pick(given.architecture, `${at}.architecture`, FUNCTION_DEFAULTS.architecture),
    ephemeralStorageMb: defaults.pick(undefined, `${at}.ephemeralStorageMb`, FUNCTION_DEFAULTS.ephemeralStorageMb),
    provisionedConcurrency: defaults.pick(undefined, `${at}.provisionedConcurrency`, FUNCTION_DEFAULTS.provisionedConcurrency),
  };
}
