/**
 * Writes a result file atomically and never over an existing file: the JSON is written to a temporary file in the
 * same folder, then hard-linked to its final name (link fails if the name exists), then the temporary is removed.
 */
import { constants } from 'node:fs';
import { access, mkdir, link, stat, unlink, writeFile } from 'node:fs/promises';
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

/**
 * Fails before a run starts when the user's --out file exists already, or cannot be written (a file where a folder
 * should be, a folder that cannot be written), so no run is wasted on a refused write. Missing folders are fine:
 * `writeNewFile` creates them.
 */
export async function assertOutputFree(path: string): Promise<void> {
  try {
    await access(resolve(path));
  } catch {
    await assertCanCreate(path);
    return;
  }
  throw new LambdaloadError('OUTPUT_EXISTS', `${path} already exists; lambdaload never overwrites a result`, {
    hint: 'Choose another --out path, or remove the old file first.',
  });
}

/** The nearest folder of `path` that exists must be a folder lambdaload may write in. */
async function assertCanCreate(path: string): Promise<void> {
  let dir = dirname(resolve(path));
  for (;;) {
    const stats = await stat(dir).catch(() => undefined);
    if (stats !== undefined) {
      if (!stats.isDirectory()) {
        throw new LambdaloadError('USAGE', `--out ${path}: ${dir} is a file, not a folder`, { hint: 'Choose an --out path inside a folder (missing folders are created).' });
      }
      const writable = await access(dir, constants.W_OK).then(() => true, () => false);
      if (!writable) throw new LambdaloadError('USAGE', `--out ${path}: cannot write in ${dir}`, { hint: 'Choose an --out path in a folder you can write to.' });
      return;
    }
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}
