/**
 * Compares the shape of two JSON values: same keys at every level, same JSON types (null is its own type).
 * Returns the differences as `path: problem` lines, so a failing test says exactly which field differs.
 * `skip` lists paths to leave out (fields the fixture has for reasons the emulator does not reproduce, such as
 * authorizers, mTLS certificates or an edge-optimised CloudFront hop).
 */
export function shapeDiff(ours: unknown, theirs: unknown, skip: readonly string[] = [], at = ''): string[] {
  if (skip.includes(at)) return [];
  const ta = jsonType(ours);
  const tb = jsonType(theirs);
  if (ta !== tb) return [`${at || '(root)'}: type ${ta}, fixture has ${tb}`];
  if (ta !== 'object') return [];
  const a = ours as Record<string, unknown>;
  const b = theirs as Record<string, unknown>;
  const out: string[] = [];
  for (const key of Object.keys(b)) {
    const path = at ? `${at}.${key}` : key;
    if (skip.includes(path)) continue;
    if (!(key in a)) out.push(`${path}: missing (fixture has it)`);
    else out.push(...shapeDiff(a[key], b[key], skip, path));
  }
  for (const key of Object.keys(a)) {
    const path = at ? `${at}.${key}` : key;
    if (!skip.includes(path) && !(key in b)) out.push(`${path}: extra (fixture does not have it)`);
  }
  return out;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
