import type { LineLink } from "../contracts";
import { runGuarded } from "./nodemcu-guard";

/** Name of the global Lua function the host types at the REPL: `fs("status")`. */
export const CONSOLE_ENTRY = "fs";

/**
 * The console link on NodeMCU. Output: `print` (the interpreter's UART).
 * Input: a global function `fs(line)` called from the Lua REPL, NOT
 * `uart.on("data", ...)`: with uart.on the firmware would own the UART and the
 * interpreter would no longer see typed Lua, so uploading a new build, `node.restart()`
 * or any rescue at the prompt would stop working. The REPL keeps the board
 * recoverable; the host wraps each command as `fs("...")`.
 */
export class NodeMcuConsole implements LineLink {
  private handler: ((line: string) => void) | undefined;

  constructor() {
    const entry: (this: void, line: unknown) => void = (line) => this.deliver(line);
    _G[CONSOLE_ENTRY] = entry;
  }

  write(line: string): void {
    print(line);
  }

  onLine(fn: (line: string) => void): void {
    this.handler = fn;
  }

  /** One typed command; anything but a string is refused before the firmware sees it. */
  private deliver(line: unknown): void {
    const fn = this.handler;
    if (fn === undefined) return;
    if (typeof line !== "string") {
      print("fobsync: fs() takes one string, e.g. fs(\"status\")");
      return;
    }
    runGuarded(() => fn(line));
  }
}
