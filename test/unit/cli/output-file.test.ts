/**
 * Result files: written whole or not at all, never over an existing file. The low-level writes are injected to fail
 * as a full disk (the real ENOSPC of /dev/full where the OS has it) or a crash mid-write would; nothing may then be
 * left at the final path, and the temporary file must be gone.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeWriteIo, writeNewFile, type WriteIo } from '../../../src/cli/output-file.js';
import { isLambdaloadError, type LambdaloadError } from '../../../src/errors.js';

const TEXT = `${JSON.stringify({ status: 'completed', filler: 'x'.repeat(10_000) }, null, 2)}\n`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-output-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<LambdaloadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isLambdaloadError(error), `expected a LambdaloadError, got ${String(error)}`).toBe(true);
  return error as LambdaloadError;
}

/** Files in the test folder, hidden ones (the temporary) included. */
const filesIn = (folder: string) => readdir(folder);

describe('writeNewFile', () => {
  it('writes the whole text at the path and leaves no temporary file', async () => {
    const file = path.join(dir, 'reports', 'run.json');
    expect(await writeNewFile(file, TEXT, true)).toBe(file);
    expect(await readFile(file, 'utf8')).toBe(TEXT);
    expect(await filesIn(path.join(dir, 'reports'))).toEqual(['run.json']);
  });

  it('never overwrites: a chosen path that exists is an error and the old file is untouched', async () => {
    const file = path.join(dir, 'run.json');
    await writeFile(file, 'old');
    const error = await failure(writeNewFile(file, TEXT, true));
    expect(error.code).toBe('OUTPUT_EXISTS');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await filesIn(dir)).toEqual(['run.json']);
  });

  it('never overwrites: a default path that exists gets a numeric suffix', async () => {
    const file = path.join(dir, 'run.json');
    await writeFile(file, 'old');
    expect(await writeNewFile(file, TEXT, false)).toBe(path.join(dir, 'run-1.json'));
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readFile(path.join(dir, 'run-1.json'), 'utf8')).toBe(TEXT);
  });

  it('completes short writes, and fsyncs before the name appears', async () => {
    const file = path.join(dir, 'run.json');
    const seenAtSync: boolean[] = [];
    const io: WriteIo = {
      // At most 1,000 bytes a call: the rest must follow at the right offsets.
      write: (handle, data, position) => nodeWriteIo.write(handle, data.subarray(0, 1_000), position),
      sync: async (handle) => {
        seenAtSync.push(existsSync(file));
        await nodeWriteIo.sync(handle);
      },
    };
    await writeNewFile(file, TEXT, true, { io });
    expect(await readFile(file, 'utf8')).toBe(TEXT);
    expect(seenAtSync).toEqual([false]);
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk (the real ENOSPC of /dev/full): a clear error, exit 2, no file, no temporary', async () => {
    const file = path.join(dir, 'run.json');
    const full = await open('/dev/full', 'w');
    try {
      // The bytes go to /dev/full instead of the temporary file: the kernel answers ENOSPC as a full disk does.
      const io: WriteIo = { ...nodeWriteIo, write: async (_handle, data) => (await full.write(data, 0, data.length, null)).bytesWritten };
      const error = await failure(writeNewFile(file, TEXT, true, { io, what: 'result', flag: '--out' }));
      expect(error.code).toBe('OUTPUT_WRITE_FAILED');
      expect(error.exitCode).toBe(2);
      expect(error.message).toBe(`could not write the result ${file}: the disk is full (ENOSPC)`);
      expect(error.hint).toBe(`Free some space on that disk, or write it elsewhere with --out. Nothing was left at ${file} (no partial file).`);
      expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOSPC');
      expect((error.cause as NodeJS.ErrnoException).syscall).toBe('write');
    } finally {
      await full.close();
    }
    expect(existsSync(file)).toBe(false);
    expect(await filesIn(dir)).toEqual([]);
  });

  it('a write that fails part-way (a crash mid-write): the partial bytes were never at the final path, and are gone', async () => {
    const file = path.join(dir, 'run.json');
    let calls = 0;
    let partial: { finalExists: boolean; temporaries: string[] } | undefined;
    const io: WriteIo = {
      ...nodeWriteIo,
      write: async (handle: FileHandle, data, position) => {
        calls++;
        if (calls === 1) return nodeWriteIo.write(handle, data.subarray(0, 4_096), position);
        // Half the file is on disk: only in the temporary, never under the final name.
        partial = { finalExists: existsSync(file), temporaries: await filesIn(dir) };
        throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO', syscall: 'write' });
      },
    };
    const error = await failure(writeNewFile(file, TEXT, true, { io, what: 'Markdown report', flag: '--markdown' }));
    expect(partial?.finalExists).toBe(false);
    expect(partial?.temporaries).toHaveLength(1);
    expect(partial?.temporaries[0]).toMatch(/^\.run\.json\.\d+-[0-9a-f]+\.tmp$/);
    expect(error.code).toBe('OUTPUT_WRITE_FAILED');
    expect(error.message).toBe(`could not write the Markdown report ${file}: an I/O error (EIO)`);
    expect(error.hint).toBe(`Choose a place you can write to with --markdown. Nothing was left at ${file} (no partial file).`);
    expect(existsSync(file)).toBe(false);
    expect(await filesIn(dir)).toEqual([]);
  });

  it('an fsync that fails (data not on disk): nothing published', async () => {
    const file = path.join(dir, 'run.json');
    const io: WriteIo = {
      ...nodeWriteIo,
      sync: () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, fsync'), { code: 'ENOSPC' })),
    };
    const error = await failure(writeNewFile(file, TEXT, false, { io }));
    expect(error.code).toBe('OUTPUT_WRITE_FAILED');
    expect(error.message).toContain('the disk is full (ENOSPC)');
    expect(await filesIn(dir)).toEqual([]);
  });

  it('a device that takes no byte is full, not an endless loop', async () => {
    const file = path.join(dir, 'run.json');
    const io: WriteIo = { ...nodeWriteIo, write: () => Promise.resolve(0) };
    const error = await failure(writeNewFile(file, TEXT, true, { io }));
    expect(error.message).toContain('the disk is full (ENOSPC)');
    expect(await filesIn(dir)).toEqual([]);
  });

  it('a folder that cannot be made (a file in its place): a clear error', async () => {
    await writeFile(path.join(dir, 'reports'), 'not a folder');
    const error = await failure(writeNewFile(path.join(dir, 'reports', 'run.json'), TEXT, false, { flag: '--out (or --reports-dir)' }));
    expect(error.code).toBe('OUTPUT_WRITE_FAILED');
    expect(error.message).toMatch(/^could not write the result .*run\.json: its folder is a file, not a folder \(EEXIST\)$/);
    expect(error.hint).toContain('--out (or --reports-dir)');
  });
});
