/**
 * Memory of a runtime process, measured by the kernel (Linux `/proc/<pid>/status`): `VmRSS` (resident now) and
 * `VmHWM` (the resident high-water mark over the process's life). Lambda's "Max Memory Used" is the environment's
 * peak, so it never goes down between invocations of one environment; VmHWM has that meaning for one process.
 * A custom runtime (`provided`) may start helper processes: its environment's memory is the sum over its process
 * group (each runtime is started as a group leader), VmHWM summed as an upper bound of the group's peak.
 * Returns `undefined` where /proc is missing (not Linux) or the process is gone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { openKernelFile } from './kernel-file.js';

export interface MemorySample {
  rssKb: number;
  hwmKb: number;
}

/** Reads one process's memory again and again (kernel-file.ts). */
export interface MemoryReader {
  read(): MemorySample | undefined;
  close(): void;
}

const STATUS_BUFFER = Buffer.alloc(8192);

export function openProcessMemory(pid: number): MemoryReader {
  const file = openKernelFile(`/proc/${pid}/status`, STATUS_BUFFER);
  return {
    read() {
      const text = file.read();
      return text === undefined ? undefined : parseStatus(text);
    },
    close: () => file.close(),
  };
}

/** Every process of the group, scanned on each read (custom runtimes may start and stop helpers at any time). */
export function openGroupMemory(pgid: number): MemoryReader {
  return { read: () => readGroupMemory(pgid), close: () => undefined };
}

/** One process. */
export function readProcessMemory(pid: number): MemorySample | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'latin1');
  } catch {
    return undefined;
  }
  return parseStatus(text);
}

function parseStatus(text: string): MemorySample | undefined {
  // A zombie (exited, not yet reaped) has no Vm* lines left.
  if (!text.includes('VmHWM:')) return undefined;
  return { rssKb: field(text, 'VmRSS:'), hwmKb: field(text, 'VmHWM:') };
}

/** Every process of a process group (the runtime and whatever it started), summed. */
export function readGroupMemory(pgid: number): MemorySample | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  let found = false;
  const total: MemorySample = { rssKb: 0, hwmKb: 0 };
  for (const entry of entries) {
    const code = entry.charCodeAt(0);
    if (code < 48 || code > 57) continue;
    if (groupOf(entry) !== pgid) continue;
    const sample = readProcessMemory(Number(entry));
    if (!sample) continue;
    found = true;
    total.rssKb += sample.rssKb;
    total.hwmKb += sample.hwmKb;
  }
  return found ? total : undefined;
}

/**
 * kB (KiB) → MB as REPORT prints it: Lambda's MB are MiB (aws-facts §3.1). ⚠ How AWS rounds is not documented;
 * rounding up keeps "Max Memory Used" from ever understating the peak.
 */
export function kbToReportMb(kb: number): number {
  return Math.ceil(kb / 1024);
}

function groupOf(pid: string): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // `pid (comm) state ppid pgrp …`: comm may hold spaces and parentheses, so read after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(rest[2]);
}

function field(text: string, name: string): number {
  const at = text.indexOf(name);
  if (at < 0) return 0;
  return Number.parseInt(text.slice(at + name.length).trimStart(), 10) || 0;
}
