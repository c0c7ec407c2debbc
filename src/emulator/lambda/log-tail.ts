/**
 * The log lines of one invocation (START … REPORT and the function's own output), kept so that the Invoke API can
 * return "the last 4 KB of the execution log" for `LogType: Tail` (aws-facts §4.3, API_Invoke). Only a little more
 * than the tail is kept, so a chatty function does not grow memory.
 */

/** `X-Amz-Log-Result` carries the last 4 KB (aws-facts §4.3). */
export const LOG_TAIL_BYTES = 4096;

export interface LogTail {
  add(line: string): void;
  /** The last 4 KB of the lines, newline-terminated, cut at a character boundary. */
  text(): string;
}

export function createLogTail(): LogTail {
  const lines: string[] = [];
  let bytes = 0;
  return {
    add(line) {
      lines.push(line);
      bytes += Buffer.byteLength(line) + 1;
      while (lines.length > 1 && bytes - Buffer.byteLength(lines[0]) - 1 >= LOG_TAIL_BYTES) bytes -= Buffer.byteLength(lines.shift() as string) + 1;
    },
    text() {
      return lastBytes(lines.length === 0 ? '' : lines.join('\n') + '\n', LOG_TAIL_BYTES);
    },
  };
}

/** The last `limit` bytes of `text` in UTF-8, starting at a character boundary. */
export function lastBytes(text: string, limit: number): string {
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length <= limit) return text;
  let start = buffer.length - limit;
  // Skip UTF-8 continuation bytes (10xxxxxx) so the tail starts on a whole character.
  while (start < buffer.length && (buffer[start] & 0xc0) === 0x80) start++;
  return buffer.subarray(start).toString('utf8');
}
