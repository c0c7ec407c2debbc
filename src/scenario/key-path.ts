/**
 * Key paths as users read them in problems (`phases[1].rampTo`, `target.functions.hello.memoryMb`,
 * `target.api.routeThrottles["GET /x"]`). The validator builds them and the source scanner records them with the
 * same function, so a problem's path finds its line.
 */

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const SEGMENT = /(?:^|\.)([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;

/** Appends a property name or an array index to a key path. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (IDENTIFIER.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** The path and each of its ancestors, longest first, without the root: `a.b[0]` → `a.b[0]`, `a.b`, `a`. */
export function pathAndAncestors(path: string): string[] {
  const segments: Array<string | number> = [];
  for (const match of path.matchAll(SEGMENT)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3]) as string);
  }
  const paths: string[] = [];
  let current = '';
  for (const segment of segments) {
    current = joinPath(current, segment);
    paths.push(current);
  }
  return paths.reverse();
}
