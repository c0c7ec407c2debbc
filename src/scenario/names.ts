/**
 * Default names of phases and requests. The validator checks them for duplicates and `resolveScenario` fills them
 * in, from this one place.
 */

/** `phase-1`, `phase-2`, ... for `phases[0]`, `phases[1]`, ... */
export function defaultPhaseName(index: number): string {
  return `phase-${index + 1}`;
}

/** A request's label in reports: its `name`, else `METHOD path` with the path template as written (`GET /items/{{seq}}`). */
export function requestName(request: { name?: string; method?: string; path?: string }): string {
  return request.name ?? `${request.method ?? 'GET'} ${request.path ?? ''}`;
}
