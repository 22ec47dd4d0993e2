/**
 * The virtual Espruino's console: the bytes it sends (as a terminal would
 * receive them), and the same bytes cut into lines the way a terminal shows
 * them: `\r` returns to the line start, backspace moves left, later
 * characters overwrite earlier ones, `\n` ends the line. Espruino erases its
 * `>` prompt with backspaces before printing from a timer or watch, so a
 * firmware line still shows (and is reported) starting with `@`.
 */
export class EspruinoConsole {
  private onLine: (line: string) => void;
  private onBytes: ((bytes: string) => void)[] = [];
  private line: string[] = [];
  private cursor = 0;

  constructor(onLine: (line: string) => void) {
    this.onLine = onLine;
  }

  /** Listen to every byte the board sends (a pseudo-terminal bridge, a test). */
  listen(fn: (bytes: string) => void): void {
    this.onBytes.push(fn);
  }

  unlisten(fn: (bytes: string) => void): void {
    const i = this.onBytes.indexOf(fn);
    if (i >= 0) this.onBytes.splice(i, 1);
  }

  /** Send bytes from the board. */
  write(bytes: string): void {
    for (const fn of this.onBytes) fn(bytes);
    for (const ch of bytes) this.put(ch);
  }

  private put(ch: string): void {
    if (ch === "\n") {
      const text = this.line.join("");
      this.line = [];
      this.cursor = 0;
      this.onLine(text);
    } else if (ch === "\r") {
      this.cursor = 0;
    } else if (ch === "\x08") {
      if (this.cursor > 0) this.cursor--;
    } else {
      this.line[this.cursor++] = ch;
    }
  }
}
