/**
 * Entry of the bundled CLI (`dist/cli/fobsync.mjs`, started by bin/fobsync.js).
 * Connects the program to the real process: streams, environment, signals.
 */
import { stopAllChildren } from "../common/child-processes";
import { runCli } from "./program";

/** After the first signal, a command has this long to end on its own (issue: within 2 s). */
const SIGNAL_DEADLINE_MS = 1500;
/** After the command ended, how long Node may take to close what it still holds before it is ended. */
const EXIT_GRACE_MS = 1000;
const EXIT_ABORTED = 7;

const interrupt = new AbortController();
let interrupts = 0;
// Ctrl-C, `kill` and a closed terminal take the same path: the first one aborts
// cleanly (the board releases every switch, `sim` stops its socat) and arms a
// deadline; a second one, or the deadline, ends the process at once. Children
// are stopped by their own process ids when Node exits (common/child-processes.ts).
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    interrupts += 1;
    if (process.env.FOBSYNC_DEBUG) process.stderr.write(`fobsync: ${signal} received (${interrupts})\n`);
    if (interrupts > 1) endNow(`fobsync: ${signal} again: stopped`);
    interrupt.abort();
    setTimeout(() => endNow(`fobsync: interrupted (${signal}); stopped after ${SIGNAL_DEADLINE_MS / 1000} s`), SIGNAL_DEADLINE_MS).unref();
  });
}

// bin/fobsync.js's handlers for the time the CLI was loading go only now that ours are in
// place: with no listener at all Node would drop a signal that is still pending.
const whileLoading = (globalThis as { fobsyncWhileLoading?: () => void }).fobsyncWhileLoading;
if (whileLoading) for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.removeListener(signal, whileLoading);

/** Stop every child and exit 7 now, with one line on stderr. */
function endNow(line: string): never {
  stopAllChildren();
  try {
    process.stderr.write(line + "\n");
  } catch {
    // stderr gone: exit anyway
  }
  process.exit(EXIT_ABORTED);
}

// Output piped into a program that stopped reading (`fobsync ... | head`): stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  signal: interrupt.signal,
});
process.exitCode = code;
// The command has ended: whatever still holds the event loop (a child that will
// not stop, a handle left open) does not keep the CLI running.
setTimeout(() => {
  stopAllChildren();
  process.exit(code);
}, EXIT_GRACE_MS).unref();
