/**
 * Route matching as API Gateway does it: a tree of path segments where, at every level, a literal segment beats
 * `{param}`, which beats the greedy `{proxy+}`; `ANY` catches the methods a resource does not define.
 *
 * - REST: the most specific *resource* (a path with at least one method) is chosen first, then the method on it
 *   (exact, else `ANY`); an undefined method answers 403 Missing Authentication Token (aws-facts §4.1 (a)).
 *   Whether AWS then falls back to a less specific `{proxy+}` resource is not sourced; lambdaload does not.
 * - HTTP API: routes are method + path; the most specific path whose route accepts the method wins (exact method
 *   before `ANY` on the same path), then the `$default` route, else 404 (APIGW DG `http-api-develop-routes.md`,
 *   "Routing API requests").
 *
 * `{proxy+}` needs at least one segment: `/{proxy+}` does not match `/` (that is why AWS examples add `ANY /`).
 * A single trailing slash is ignored (`/items/` matches `/items`); this is lambdaload's choice, not a sourced fact.
 */
import type { ApiType } from '../../scenario/types.js';
import type { CompiledRoute, RouteMatch } from './types.js';

interface MethodTable {
  byMethod: Map<string, CompiledRoute>;
  any?: CompiledRoute;
}

interface TreeNode {
  literals?: Map<string, TreeNode>;
  param?: { name: string; node: TreeNode };
  greedy?: { name: string; methods: MethodTable };
  methods?: MethodTable;
}

export interface Router {
  /** Matches a path below the stage prefix (percent-encoded, starting with `/`, no query). */
  match(method: string, path: string): RouteMatch | undefined;
}

export interface CompiledRouter {
  router: Router;
  /** Conflicts found while building the tree (duplicate routes, sibling parameters with different names). */
  problems: string[];
}

/** A parsed path template segment. */
export type TemplateSegment =
  | { kind: 'literal'; value: string }
  | { kind: 'param'; name: string }
  | { kind: 'greedy'; name: string };

const PARAM = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/;

/** Parses `/items/{id}/{proxy+}` into segments; returns an error message for an invalid template. */
export function parsePathTemplate(path: string): TemplateSegment[] | string {
  if (!path.startsWith('/')) return `must start with '/' (got '${path}')`;
  const parts = splitSegments(path);
  const segments: TemplateSegment[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === '') return `has an empty segment ('${path}')`;
    const m = PARAM.exec(part);
    if (m) {
      if (m[2] === '+') {
        if (i !== parts.length - 1) return `greedy '{${m[1]}+}' must be the last segment ('${path}')`;
        segments.push({ kind: 'greedy', name: m[1] });
      } else segments.push({ kind: 'param', name: m[1] });
    } else if (part.includes('{') || part.includes('}')) {
      return `segment '${part}' must be a whole '{name}' or '{name+}' ('${path}')`;
    } else segments.push({ kind: 'literal', value: part });
  }
  const names = segments.filter((s) => s.kind !== 'literal').map((s) => (s as { name: string }).name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) return `uses the parameter '${dup}' twice ('${path}')`;
  return segments;
}

/** Splits a path into segments: `/` → `[]`, `/a/b/` → `['a', 'b']`. */
export function splitSegments(path: string): string[] {
  if (path === '/' || path === '') return [];
  const end = path.endsWith('/') ? path.length - 1 : path.length;
  return path.slice(1, end).split('/');
}

/**
 * Strips the stage prefix from a raw request path. Returns the path below the stage (`/` for the stage root), or
 * `undefined` when the path is not under the stage.
 */
export function stripStagePrefix(rawPath: string, stagePrefix: string): string | undefined {
  if (stagePrefix === '') return rawPath;
  if (!rawPath.startsWith(stagePrefix)) return undefined;
  if (rawPath.length === stagePrefix.length) return '/';
  return rawPath.charCodeAt(stagePrefix.length) === 47 /* / */ ? rawPath.slice(stagePrefix.length) : undefined;
}

/** Builds the matcher for validated routes (templates already checked with `parsePathTemplate`). */
export function compileRouter(apiType: ApiType, routes: readonly CompiledRoute[]): CompiledRouter {
  const root: TreeNode = {};
  const problems: string[] = [];
  let defaultRoute: CompiledRoute | undefined;
  for (const route of routes) {
    if (route.path === '$default') {
      if (defaultRoute) problems.push(`route '$default' is defined twice`);
      defaultRoute = route;
      continue;
    }
    const segments = parsePathTemplate(route.path);
    if (typeof segments === 'string') {
      problems.push(`route '${route.routeKey}': path ${segments}`);
      continue;
    }
    let node = root;
    let table: MethodTable | undefined;
    for (const segment of segments) {
      if (segment.kind === 'literal') {
        node.literals ??= new Map();
        let next = node.literals.get(segment.value);
        if (!next) node.literals.set(segment.value, (next = {}));
        node = next;
      } else if (segment.kind === 'param') {
        if (node.param && node.param.name !== segment.name) {
          problems.push(`route '${route.routeKey}': '{${segment.name}}' conflicts with the sibling '{${node.param.name}}' (AWS allows one parameter name per position)`);
        }
        node.param ??= { name: segment.name, node: {} };
        node = node.param.node;
      } else {
        if (node.greedy && node.greedy.name !== segment.name) {
          problems.push(`route '${route.routeKey}': '{${segment.name}+}' conflicts with the sibling '{${node.greedy.name}+}'`);
        }
        node.greedy ??= { name: segment.name, methods: { byMethod: new Map() } };
        table = node.greedy.methods;
      }
    }
    table ??= node.methods ??= { byMethod: new Map() };
    if (route.method === 'ANY') {
      if (table.any) problems.push(`route '${route.routeKey}' is defined twice`);
      table.any = route;
    } else {
      if (table.byMethod.has(route.method)) problems.push(`route '${route.routeKey}' is defined twice`);
      table.byMethod.set(route.method, route);
    }
  }
  const router: Router =
    apiType === 'rest'
      ? {
          match(method, path) {
            const found = search(root, splitSegments(path), 0, [], hasAnyMethod);
            if (!found) return undefined;
            const route = pick(found.table, method);
            return route ? { route, rawPathParameters: found.params } : undefined;
          },
        }
      : {
          match(method, path) {
            const found = search(root, splitSegments(path), 0, [], (table) => pick(table, method) !== undefined);
            if (found) return { route: pick(found.table, method)!, rawPathParameters: found.params };
            return defaultRoute ? { route: defaultRoute, rawPathParameters: null } : undefined;
          },
        };
  return { router, problems };
}

interface Found {
  table: MethodTable;
  params: Record<string, string> | null;
}

function hasAnyMethod(table: MethodTable): boolean {
  return table.any !== undefined || table.byMethod.size > 0;
}

function pick(table: MethodTable, method: string): CompiledRoute | undefined {
  return table.byMethod.get(method) ?? table.any;
}

/** Depth-first search in precedence order; `captured` holds name, value pairs of the parameters on the way. */
function search(
  node: TreeNode,
  segments: string[],
  index: number,
  captured: string[],
  accepts: (table: MethodTable) => boolean,
): Found | undefined {
  if (index === segments.length) {
    return node.methods && accepts(node.methods) ? { table: node.methods, params: toParams(captured) } : undefined;
  }
  const segment = segments[index];
  const literal = node.literals?.get(segment);
  if (literal) {
    const found = search(literal, segments, index + 1, captured, accepts);
    if (found) return found;
  }
  if (node.param && segment !== '') {
    captured.push(node.param.name, segment);
    const found = search(node.param.node, segments, index + 1, captured, accepts);
    captured.length -= 2;
    if (found) return found;
  }
  if (node.greedy && accepts(node.greedy.methods)) {
    captured.push(node.greedy.name, segments.slice(index).join('/'));
    const params = toParams(captured);
    captured.length -= 2;
    return { table: node.greedy.methods, params };
  }
  return undefined;
}

function toParams(captured: string[]): Record<string, string> | null {
  if (captured.length === 0) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < captured.length; i += 2) params[captured[i]] = captured[i + 1];
  return params;
}
