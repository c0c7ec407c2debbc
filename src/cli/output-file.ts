/**
 * Writes a result file atomically and never over an existing file: the JSON is written to a temporary file in the
 * same folder, then hard-linked to its final name (link fails if the name exists), then the temporary is removed.
 */
import { access, mkdir, link, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { LambdaloadError } from '../errors.js';

export function defaultResultPath(reportsDir: string, scenarioName: string, startedAt: Date): string {
  const slug = scenarioName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'run';
  const stamp = startedAt.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return join(reportsDir, `${slug}-${stamp}.json`);
}

async function linkNew(tmp: string, target: string): Promise<boolean> {
  try {
    await link(tmp, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Writes `text` to `path`. With `explicit` (the user chose the path with --out) an existing file is an error;
 * otherwise a numeric suffix is added until the name is free. Returns the path written.
 */
export async function writeNewFile(path: string, text: string, explicit: boolean): Promise<string> {
  const target = resolve(path);
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, text);
  try {
    if (await linkNew(tmp, target)) return target;
    if (explicit) {
      throw new LambdaloadError('OUTPUT_EXISTS', `${path} already exists; lambdaload never overwrites a result`, {
        hint: 'Choose another --out path, or remove the old file first.',
      });
    }
    for (let i = 1; i < 1000; i++) {
      const candidate = target.replace(/(\.json)?$/, `-${i}$1`);
      if (await linkNew(tmp, candidate)) return candidate;
    }
    throw new LambdaloadError('OUTPUT_EXISTS', `could not find a free file name next to ${path}`);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** Fails before a run starts when the user's --out file exists already, so no run is wasted on a refused write. */
export async function assertOutputFree(path: string): Promise<void> {
  try {
    await access(resolve(path));
  } catch {
    return;
  }
  throw new LambdaloadError('OUTPUT_EXISTS', `${path} already exists; lambdaload never overwrites a result`, {
    hint: 'Choose another --out path, or remove the old file first.',
  });
}
