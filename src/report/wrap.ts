export const TERMINAL_WIDTH = 80;

/** Wraps a prose line (a note, a warning, a bullet) at word boundaries to fit a terminal, keeping its indent. */
export function wrap(line: string): string[] {
  if ([...line].length <= TERMINAL_WIDTH) return [line];
  const lead = /^\s*(?:[·⚠!-] )?/.exec(line)![0].length;
  const pad = ' '.repeat(lead);
  const lines: string[] = [];
  let current = '';
  for (const word of line.slice(lead).split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && [...candidate].length + lead > TERMINAL_WIDTH) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  lines.push(current);
  return lines.map((l, i) => (i === 0 ? line.slice(0, lead) : pad) + l);
}
