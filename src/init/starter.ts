/**
 * `lambdaload init`: copies the starter project in `templates/init/` (a scenario, a Node.js and a Python function,
 * package.json, tsconfig.json, README.md) into a folder. Never overwrites: when any of its files exists, nothing is
 * written and every clash is listed.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LambdaloadError } from '../errors.js';

/** This package's root: `src/init/` and `dist/init/` are both two levels below it. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STARTER_TEMPLATE_DIR = path.join(PACKAGE_ROOT, 'templates', 'init');

export interface WriteStarterOptions {
  /** The lambdaload version the starter's package.json asks for. Default: this package's. */
  lambdaloadVersion?: string;
}

export interface WrittenStarter {
  /** Absolute folder. */
  dir: string;
  /** The files written, relative to `dir`, `/`-separated, sorted. */
  files: string[];
}

/**
 * Writes the starter into `dir` (created if missing). Throws `OUTPUT_EXISTS` (listing the files) when any starter
 * file is already there, before writing anything.
 */
export async function writeStarter(dir: string, options: WriteStarterOptions = {}): Promise<WrittenStarter> {
  const absolute = path.resolve(dir);
  const files = await listFiles(STARTER_TEMPLATE_DIR);
  const existing: string[] = [];
  for (const file of files) {
    if (await stat(path.join(absolute, file)).then(() => true, () => false)) existing.push(file);
  }
  if (existing.length > 0) {
    throw new LambdaloadError('OUTPUT_EXISTS', `${absolute}: ${existing.length} of the starter's files already exist; lambdaload init never overwrites`, {
      problems: existing,
      hint: 'Run it in an empty or new folder (lambdaload init my-load-test), or move those files away.',
    });
  }
  const values = { name: packageName(absolute), lambdaloadVersion: options.lambdaloadVersion ?? (await readOwnVersion()) };
  for (const file of files) {
    const text = await readFile(path.join(STARTER_TEMPLATE_DIR, file), 'utf8');
    const target = path.join(absolute, file);
    await mkdir(path.dirname(target), { recursive: true });
    // `wx`: a file that appeared since the check above is still not overwritten.
    await writeFile(target, fill(text, values), { flag: 'wx' });
  }
  return { dir: absolute, files };
}

/** `{{key}}` placeholders of the templates. */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/** An npm package name from the folder's name (lower case, URL-safe), e.g. `My Tests` → `my-tests`. */
export function packageName(dir: string): string {
  const name = path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name === '' ? 'load-test' : name.slice(0, 214);
}

async function listFiles(root: string, sub = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(root, sub), { withFileTypes: true })) {
    const relative = sub === '' ? entry.name : `${sub}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(root, relative)));
    else out.push(relative);
  }
  return out.sort();
}

async function readOwnVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
