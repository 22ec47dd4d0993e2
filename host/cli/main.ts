/**
 * Entry of the bundled CLI (`dist/cli/fobsync.mjs`, started by bin/fobsync.js).
 * Connects the program to the real process: streams, environment, Ctrl-C.
 */
import { runCli } from "./program";

const interrupt = new AbortController();
let interrupts = 0;
// Ctrl-C, `kill` and a closed terminal take the same path: the first one aborts
// cleanly (the board releases every switch, `sim` stops its socat); a second one
// while that is still going on gives up immediately.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(7);
    interrupt.abort();
  });
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
