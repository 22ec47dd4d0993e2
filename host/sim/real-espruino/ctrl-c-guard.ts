/**
 * Ctrl-C as a board takes it, on the Linux build of the interpreter. On a
 * board, Ctrl-C interrupts what runs and clears the input line, nothing more.
 * The Linux build is a desktop program: a Ctrl-C on an EMPTY input line within
 * 5 s of the previous one ends the process (`exit(0)` under `#ifndef EMBEDDED`
 * in src/jsinteractive.c), and `fobsync flash` sends Ctrl-C at connect and
 * again to erase a bad upload. So each Ctrl-C from the host is preceded by a
 * space, given `SPACE_FIRST_MS` to reach the input line, so the line is never
 * empty when the Ctrl-C clears it. Bytes after it wait their turn: order is kept.
 */

/** Time for the interpreter's main loop to take the space into its input line (it polls about every 10 ms). */
const SPACE_FIRST_MS = 100;

export class CtrlCGuard {
  private queue: string[] = [];
  private waiting = false;

  constructor(private readonly write: (bytes: string) => void) {}

  /** Bytes from the host, in order. */
  push(bytes: string): void {
    if (this.waiting) {
      this.queue.push(bytes);
      return;
    }
    const at = bytes.indexOf("\x03");
    if (at < 0) {
      this.write(bytes);
      return;
    }
    this.write(bytes.slice(0, at) + " ");
    this.waiting = true;
    this.queue.push(bytes.slice(at));
    setTimeout(() => this.release(), SPACE_FIRST_MS);
  }

  private release(): void {
    this.waiting = false;
    const pending = this.queue.join("");
    this.queue = [];
    // the Ctrl-C goes now; a further Ctrl-C in the same bytes gets its own space first
    this.write("\x03");
    if (pending.length > 1) this.push(pending.slice(1));
  }
}
