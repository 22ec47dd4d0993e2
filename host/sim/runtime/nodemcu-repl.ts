/**
 * A virtual NodeMCU at the byte level: the console UART of a freshly flashed
 * NodeMCU (no init.lua), its Lua interpreter (the real `lua5.1` running the
 * NodeMCU shim, nodemcu-bridge.ts) and its SPIFFS file system (a temporary
 * folder), wired to the simulated bench's virtual clock and pins.
 *
 * What the host sees, as on a board (NodeMCU's app/driver/input.c and lua.c):
 * - every received character is echoed; CR, LF, CR LF and LF CR each end a line;
 *   backspace/DEL erase one character (echo "\b \b"); an empty line just gets
 *   a new prompt; Ctrl-C is an ordinary character;
 * - the line buffer holds 255 characters: a longer line loses what came
 *   before (NodeMCU discards the buffer and goes on), so uploaders keep lines short;
 * - each line is Lua: `=expr` prints the values, an incomplete chunk waits for
 *   more with the `>> ` prompt, errors print as `stdin:1: ...`, then `> `;
 * - output of timers and GPIO callbacks appears wherever the console is, after
 *   the prompt too (`> @12 3400 I ...`): NodeMCU does not redraw its prompt;
 * - `node.restart()` takes effect once the running Lua returns: the Lua state
 *   is gone, input is ignored while the chip reboots (`BOOT_MS` of virtual
 *   time), then a new Lua state (a new VM process) prints the banner, runs
 *   `init.lua` if the file system has one, and `node.uptime()` starts again
 *   from 0. Files stay.
 * - an error escaping a callback is `PANIC: unprotected error in call to Lua API (...)`
 *   followed by a restart.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BoardDescription } from "../../../hal/board";
import type { VirtualClock } from "../../../hal/sim/virtual-clock";
import type { VirtualPins } from "../../../hal/sim/virtual-pins";
import { LuaBridge, type GpioFlavour, type LuaVm } from "./nodemcu-bridge";
import { nodeMcuBenchIo, type NodeMcuBenchIo } from "./nodemcu-bench-io";

/** NodeMCU's console line buffer (LUA_MAXINPUT): a line keeps at most this many characters minus one. */
export const NODEMCU_LINE_BUFFER = 256;

/** Virtual ms from a restart to the banner (an ESP32 boots in about this). */
export const BOOT_MS = 300;

export const PROMPT = "> ";
export const PROMPT_MORE = ">> ";

export interface NodeMcuReplOptions {
  clock: VirtualClock;
  pins: VirtualPins;
  board: BoardDescription;
  /** Every line the Lua code prints (firmware event lines, banners), for the bench. */
  onLine(line: string): void;
  vm?: LuaVm;
  /** Default from the board's `mcu`. */
  flavour?: GpioFlavour;
  /** The Lua heap the board has free before anything runs (`node.heap()`); default the flavour's modelled figure. */
  heapBytes?: number;
}

/** The banner a virtual NodeMCU prints at power-up, by flavour (the virtual board says it is one). */
function banner(flavour: GpioFlavour): string[] {
  if (flavour === "esp32") return ["NodeMCU ESP32 (fobsync virtual board) powered by Lua 5.1.4 [5.1-doublefp]"];
  return ["NodeMCU 3.0.0.0 (fobsync virtual board)", "\tbuild type: float", "\tmodules: adc,file,gpio,node,tmr,uart", " powered by Lua 5.1.4"];
}

export class NodeMcuRepl {
  /** The board's file system (SPIFFS): survives restarts, gone with `close()`. */
  readonly fsDir: string;
  /** Errors that escaped a Lua callback (each a PANIC and a restart). */
  readonly panics: string[] = [];
  /** Power-ons and restarts so far. */
  boots = 0;
  private readonly flavour: GpioFlavour;
  private readonly vm: LuaVm;
  private readonly io: NodeMcuBenchIo;
  private bridge: LuaBridge | null = null;
  private readonly timers = new Map<number, number>();
  private readonly listeners = new Set<(bytes: string) => void>();
  private bootAt = 0;
  private line = "";
  private lastChar = "";
  private continuation = false;
  private restartWanted = false;
  private rebootTimer: number | null = null;
  private depth = 0;
  private closed = false;

  constructor(private readonly opts: NodeMcuReplOptions) {
    this.flavour = opts.flavour ?? (opts.board.mcu === "esp8266" ? "esp8266" : "esp32");
    this.vm = opts.vm ?? "lua5.1";
    this.fsDir = mkdtempSync(join(tmpdir(), "fobsync-nodemcu-fs-"));
    this.io = nodeMcuBenchIo({ clock: opts.clock, pins: opts.pins, board: opts.board, files: {}, onLine: opts.onLine }, this.flavour === "esp32", {
      onEdge: (pin, high) => this.call(`G ${this.uptime()} ${pin} ${high ? 1 : 0}`),
      onRestart: () => {
        this.restartWanted = true;
      },
    });
  }

  /** Listen to every byte the board sends on its console UART. */
  listen(fn: (bytes: string) => void): void {
    this.listeners.add(fn);
  }

  unlisten(fn: (bytes: string) => void): void {
    this.listeners.delete(fn);
  }

  /** Power on (or a hardware reset): a new Lua state, the banner, `init.lua` if there is one, the prompt. */
  powerOn(): void {
    if (this.closed) return;
    this.stopLua();
    const boot = ++this.boots;
    this.bootAt = this.opts.clock.now();
    this.line = "";
    this.lastChar = "";
    this.continuation = false;
    this.bridge = new LuaBridge(this.vm, this.flavour, this.fsDir, {
      print: (text) => this.printLine(text),
      arm: (id, ms) => this.arm(id, ms),
      cancel: (id) => this.cancel(id),
      panic: (text) => this.panic(text),
      request: (kind, args) => this.io.request(kind, args),
      more: () => {
        this.continuation = true;
      },
    }, { heapBytes: this.opts.heapBytes });
    this.send("\n");
    for (const text of banner(this.flavour)) this.printLine(text);
    if (this.hasFile("init.lua")) this.call(`B ${this.uptime()}`);
    else this.printLine("lua: cannot open init.lua");
    if (this.boots === boot && this.bridge !== null) this.send(PROMPT);
  }

  /** True while the chip reboots (after node.restart() or a PANIC): input is lost. */
  get rebooting(): boolean {
    return this.rebootTimer !== null;
  }

  /** Bytes received on the console UART. */
  feedBytes(data: string): void {
    for (const ch of data) {
      if (this.closed || this.bridge === null) return;
      this.key(ch);
    }
  }

  /** A file of the board's file system, as bytes (latin1), or undefined. */
  readFile(name: string): string | undefined {
    return this.hasFile(name) ? readFileSync(join(this.fsDir, name), "latin1") : undefined;
  }

  /** Put a file on the board's file system (a board flashed before the test). */
  writeFile(name: string, bytes: string): void {
    writeFileSync(join(this.fsDir, name), bytes, "latin1");
  }

  /** Names on the board's file system, sorted. */
  files(): string[] {
    return readdirSync(this.fsDir).sort();
  }

  /** Stop the Lua VM and remove the file system. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopLua();
    rmSync(this.fsDir, { recursive: true, force: true });
  }

  private hasFile(name: string): boolean {
    return readdirSync(this.fsDir).includes(name);
  }

  private uptime(): number {
    return this.opts.clock.now() - this.bootAt;
  }

  private send(bytes: string): void {
    for (const fn of this.listeners) fn(bytes);
  }

  private printLine(text: string): void {
    this.send(text + "\n");
    this.opts.onLine(text);
  }

  /** One received character, as NodeMCU's input.c handles it. */
  private key(ch: string): void {
    const last = this.lastChar;
    if ((ch === "\r" && last === "\n") || (ch === "\n" && last === "\r")) {
      this.lastChar = "";
      return;
    }
    if (ch === "\x7f" || ch === "\x08") {
      if (this.line.length > 0) {
        this.send("\x08 \x08");
        this.line = this.line.slice(0, -1);
      }
      this.lastChar = "";
      return;
    }
    this.lastChar = ch;
    if (ch === "\r" || ch === "\n") {
      this.send("\n");
      if (this.line === "") {
        this.send(this.continuation ? PROMPT_MORE : PROMPT);
        return;
      }
      const line = this.line;
      this.line = "";
      this.enter(line);
      return;
    }
    this.send(ch);
    if (this.line.length + 1 >= NODEMCU_LINE_BUFFER) this.line = "";
    this.line += ch;
  }

  /** Run one complete line, then show the prompt (unless the board restarts). */
  private enter(line: string): void {
    this.continuation = false;
    this.call(`L ${this.uptime()} ${line}`);
    if (this.bridge !== null) this.send(this.continuation ? PROMPT_MORE : PROMPT);
  }

  /** A message to Lua; a restart asked for inside it begins once the outermost call returns. */
  private call(message: string): void {
    if (this.bridge === null) return;
    this.depth++;
    try {
      this.bridge.call(message);
    } finally {
      this.depth--;
    }
    if (this.depth === 0 && this.restartWanted) this.reboot();
  }

  /** The Lua state stops now; the chip comes back `BOOT_MS` later. */
  private reboot(): void {
    this.stopLua();
    const clock = this.opts.clock;
    this.rebootTimer = clock.at(clock.now() + BOOT_MS, () => {
      this.rebootTimer = null;
      this.powerOn();
    });
  }

  private arm(id: number, ms: number): void {
    const clock = this.opts.clock;
    this.timers.set(
      id,
      clock.at(clock.now() + ms, () => {
        this.timers.delete(id);
        this.call(`T ${this.uptime()} ${id}`);
      }),
    );
  }

  private cancel(id: number): void {
    const handle = this.timers.get(id);
    if (handle !== undefined) this.opts.clock.cancel(handle);
    this.timers.delete(id);
  }

  private panic(text: string): void {
    this.panics.push(text);
    this.printLine(`PANIC: unprotected error in call to Lua API (${text})`);
    this.restartWanted = true;
  }

  /** The Lua state goes: its VM, its timers, its pin configuration (levels stay at the pins). */
  private stopLua(): void {
    if (this.rebootTimer !== null) this.opts.clock.cancel(this.rebootTimer);
    this.rebootTimer = null;
    for (const handle of this.timers.values()) this.opts.clock.cancel(handle);
    this.timers.clear();
    this.io.forgetPins();
    this.bridge?.close();
    this.bridge = null;
    this.restartWanted = false;
  }
}
