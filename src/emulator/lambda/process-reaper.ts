/**
 * Last line of defence against runtime processes outliving lambdaload.
 *
 * Every runtime starts as the leader of its own process group (`detached`), so a terminal's Ctrl-C reaches only
 * lambdaload, which stops them in order through `LambdaService.close()` (the CLI installs the SIGINT / SIGTERM
 * handlers and calls it; the service installs none of its own). If lambdaload exits without that — an uncaught
 * error, `process.exit()` — the 'exit' hook below SIGKILLs every group still alive. If lambdaload is killed outright
 * (SIGKILL), no hook runs: the runtimes then see their Runtime API connection drop, and lambdaload's bootstraps exit
 * on that.
 */

const liveGroups = new Set<number>();
let hooked = false;

/** Remember a runtime process group until it has exited. */
export function trackProcessGroup(pgid: number): void {
  liveGroups.add(pgid);
  if (!hooked) {
    hooked = true;
    process.on('exit', killAllTracked);
  }
}

export function untrackProcessGroup(pgid: number): void {
  liveGroups.delete(pgid);
}

/** SIGKILL a whole process group (the runtime and whatever it started). */
export function killProcessGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function killAllTracked(): void {
  for (const pgid of liveGroups) killProcessGroup(pgid);
  liveGroups.clear();
}
