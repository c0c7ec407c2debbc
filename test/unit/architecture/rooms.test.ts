/**
 * The house rule "rooms form no import loop": each folder under src/ is a room, and the graph of which room imports
 * which (type imports included: a type shared both ways belongs in neutral ground such as src/records or src/result)
 * has no cycle. A cycle is reported as the rooms along it and one import that closes it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** room → room it imports → one `file: import` that does it. */
function roomGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const rel = path.relative(SRC, file);
    if (!rel.includes(path.sep)) continue;
    const room = rel.split(path.sep)[0]!;
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.\.?\/[^']+)'/g)) {
      const target = path.relative(SRC, path.resolve(path.dirname(file), match[1]!));
      if (target.startsWith('..') || !target.includes(path.sep)) continue;
      const other = target.split(path.sep)[0]!;
      if (other === room) continue;
      const edges = graph.get(room) ?? new Map<string, string>();
      if (!edges.has(other)) edges.set(other, `${rel}: ${match[1]}`);
      graph.set(room, edges);
    }
  }
  return graph;
}

function findCycle(graph: Map<string, Map<string, string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (room: string): string[] | undefined => {
    if (state.get(room) === 'done') return undefined;
    if (state.get(room) === 'open') return [...stack.slice(stack.indexOf(room)), room];
    state.set(room, 'open');
    stack.push(room);
    for (const next of graph.get(room)?.keys() ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(room, 'done');
    return undefined;
  };
  for (const room of graph.keys()) {
    const cycle = visit(room);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('rooms', () => {
  it('form no import loop', () => {
    const graph = roomGraph();
    expect(graph.size).toBeGreaterThan(10);
    const cycle = findCycle(graph);
    const closing = cycle && graph.get(cycle.at(-2)!)?.get(cycle.at(-1)!);
    expect(cycle && `${cycle.join(' → ')} (closed by ${closing})`).toBeUndefined();
  });

  it('finds a loop when there is one', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/x.ts: ../b/y.js']])],
      ['b', new Map([['c', 'b/y.ts: ../c/z.js']])],
      ['c', new Map([['a', 'c/z.ts: ../a/x.js']])],
    ]);
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
  });
});
