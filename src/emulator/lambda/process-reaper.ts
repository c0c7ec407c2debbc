/**
 * Last line of defence against runtime processes outliving lambdaload.
 *
 * Every runtime starts as the leader of its own process group (`detached`), so a terminal's Ctrl-C reaches only
 * lambdaload, which stops them in order through `LambdaService.close()` (the CLI installs the SIGINT / SIGTERM
 * handlers and calls it; the service installs none of its own). If lambdaload exits without that — an uncaught
 * error, `process.exit()` — the 'exit' hook below SIGKILLs every group still alive. If lambdaload is killed outright
 * (SIGKILL), no hook runs: the runtimes then see their Runtime API connection drop, and lambdaload's bootstraps exit
 * on that (when their handler is done). When the killed process is the emulator child of `lambdaload run`, the run's
 * own process also kills the groups it was told of (see `watchProcessGroups`).
 */

const liveGroups = new Set<number>();
let hooked = false;
let groupWatcher: ((pgid: number, live: boolean) => void) | undefined;

/** Remember a runtime process group until it has exited. */
export function trackProcessGroup(pgid: number): void {
  liveGroups.add(pgid);
  if (!hooked) {
    hooked = true;
    process.on('exit', killAllTracked);
  }
  groupWatcher?.(pgid, true);
}

export function untrackProcessGroup(pgid: number): void {
  if (liveGroups.delete(pgid)) groupWatcher?.(pgid, false);
}

/**
 * Tells `watcher` of every group tracked (`live`) and untracked from now on. The emulator child forwards them to
 * lambdaload run: if the child itself is SIGKILLed, none of the hooks here run, and its parent then stops the groups
 * (a runtime busy in a handler would otherwise live until the handler ends, and one stuck in a loop forever).
 */
export function watchProcessGroups(watcher: ((pgid: number, live: boolean) => void) | undefined): void {
  groupWatcher = watcher;
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
