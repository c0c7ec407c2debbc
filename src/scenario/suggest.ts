/**
 * "Did you mean ...?" for mistyped keys and enum values: the closest candidate by edit distance, compared without
 * case (so `rampto` finds `rampTo`), and only when it is close enough to be a plausible typo; else a candidate that
 * the input starts, or that starts the input.
 */

/** The candidate closest to `input`, or `undefined` when none is a plausible typo of it. */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  // A typo changes at most about a third of a word; short words get one edit.
  const allowed = Math.max(1, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (bestDistance <= allowed) return best;
  // A unit left off or added (`memory` for `memoryMb`, `timeoutMs` for `timeout`).
  return candidates.find((candidate) => {
    const lower = candidate.toLowerCase();
    return Math.min(lower.length, needle.length) >= 3 && (lower.startsWith(needle) || needle.startsWith(lower));
  });
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1 each. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
