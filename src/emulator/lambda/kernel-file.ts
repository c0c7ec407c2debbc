/**
 * A kernel file read again and again (`/proc/<pid>/schedstat`, `/proc/<pid>/status`, a control group's memory peak):
 * one descriptor kept open and read from offset 0, which gives the current value each time, at a third of the cost
 * of a path lookup, open and close per read. Reads happen on every invocation in the gateway's process.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface KernelFile {
  /** The file's text now, or `undefined` when it cannot be read (missing, the process gone). */
  read(): string | undefined;
  close(): void;
}

/** `path` opened now (`undefined` reads when it cannot be); `buffer` bounds what a read returns. */
export function openKernelFile(path: string, buffer: Buffer): KernelFile {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
  } catch {
    fd = undefined;
  }
  return {
    read() {
      if (fd === undefined) return undefined;
      try {
        return buffer.toString('latin1', 0, readSync(fd, buffer, 0, buffer.length, 0));
      } catch {
        return undefined;
      }
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
