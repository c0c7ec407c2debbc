/** Where the bench's files are. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BENCH_DIR = path.join(ROOT, 'bench');
/** Raw results (latest.json) and server logs; ignored by git (bench/results/.gitignore). */
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');
export const LOG_DIR = path.join(RESULTS_DIR, 'logs');
export const PEERS_DIR = path.join(BENCH_DIR, 'peers');
export const LAMBDALOAD_BIN = path.join(ROOT, 'bin', 'lambdaload.js');
