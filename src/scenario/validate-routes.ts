/**
 * Checks an emulator target's routes (methods, paths, the functions they name, repeats) and the throttles of its API:
 * the stage's and each route's, keyed `METHOD /path` as the routes are.
 */
import { joinPath } from './key-path.js';
import { addProblem, checkKnownKeys, describeValue, keysOf, readArray, readEnum, readNumber, readRecord, readRecordKey, readString, type PlainObject, type Problem } from './rules.js';
import { closestMatch } from './suggest.js';
import { HTTP_METHODS, type RouteSpec, type ThrottleSpec } from './types.js';

const ROUTE_KEYS = keysOf<RouteSpec>({ method: true, path: true, function: true, integration: true });
const THROTTLE_KEYS = keysOf<ThrottleSpec>({ rateRps: true, burst: true });

export function checkThrottle(throttle: PlainObject, at: string, out: Problem[]): void {
  checkKnownKeys(throttle, at, THROTTLE_KEYS, out);
  readNumber(throttle, 'rateRps', at, out, { required: true, above: 0 });
  readNumber(throttle, 'burst', at, out, { required: true, integer: true, min: 0 });
}

/** Returns the route keys (`GET /hello`) for `routeThrottles` to refer to. */
export function checkRoutes(target: PlainObject, apiType: string | undefined, functionNames: string[], out: Problem[]): string[] {
  const routes = readArray(target, 'routes', 'target', out, true);
  if (routes === undefined) return [];
  if (routes.length === 0) addProblem(out, 'target.routes', "must have at least one route, e.g. { method: 'GET', path: '/hello', function: 'hello' }");
  const seen = new Map<string, number>();
  routes.forEach((value, index) => {
    const at = `target.routes[${index}]`;
    const route = readRecord(value, at, out);
    if (route === undefined) return;
    checkKnownKeys(route, at, ROUTE_KEYS, out);
    const method = readEnum(route, 'method', at, [...HTTP_METHODS, 'ANY'] as const, out, true);
    const path = readString(route, 'path', at, out, { required: true });
    if (path !== undefined) {
      if (path === '$default') {
        if (apiType === 'rest') addProblem(out, `${at}.path`, "'$default' is the HTTP API catch-all; REST APIs use '/{proxy+}'");
        else if (method !== undefined && method !== 'ANY') addProblem(out, `${at}.method`, "the '$default' route matches every method: use method: 'ANY'");
      } else if (!path.startsWith('/')) {
        addProblem(out, `${at}.path`, `must start with '/' (got ${describeValue(path)})`);
      }
    }
    const fn = readString(route, 'function', at, out, { required: true });
    if (fn !== undefined && !functionNames.includes(fn)) {
      const suggestion = closestMatch(fn, functionNames);
      const known = functionNames.length === 0 ? 'none is defined' : `known: ${functionNames.join(', ')}`;
      addProblem(out, `${at}.function`, `names no function in target.functions (${known})${suggestion ? `; did you mean '${suggestion}'?` : ''}`);
    }
    const integration = readEnum(route, 'integration', at, ['proxy', 'lambda'] as const, out);
    if (integration === 'lambda' && apiType === 'http') addProblem(out, `${at}.integration`, "'lambda' (non-proxy) integrations exist on REST APIs only");
    if (method !== undefined && path !== undefined) {
      const key = `${method} ${path}`;
      const first = seen.get(key);
      if (first !== undefined) addProblem(out, at, `repeats the route '${key}' of target.routes[${first}]`);
      else seen.set(key, index);
    }
  });
  return [...seen.keys()];
}

export function checkRouteThrottles(target: PlainObject, routeKeys: string[], out: Problem[]): void {
  const api = target.api;
  if (typeof api !== 'object' || api === null) return;
  const throttles = readRecordKey(api as PlainObject, 'routeThrottles', 'target.api', out);
  if (throttles === undefined) return;
  for (const [key, value] of Object.entries(throttles)) {
    const at = joinPath('target.api.routeThrottles', key);
    if (!routeKeys.includes(key)) {
      const suggestion = closestMatch(key, routeKeys);
      addProblem(out, at, `matches no route (keys are 'METHOD /path' as in target.routes)${suggestion ? `; did you mean '${suggestion}'?` : ''}`);
    }
    const throttle = readRecord(value, at, out);
    if (throttle !== undefined) checkThrottle(throttle, at, out);
  }
}
