import type { ChildProcess } from "node:child_process";

/**
 * Every child process fobsync starts (socat, Espruino interpreters, Lua), so
 * that none outlives the CLI: when Node exits, for whatever reason (a command
 * ended, a second Ctrl-C, the 2-second deadline after a signal), each one
 * still running gets its stop signal by its own process id. A terminal's
 * Ctrl-C reaches the whole process group; the interpreter ignores SIGINT and
 * SIGTERM, so it is stopped with SIGKILL.
 */
const live = new Map<ChildProcess, NodeJS.Signals>();
let hooked = false;

/** Keep `child` until it exits; `stopWith` is the signal that stops it (default SIGTERM). */
export function trackChild<C extends ChildProcess>(child: C, stopWith: NodeJS.Signals = "SIGTERM"): C {
  live.set(child, stopWith);
  child.once("exit", () => live.delete(child));
  if (!hooked) {
    hooked = true;
    process.on("exit", stopAllChildren);
  }
  return child;
}

/** Send each live child its stop signal now (synchronous: safe in an exit handler). */
export function stopAllChildren(): void {
  for (const [child, signal] of live) {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}
