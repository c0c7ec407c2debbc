/**
 * Finds the line of each key path in a scenario's source text, so a problem can say `hello.ts:14`.
 *
 * A light scan, not a TypeScript parser: it tokenises the text (strings, templates, comments and regex literals are
 * skipped whole), finds the object literal passed to the one `defineScenario(...)` call (else `export default {`),
 * and walks its nested object and array literals, recording where each property name or array element starts.
 * Anything it cannot follow (variables, spreads, function calls, computed keys) is simply not recorded: a missing
 * line is acceptable, a wrong one is not. When the text confuses the scan, the whole map is dropped.
 */
import { joinPath, pathAndAncestors } from './key-path.js';

interface Token {
  kind: 'punct' | 'ident' | 'string' | 'number' | 'template' | 'regex';
  value: string;
  /** 1-based line of the token's first character. */
  line: number;
}

/** Key path → 1-based line, for every property and array element of the scenario literal that the scan could follow. */
export type KeyLines = ReadonlyMap<string, number>;

/** Thrown inside the scan when the text does not look like what it expects; the result is then empty. */
class ScanConfused extends Error {}

/** Maps key paths (`phases[1].rampTo`) to their lines in `source`. Empty when the scenario literal cannot be found. */
export function mapKeyLines(source: string): KeyLines {
  try {
    const tokens = tokenize(source);
    const root = findScenarioLiteral(tokens);
    const lines = new Map<string, number>();
    if (root === undefined) return lines;
    new Walker(tokens, lines).object(root, '');
    return lines;
  } catch (error) {
    if (error instanceof ScanConfused) return new Map();
    throw error;
  }
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

function findScenarioLiteral(tokens: Token[]): number | undefined {
  const calls: number[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].kind === 'ident' && tokens[i].value === 'defineScenario' && isPunct(tokens[i + 1], '(')) {
      // Two calls in one file: which one is exported is not knowable here, so no lines at all.
      calls.push(i);
    }
  }
  if (calls.length > 1) return undefined;
  if (calls.length === 1) return isPunct(tokens[calls[0] + 2], '{') ? calls[0] + 2 : undefined;
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].value === 'export' && tokens[i + 1].value === 'default' && isPunct(tokens[i + 2], '{')) return i + 2;
  }
  return undefined;
}

class Walker {
  constructor(
    private readonly tokens: Token[],
    private readonly lines: Map<string, number>,
  ) {}

  /** Walks one value starting at `i`; returns the index of the `,` or closing bracket that ends it. */
  value(i: number, path: string | undefined): number {
    const token = this.at(i);
    let next = i;
    if (isPunct(token, '{')) next = this.object(i, path);
    else if (isPunct(token, '[')) next = this.array(i, path);
    // Whatever follows (`as const`, `satisfies X`, a ternary, ...) is skipped without recording anything.
    return this.skipExpression(next);
  }

  /** Walks the object literal opening at `open`; returns the index after its `}`. */
  object(open: number, path: string | undefined): number {
    let i = open + 1;
    for (;;) {
      const token = this.at(i);
      if (isPunct(token, '}')) return i + 1;
      if (isPunct(token, '...')) {
        i = this.skipExpression(i + 1);
      } else if ((token.kind === 'ident' || token.kind === 'string' || token.kind === 'number') && isPunct(this.at(i + 1), ':')) {
        const keyPath = path === undefined ? undefined : joinPath(path, keyName(token));
        if (keyPath !== undefined) this.record(keyPath, token.line);
        i = this.value(i + 2, keyPath);
      } else if (token.kind === 'ident' && (isPunct(this.at(i + 1), ',') || isPunct(this.at(i + 1), '}'))) {
        if (path !== undefined) this.record(joinPath(path, token.value), token.line);
        i += 1;
      } else {
        // Methods, getters, computed keys: skipped.
        i = this.skipExpression(i);
      }
      const after = this.at(i);
      if (isPunct(after, ',')) i += 1;
      else if (!isPunct(after, '}')) throw new ScanConfused();
    }
  }

  private array(open: number, path: string | undefined): number {
    let i = open + 1;
    let index = 0;
    // After a spread the indexes of later elements are unknown.
    let indexesKnown = path !== undefined;
    for (;;) {
      const token = this.at(i);
      if (isPunct(token, ']')) return i + 1;
      if (isPunct(token, ',')) {
        index += 1;
        i += 1;
        continue;
      }
      if (isPunct(token, '...')) {
        indexesKnown = false;
        i = this.skipExpression(i + 1);
      } else {
        const elementPath = indexesKnown ? joinPath(path as string, index) : undefined;
        if (elementPath !== undefined) this.record(elementPath, token.line);
        i = this.value(i, elementPath);
      }
      index += 1;
      const after = this.at(i);
      if (isPunct(after, ',')) i += 1;
      else if (!isPunct(after, ']')) throw new ScanConfused();
    }
  }

  /** Skips to the `,` or unmatched closing bracket that ends the expression at `i`. */
  private skipExpression(i: number): number {
    let depth = 0;
    for (; i < this.tokens.length; i++) {
      const token = this.tokens[i];
      if (token.kind !== 'punct') continue;
      if (token.value === '(' || token.value === '[' || token.value === '{') depth += 1;
      else if (token.value === ')' || token.value === ']' || token.value === '}') {
        if (depth === 0) return i;
        depth -= 1;
      } else if (token.value === ',' && depth === 0) return i;
    }
    throw new ScanConfused();
  }

  /** A key written twice: the last one wins in JavaScript, so what was recorded under the first is dropped. */
  private record(path: string, line: number): void {
    for (const key of this.lines.keys()) {
      if (key === path || key.startsWith(`${path}.`) || key.startsWith(`${path}[`)) this.lines.delete(key);
    }
    this.lines.set(path, line);
  }

  private at(i: number): Token {
    const token = this.tokens[i];
    if (token === undefined) throw new ScanConfused();
    return token;
  }
}

function isPunct(token: Token | undefined, value: string): boolean {
  return token !== undefined && token.kind === 'punct' && token.value === value;
}

function keyName(token: Token): string {
  if (token.kind !== 'string') return token.value;
  // Keys in scenario files are plain; escapes other than quotes are rare enough to give up on.
  const body = token.value.slice(1, -1);
  if (body.includes('\\')) throw new ScanConfused();
  return body;
}

/** Tokens that can come right before a regex literal (otherwise `/` is division). */
const BEFORE_REGEX = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '=>']);
const REGEX_KEYWORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const n = source.length;
  const countLines = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (source.charCodeAt(k) === 10) line += 1;
  };
  while (i < n) {
    const c = source[i];
    if (c === '\n') {
      line += 1;
      i += 1;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') {
      i += 1;
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n') i += 1;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new ScanConfused();
      countLines(i, end);
      i = end + 2;
    } else if (c === '"' || c === "'") {
      const end = skipQuoted(source, i);
      tokens.push({ kind: 'string', value: source.slice(i, end), line });
      countLines(i, end);
      i = end;
    } else if (c === '`') {
      const end = skipTemplate(source, i);
      tokens.push({ kind: 'template', value: '`', line });
      countLines(i, end);
      i = end;
    } else if (/[A-Za-z_$]/.test(c)) {
      let end = i + 1;
      while (end < n && /[\w$]/.test(source[end])) end += 1;
      tokens.push({ kind: 'ident', value: source.slice(i, end), line });
      i = end;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      let end = i + 1;
      while (end < n && /[\w.]/.test(source[end])) end += 1;
      tokens.push({ kind: 'number', value: String(Number(source.slice(i, end).replace(/_/g, ''))), line });
      i = end;
    } else if (c === '/' && startsRegex(tokens[tokens.length - 1])) {
      const end = skipRegex(source, i);
      tokens.push({ kind: 'regex', value: '/', line });
      i = end;
    } else if (source.startsWith('...', i)) {
      tokens.push({ kind: 'punct', value: '...', line });
      i += 3;
    } else if (source.startsWith('=>', i)) {
      tokens.push({ kind: 'punct', value: '=>', line });
      i += 2;
    } else {
      tokens.push({ kind: 'punct', value: c, line });
      i += 1;
    }
  }
  return tokens;
}

function startsRegex(previous: Token | undefined): boolean {
  if (previous === undefined) return true;
  if (previous.kind === 'punct') return BEFORE_REGEX.has(previous.value);
  return previous.kind === 'ident' && REGEX_KEYWORDS.has(previous.value);
}

/** Index just after the closing quote of the string starting at `start`. */
function skipQuoted(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i += 1;
    else if (c === quote) return i + 1;
    else if (c === '\n') throw new ScanConfused();
  }
  throw new ScanConfused();
}

/** Index just after the closing backtick of the template starting at `start`, `${...}` parts included. */
function skipTemplate(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i += 1;
    else if (c === '`') return i + 1;
    else if (c === '$' && source[i + 1] === '{') i = skipCodeBlock(source, i + 2) - 1;
  }
  throw new ScanConfused();
}

/** Index just after the `}` closing a `${` block whose body starts at `start`. */
function skipCodeBlock(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'") i = skipQuoted(source, i) - 1;
    else if (c === '`') i = skipTemplate(source, i) - 1;
    else if (c === '{') depth += 1;
    else if (c === '}') {
      if (depth === 0) return i + 1;
      depth -= 1;
    }
  }
  throw new ScanConfused();
}

/** Index just after the flags of the regex literal starting at `start`. */
function skipRegex(source: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i += 1;
    else if (c === '\n') throw new ScanConfused();
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      let end = i + 1;
      while (end < source.length && /[a-z]/i.test(source[end])) end += 1;
      return end;
    }
  }
  throw new ScanConfused();
}
