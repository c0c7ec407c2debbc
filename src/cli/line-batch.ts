/**
 * Lines for a stream, written in one call per event-loop turn. Function logs come three or four lines per
 * invocation (START, the function's own, END, REPORT), thousands of invocations a second under load; stderr on a
 * file or a terminal is written synchronously, one syscall per write. Batching keeps the order and costs one
 * syscall per turn.
 */
export interface LineBatch {
  add(line: string): void;
  /** Writes what is pending now (before exit). */
  flush(): void;
}

export function createLineBatch(write: (text: string) => void): LineBatch {
  let pending = '';
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    write(text);
  };
  return {
    add(line) {
      pending += `${line}\n`;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
