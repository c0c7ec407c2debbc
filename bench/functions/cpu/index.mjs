// A CPU-bound handler for the memory sweep: PBKDF2-SHA256 with `iterations` rounds, one native call on the main
// thread (no allocation to speak of, so the garbage collector's threads do not share the work).
import { pbkdf2Sync } from 'node:crypto';

export const handler = async (event) => {
  const iterations = Number(event.iterations ?? 10_000);
  const key = pbkdf2Sync('lambdaload', 'memory-sweep', iterations, 32, 'sha256');
  return { iterations, key: key.toString('hex').slice(0, 16) };
};

// Allocates `mb` in 8 MB steps and holds it: past the memory size, Lambda ends the invocation (Runtime.OutOfMemory).
export const allocate = async (event) => {
  const blocks = [];
  for (let i = 0; i < Math.ceil(Number(event.mb ?? 0) / 8); i++) blocks.push(Buffer.alloc(8 * 1024 * 1024, 1));
  return { allocatedMb: blocks.length * 8 };
};
