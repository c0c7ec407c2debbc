/**
 * Writes result files so that nothing is lost and nothing is half-written:
 *
 * - the text goes to a temporary file in the same folder (created exclusively, so it clobbers nothing), is fsynced
 *   and closed;
 * - only then is it hard-linked to its final name: link(2) fails if the name exists (a result is never overwritten)
 *   and makes the complete file appear at once (no reader, and no crash, ever sees a half file under the final name);
 * - the temporary is removed, and the folder fsynced so the new name survives a power cut.
 *
 * Any failure on the way (disk full, quota, permissions, an I/O error) removes the temporary and leaves nothing at the
 * final name, and becomes a LambdaloadError that says which file, why, and what to do.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, link, open, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { LambdaloadError } from '../errors.js';

export function defaultResultPath(reportsDir: string, scenarioName: string, startedAt: Date): string {
  const slug = scenarioName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'run';
  const stamp = startedAt.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return join(reportsDir, `${slug}-${stamp}.json`);
}

/** The low-level writes, replaceable so tests can make them fail as a full disk or a crash would. */
export interface WriteIo {
  /** Writes `data` at `position` in the file; resolves with the bytes written (possibly fewer than asked). */
  write(handle: FileHandle, data: Uint8Array, position: number): Promise<number>;
  /** Flushes the file's data to the disk (fsync). */
  sync(handle: FileHandle): Promise<void>;
}

export const nodeWriteIo: WriteIo = {
  write: async (handle, data, position) => (await handle.write(data, 0, data.length, position)).bytesWritten,
  sync: (handle) => handle.sync(),
};

export interface WriteNewFileOptions {
  /** What the file is, for messages. Default `result`. */
  what?: string;
  /** The flag(s) that choose where it goes, for the hint. Default `--out`. */
  flag?: string;
  io?: WriteIo;
}

/**
 * Writes `text` to `path`. With `explicit` (the user chose the path with --out) an existing file is an error;
 * otherwise a numeric suffix is added until the name is free. Returns the path written.
 */
export async function writeNewFile(path: string, text: string, explicit: boolean, options: WriteNewFileOptions = {}): Promise<string> {
  const target = resolve(path);
  const dir = dirname(target);
  const failed = (error: unknown) => writeFailed(error, path, options);
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw failed(error);
  });
  // Hidden and ending in .tmp: never taken for a result by a glob such as reports/*.json.
  const tmp = join(dir, `.${basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let published: string;
  try {
    await writeComplete(tmp, Buffer.from(text, 'utf8'), options.io ?? nodeWriteIo);
    published = await publish(tmp, target, path, explicit);
  } catch (error) {
    throw error instanceof LambdaloadError ? error : failed(error);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  // After the unlink, so the folder's durable state has the result and not the temporary.
  await syncFolder(dir);
  return published;
}

/** Creates `file` (never an existing one), writes all of `data`, fsyncs and closes it; throws on any failure. */
async function writeComplete(file: string, data: Uint8Array, io: WriteIo): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    for (let at = 0; at < data.length; ) {
      const written = await io.write(handle, data.subarray(at), at);
      // No progress and no error would loop forever; a device that takes nothing is as good as full.
      if (written <= 0) throw Object.assign(new Error('no byte could be written'), { code: 'ENOSPC' });
      at += written;
    }
    // Before the name is published: a crash after the link must not find a name whose data never reached the disk.
    await io.sync(handle);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  // Some file systems (NFS) report a failed write only at close: that too must keep the name unpublished.
  await handle.close();
}

/** Links the complete temporary file to its final name (or the next free one); never replaces a file. */
async function publish(tmp: string, target: string, path: string, explicit: boolean): Promise<string> {
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

/** Makes the new name durable. Best effort: some systems (Windows) cannot open a folder to fsync it. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}

/** Why a write failed, in words, by its errno code. */
const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full (ENOSPC)',
  EDQUOT: 'the disk quota is used up (EDQUOT)',
  EFBIG: 'the file is too large for this file system (EFBIG)',
  EACCES: 'permission denied (EACCES)',
  EPERM: 'operation not permitted (EPERM)',
  EROFS: 'the file system is read-only (EROFS)',
  EIO: 'an I/O error (EIO)',
  ENOTDIR: 'a part of the path is a file, not a folder (ENOTDIR)',
  // From mkdir: the final name's folder is a file (link's EEXIST, a taken name, never gets here).
  EEXIST: 'its folder is a file, not a folder (EEXIST)',
};

function writeFailed(error: unknown, path: string, options: WriteNewFileOptions): LambdaloadError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code !== undefined ? REASONS[code] : undefined) ?? (error instanceof Error ? error.message : String(error));
  const flag = options.flag ?? '--out';
  const full = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
  const fix = full ? `Free some space on that disk, or write it elsewhere with ${flag}` : `Choose a place you can write to with ${flag}`;
  return new LambdaloadError('OUTPUT_WRITE_FAILED', `could not write the ${options.what ?? 'result'} ${path}: ${reason}`, {
    hint: `${fix}. Nothing was left at ${path} (no partial file).`,
    cause: error,
  });
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
