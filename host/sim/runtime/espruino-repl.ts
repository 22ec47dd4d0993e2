import type { EspruinoConsole } from "./espruino-console";

/** What running one complete REPL input gives back. */
export interface ReplResult {
  value?: unknown;
  error?: unknown;
}

/**
 * Espruino's REPL line editor, as far as fobsync's host speaks to it:
 * - characters are echoed while echo is on (`echo(0)` turns echo, results and
 *   the prompt off; a line starting with DLE `\x10` is run silently);
 * - Enter runs the input once brackets and strings are closed (otherwise the
 *   input continues on the next line), then prints `=<value>` and `>`;
 * - Ctrl-C (`\x03`) clears the input; backspace/DEL delete a character;
 * - ANSI escape sequences (`ESC [ digits letter`, `ESC O letter`: cursor
 *   keys, and EspruinoTools' line-number hint `ESC [ <n> d`) are consumed,
 *   as Espruino's line editor does; cursor editing itself is not modelled;
 * - output from timers and watches first erases the prompt and input with
 *   backspaces, and the prompt comes back when the board is idle again.
 */
export class EspruinoRepl {
  echo = true;
  private console: EspruinoConsole;
  private input = "";
  private silentLine = false;
  private inputShown = false;
  private lastWasCr = false;
  /** Where in an escape sequence the input is: "" none, "esc" after ESC, "csi" after ESC [ or ESC O (digits may follow). */
  private escape: "" | "esc" | "csi" = "";

  constructor(console: EspruinoConsole) {
    this.console = console;
  }

  /** Feed received bytes; `run` executes each complete input. */
  feed(data: string, run: (code: string) => ReplResult): void {
    for (const ch of data) this.key(ch, run);
  }

  /** Print a line from the script (print/console.log). */
  print(text: string): void {
    this.hideInput();
    this.console.write(text + "\r\n");
  }

  /** The board is idle again: show the prompt and the pending input (when echo is on). */
  idle(): void {
    if (!this.echo || this.inputShown) return;
    this.console.write(">" + (this.silentLine ? "" : this.input));
    this.inputShown = true;
  }

  /** Forget the pending input (reset/load). */
  clear(): void {
    this.input = "";
    this.silentLine = false;
    this.inputShown = false;
  }

  private key(ch: string, run: (code: string) => ReplResult): void {
    if (this.inEscape(ch)) return;
    const wasCr = this.lastWasCr;
    this.lastWasCr = ch === "\r";
    if (ch === "\n" && wasCr) return;
    if (ch === "\x03") {
      this.input = "";
      this.silentLine = false;
      if (this.echo) this.console.write("\r\n");
      this.inputShown = false;
      this.idle();
    } else if (ch === "\x10" && this.input === "") {
      this.silentLine = true;
    } else if (ch === "\x08" || ch === "\x7f") {
      if (this.input.length > 0) {
        this.input = this.input.slice(0, -1);
        if (this.showsEcho()) this.console.write("\x08 \x08");
      }
    } else if (ch === "\r" || ch === "\n") {
      this.enter(run);
    } else {
      this.input += ch;
      if (this.showsEcho()) this.console.write(ch);
    }
  }

  /** Consume `ch` if it belongs to an escape sequence (the sequence does nothing here). */
  private inEscape(ch: string): boolean {
    if (this.escape === "esc") {
      this.escape = ch === "[" || ch === "O" ? "csi" : "";
      return true;
    }
    if (this.escape === "csi") {
      if (ch < "0" || ch > "9") this.escape = "";
      return true;
    }
    if (ch === "\x1b") {
      this.escape = "esc";
      return true;
    }
    return false;
  }

  private enter(run: (code: string) => ReplResult): void {
    if (!isComplete(this.input)) {
      this.input += "\n";
      if (this.showsEcho()) this.console.write("\r\n:");
      return;
    }
    const code = this.input;
    const silent = this.silentLine || !this.echo;
    this.input = "";
    this.silentLine = false;
    if (this.inputShown) this.console.write("\r\n");
    this.inputShown = false;
    const result = code.trim() === "" ? {} : run(code);
    if ("error" in result) this.print("Uncaught " + describeError(result.error));
    else if (!silent) this.print("=" + formatValue(result.value));
    this.idle();
  }

  private showsEcho(): boolean {
    return this.echo && !this.silentLine;
  }

  private hideInput(): void {
    if (!this.inputShown) return;
    const n = 1 + this.input.length;
    this.console.write("\x08".repeat(n) + " ".repeat(n) + "\x08".repeat(n));
    this.inputShown = false;
  }
}

/** True when brackets balance and no string, template or comment is left open. */
export function isComplete(code: string): boolean {
  let depth = 0;
  let quote = "";
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (quote !== "") {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === "/" && code[i + 1] === "*") {
      const end = code.indexOf("*/", i + 2);
      if (end < 0) return false;
      i = end + 1;
    } else if (c === "/" && code[i + 1] === "/") {
      const end = code.indexOf("\n", i);
      if (end < 0) return true;
      i = end;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
  }
  return quote === "" && depth <= 0;
}

/** `Error: message` for an error from the script's realm (no `instanceof` across vm contexts). */
export function describeError(e: unknown): string {
  if (e !== null && typeof e === "object" && "message" in e) {
    const name = (e as { name?: unknown }).name;
    return `${typeof name === "string" ? name : "Error"}: ${String((e as { message: unknown }).message)}`;
  }
  return String(e);
}

/** How the REPL shows a result after `=`. */
function formatValue(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "function") return "function () { [native code] }";
  if (typeof v === "string") return JSON.stringify(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
