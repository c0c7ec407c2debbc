/**
 * Which function each of a scenario's requests reaches behind a deployed API, for pricing before the run: each
 * request's path matched against the url target's routes (as the scenario names them or the lookups found them) by
 * the emulator's own router (API Gateway's matching rules), its weight's share of the traffic given to that route's
 * function. A target without routes sends everything to its one function. Pure.
 */
import { compileRouter } from '../emulator/gateway/router.js';
import type { ResolvedTarget } from '../target/types.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';

/** Share of the requests (0–1) per function name; undefined when a request reaches no function the target knows. */
export function functionShares(scenario: Pick<ResolvedScenario, 'requests'>, target: ResolvedTarget): Map<string, number> | undefined {
  const shares = new Map<string, number>();
  const totalWeight = scenario.requests.reduce((n, r) => n + r.weight, 0);
  if (totalWeight <= 0) return undefined;
  const routes = target.routes.filter((r) => r.function !== '');
  if (routes.length === 0) {
    if (target.functions.length !== 1) return undefined;
    return new Map([[target.functions[0]!.name, 1]]);
  }
  const { router } = compileRouter(
    target.api?.type ?? 'http',
    routes.map((r) => ({ method: r.method, path: r.path, routeKey: r.routeKey, functionName: r.function, integration: r.integration, resourceId: '' })),
  );
  for (const request of scenario.requests) {
    // Templates (`{{seq}}`) stand for one path segment's worth of text.
    const path = request.path.split('?')[0]!.replace(/\{\{[^}]*\}\}/g, 'x') || '/';
    const fn = router.match(request.method, path.startsWith('/') ? path : `/${path}`)?.route.functionName;
    if (fn === undefined) return undefined;
    shares.set(fn, (shares.get(fn) ?? 0) + request.weight / totalWeight);
  }
  return shares;
}
