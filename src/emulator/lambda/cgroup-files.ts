/** Reading, writing and removing control-group files, tolerant of what some kernels lack. */
import { readFileSync, rmdirSync, writeFileSync } from 'node:fs';

export function tryRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function tryWrite(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch {
    // Optional knobs (swap accounting, peak reset) are missing on some kernels.
  }
}

/** Tries for up to RMDIR_PATIENCE_MS: a group is busy (EBUSY) until the kernel has finished with its exited tasks. */
const RMDIR_PATIENCE_MS = 2_000;

export async function rmdirSoon(dir: string): Promise<void> {
  const until = Date.now() + RMDIR_PATIENCE_MS;
  for (;;) {
    try {
      rmdirSync(dir);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code !== 'EBUSY' || Date.now() > until) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function tryRmdir(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Still has a process that has not been reaped yet, or already gone.
  }
}
