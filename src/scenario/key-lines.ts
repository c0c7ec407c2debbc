/**
 * Finds the line of each key path in a scenario's source text, so a problem can say `hello.ts:14`.
 *
 * The text is parsed as TypeScript (@babel/parser, with error recovery: a scenario with a problem elsewhere still
 * gets its lines); the object literal passed to the one `defineScenario(...)` call (else `export default {...}`, or
 * the object a variable named there holds) is walked, recording where each property name or array element starts.
 * Anything whose key or index cannot be known from the text (spreads before an array element, computed keys,
 * values built by function calls) is simply not recorded: a missing line is acceptable, a wrong one is not.
 */
import { createRequire } from 'node:module';
import type { ArrayExpression, Expression, Node, ObjectExpression, Statement } from '@babel/types';
import { joinPath, pathAndAncestors } from './key-path.js';

/** Key path → 1-based line, for every property and array element of the scenario literal that could be followed. */
export type KeyLines = ReadonlyMap<string, number>;

// Loaded on first use: only a scenario with problems needs its lines, and every CLI start would pay for the parser.
const require = createRequire(import.meta.url);
let parser: typeof import('@babel/parser') | undefined;

/** Maps key paths (`phases[1].rampTo`) to their lines in `source`. Empty when the scenario literal cannot be found. */
export function mapKeyLines(source: string): KeyLines {
  const lines = new Map<string, number>();
  let program: Statement[];
  try {
    program = (parser ??= require('@babel/parser') as typeof import('@babel/parser')).parse(source, { sourceType: 'module', plugins: ['typescript'], errorRecovery: true }).program.body;
  } catch {
    // Beyond recovery (the loader reports the syntax error itself).
    return lines;
  }
  const root = findScenarioLiteral(program);
  if (root !== undefined) walkObject(root, '', lines);
  return lines;
}

/**
 * The line for a problem at `path`: the line of the path itself, else of its nearest ancestor that the scan
 * recorded (a missing key is reported on the object that lacks it). `undefined` when nothing on the way is known.
 */
export function lineOfPath(lines: KeyLines, path: string): number | undefined {
  for (const candidate of pathAndAncestors(path)) {
    const line = lines.get(candidate);
    if (line !== undefined) return line;
  }
  return undefined;
}

function findScenarioLiteral(program: Statement[]): ObjectExpression | undefined {
  // Each call's argument, undefined where it has none that can hold the literal (no argument, a spread).
  const calls: Array<Expression | undefined> = [];
  visit(program, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'defineScenario') {
      const first = node.arguments[0];
      calls.push(first === undefined || first.type === 'SpreadElement' || first.type === 'ArgumentPlaceholder' ? undefined : (first as Expression));
    }
  });
  // Two calls in one file: which one is exported is not knowable here, so no lines at all.
  if (calls.length > 1) return undefined;
  if (calls.length === 1) return calls[0] && objectOf(calls[0], program);
  for (const statement of program) {
    if (statement.type === 'ExportDefaultDeclaration' && statement.declaration.type !== 'FunctionDeclaration' && statement.declaration.type !== 'ClassDeclaration') {
      return objectOf(statement.declaration as Expression, program);
    }
  }
  return undefined;
}

/** The object literal an expression is, through `as`, `satisfies`, `!`, parentheses and a top-level `const` it names. */
function objectOf(expression: Expression, program: Statement[]): ObjectExpression | undefined {
  const value = unwrap(expression);
  if (value.type === 'ObjectExpression') return value;
  if (value.type !== 'Identifier') return undefined;
  for (const statement of program) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type === 'Identifier' && declarator.id.name === value.name && declarator.init) {
        const init = unwrap(declarator.init);
        return init.type === 'ObjectExpression' ? init : undefined;
      }
    }
  }
  return undefined;
}

function unwrap(expression: Expression): Expression {
  let value = expression;
  while (value.type === 'TSAsExpression' || value.type === 'TSSatisfiesExpression' || value.type === 'TSNonNullExpression' || value.type === 'ParenthesizedExpression' || value.type === 'TSTypeAssertion') {
    value = value.expression;
  }
  return value;
}

function walkObject(object: ObjectExpression, path: string, lines: Map<string, number>): void {
  for (const property of object.properties) {
    // Spreads and methods: nothing to record (keys after a spread are still known).
    if (property.type !== 'ObjectProperty' || property.computed) continue;
    const key = property.key;
    const name = key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : key.type === 'NumericLiteral' ? String(key.value) : undefined;
    if (name === undefined || !key.loc) continue;
    const keyPath = joinPath(path, name);
    record(lines, keyPath, key.loc.start.line);
    walkValue(property.value as Expression, keyPath, lines);
  }
}

function walkArray(array: ArrayExpression, path: string, lines: Map<string, number>): void {
  for (const [index, element] of array.elements.entries()) {
    if (element === null) continue;
    // After a spread the indexes of later elements are unknown.
    if (element.type === 'SpreadElement') return;
    const elementPath = joinPath(path, index);
    if (element.loc) record(lines, elementPath, element.loc.start.line);
    walkValue(element, elementPath, lines);
  }
}

function walkValue(expression: Expression, path: string, lines: Map<string, number>): void {
  const value = unwrap(expression);
  if (value.type === 'ObjectExpression') walkObject(value, path, lines);
  else if (value.type === 'ArrayExpression') walkArray(value, path, lines);
}

/** A key written twice: the last one wins in JavaScript, so what was recorded under the first is dropped. */
function record(lines: Map<string, number>, path: string, line: number): void {
  for (const key of lines.keys()) {
    if (key === path || key.startsWith(`${path}.`) || key.startsWith(`${path}[`)) lines.delete(key);
  }
  lines.set(path, line);
}

/** Calls `each` on every node below `nodes` (a plain walk over the AST's object graph; no traverse package needed). */
function visit(nodes: Node[], each: (node: Node) => void): void {
  const stack: unknown[] = [...nodes];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      stack.push(...item);
      continue;
    }
    if (item === null || typeof item !== 'object' || typeof (item as Node).type !== 'string') continue;
    const node = item as Node;
    each(node);
    for (const [field, child] of Object.entries(node)) {
      if (field === 'loc' || field === 'leadingComments' || field === 'trailingComments' || field === 'innerComments' || field === 'extra') continue;
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
}
