/**
 * Default names of phases and requests. The validator checks them for duplicates and `resolveScenario` fills them
 * in, from this one place.
 */

/** `phase-1`, `phase-2`, ... for `phases[0]`, `phases[1]`, ... */
export function defaultPhaseName(index: number): string {
  return `phase-${index + 1}`;
}

/**
 * A request's label in reports: its `name`, else `METHOD path` with the path template as written (`GET /items/{{seq}}`);
 * a direct-invoke request (no path) is `invoke`.
 */
export function requestName(request: { name?: string; method?: string; path?: string }): string {
  if (request.name !== undefined) return request.name;
  return request.path === undefined ? DIRECT_INVOKE_REQUEST_NAME : `${request.method ?? 'GET'} ${request.path}`;
}

/** The default name of a direct-invoke request. */
export const DIRECT_INVOKE_REQUEST_NAME = 'invoke';
