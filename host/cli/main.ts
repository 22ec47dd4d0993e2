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
/** Set when what ended the command was its output going away (a closed pipe or terminal). */
let outputLost = false;

/**
 * Ctrl-C, `kill`, a closed terminal and a closed output take the same path:
 * the first one aborts cleanly (the board releases every switch, `sim` stops
 * its socat) and arms a deadline; a second one, or the deadline, ends the
 * process at once. Children are stopped by their own process ids when Node
 * exits (common/child-processes.ts).
 */
function stopCommand(what: string): void {
  interrupts += 1;
  if (process.env.FOBSYNC_DEBUG) writeError(`fobsync: ${what} (${interrupts})`);
  if (interrupts > 1) endNow(`fobsync: ${what} again: stopped`);
  interrupt.abort();
  setTimeout(() => endNow(`fobsync: interrupted (${what}); stopped after ${SIGNAL_DEADLINE_MS / 1000} s`), SIGNAL_DEADLINE_MS).unref();
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stopCommand(`${signal} received`));

// bin/fobsync.js's handlers for the time the CLI was loading go only now that ours are in
// place: with no listener at all Node would drop a signal that is still pending.
const whileLoading = (globalThis as { fobsyncWhileLoading?: () => void }).fobsyncWhileLoading;
if (whileLoading) for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.removeListener(signal, whileLoading);

/** Stop every child and exit 7 now, with one line on stderr. */
function endNow(line: string): never {
  stopAllChildren();
  writeError(line);
  process.exit(EXIT_ABORTED);
}

/** One line on stderr, when there still is one. */
function writeError(line: string): void {
  if (process.stderr.destroyed || !process.stderr.writable) return;
  try {
    process.stderr.write(line + "\n");
  } catch {
    // stderr gone
  }
}

// Output that went away (piped into a program that stopped reading, a closed terminal): nobody
// watches any more, so the command stops as on Ctrl-C: a running session is aborted (every relay
// released) and the exit is 7, never 0 with a board still busy.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (outputLost) return; // later writes to the closed stream fail too (EPIPE, ERR_STREAM_DESTROYED)
    if (err.code !== "EPIPE" && err.code !== "EIO") throw err;
    outputLost = true;
    stopCommand(`${stream === process.stdout ? "standard output" : "standard error"} closed`);
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
process.exitCode = outputLost ? EXIT_ABORTED : code;
if (outputLost) writeError("fobsync: the output was closed, so nobody is watching: stopped (a session that ran was aborted, every relay released)");
// The command has ended: whatever still holds the event loop (a child that will
// not stop, a handle left open) does not keep the CLI running.
setTimeout(() => {
  stopAllChildren();
  process.exit(process.exitCode);
}, EXIT_GRACE_MS).unref();
