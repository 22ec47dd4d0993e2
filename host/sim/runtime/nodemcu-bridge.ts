import { trackChild } from "../../common/child-processes";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync, constants } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { REPO_ROOT } from "../../bundler/build-info";

/**
 * A real Lua VM (`lua5.1` or `lua5.3`) running the NodeMCU shim
 * (`nodemcu-shim.lua`), driven SYNCHRONOUSLY from Node over two FIFOs: each
 * `call` writes one message and blocks (fs.readSync) until Lua has done
 * everything it causes and answered ".". Lua's requests (gpio writes and
 * reads, ADC reads) are answered inside the call; an answer may itself send
 * nested messages (a gpio write that makes the simulated world change an
 * input delivers that edge before the write returns), exactly like a
 * synchronous function call in-process. The protocol is described at the top
 * of the shim.
 *
 * Why a child process and not an in-process Lua (fengari/wasmoon): the issue
 * asks for Debian's real lua5.1 (NodeMCU's language) and lua5.3; FIFOs keep
 * the bench's virtual clock in Node and every exchange synchronous.
 */

/** The shim: beside this module, or under the package root when running from the bundled CLI (dist/cli). */
export const SHIM_PATH = [join(dirname(fileURLToPath(import.meta.url)), "nodemcu-shim.lua"), join(REPO_ROOT, "host", "sim", "runtime", "nodemcu-shim.lua")].find((p) => existsSync(p)) ?? join(REPO_ROOT, "host", "sim", "runtime", "nodemcu-shim.lua");

export type LuaVm = "lua5.1" | "lua5.3";
export type GpioFlavour = "esp32" | "esp8266";

/** What Lua asks of the Node side during a call. */
export interface BridgeHandlers {
  /** A printed line (`print`). */
  print(text: string): void;
  /** Arm timer `id` to fire in `ms` (0: a task post). */
  arm(id: number, ms: number): void;
  cancel(id: number): void;
  /** An error escaped a Lua callback (a PANIC on a real board). */
  panic(text: string): void;
  /** gpio.write, pin configuration, gpio.read, ADC read, node.restart: return the answer ("" when none). */
  request(kind: string, args: string[]): string;
  /** The interactive line ("L") was an incomplete chunk: the REPL wants more lines. */
  more?(): void;
}

/** True when `vm` can be started on this machine. */
export function luaAvailable(vm: LuaVm): boolean {
  const r = spawnSync(vm, ["-v"], { encoding: "utf8" });
  return r.status === 0;
}

/**
 * The Lua heap a modelled board has free before fobsync runs, as `node.heap()`
 * reports it: a stand-in's figure, not a board's (an ESP8266's NodeMCU keeps
 * about 44 KB, an ESP32's far more). On a board, its own `node.heap()` is
 * what `fobsync flash --target nodemcu` checks.
 */
export const MODELLED_HEAP_BYTES: Record<GpioFlavour, number> = { esp8266: 44 * 1024, esp32: 200 * 1024 };

export class LuaBridge {
  private child: ChildProcess;
  private toLua: number;
  private fromLua: number;
  private dir: string;
  private stderrPath: string;
  private pending = "";
  private closed = false;
  private handlers: BridgeHandlers;

  /**
   * Start `vm` on the shim in `workDir` (which holds init.lua and the bundle).
   * `lfsDir`: a folder (relative to `workDir`) standing for the Lua Flash
   * Store: the shim's `node.LFS.get(name)` loads `<lfsDir>/<name>.lua`.
   * `heapBytes`: the Lua heap the modelled board has free before anything
   * runs (its `node.heap()`); default MODELLED_HEAP_BYTES of the flavour.
   */
  constructor(vm: LuaVm, flavour: GpioFlavour, workDir: string, handlers: BridgeHandlers, opts: { lfsDir?: string; heapBytes?: number } = {}) {
    const lfsDir = opts.lfsDir;
    const heapBytes = opts.heapBytes ?? MODELLED_HEAP_BYTES[flavour];
    if (!luaAvailable(vm)) throw new Error(`${vm} is not installed (Debian: apt-get install ${vm})`);
    // Without its script the VM never opens the FIFO, and opening it below would wait forever.
    if (!existsSync(SHIM_PATH)) throw new Error(`the NodeMCU shim is missing: ${SHIM_PATH}`);
    this.handlers = handlers;
    this.dir = mkdtempSync(join(tmpdir(), "fobsync-lua-"));
    const toLuaPath = join(this.dir, "to-lua");
    const fromLuaPath = join(this.dir, "from-lua");
    for (const p of [toLuaPath, fromLuaPath]) {
      const r = spawnSync("mkfifo", [p]);
      if (r.status !== 0) throw new Error(`mkfifo ${p} failed`);
    }
    this.stderrPath = join(this.dir, "stderr");
    const stderrFd = openSync(this.stderrPath, "w");
    this.child = trackChild(spawn(vm, [SHIM_PATH, toLuaPath, fromLuaPath, flavour, String(heapBytes)].concat(lfsDir !== undefined ? [lfsDir] : []), { cwd: workDir, stdio: ["ignore", "inherit", stderrFd] }));
    closeSync(stderrFd);
    // Read-write open of a FIFO never blocks on Linux; the read-only open blocks
    // until the shim opens its end, which is the first thing the shim does.
    this.toLua = openSync(toLuaPath, constants.O_RDWR);
    this.fromLua = openSync(fromLuaPath, constants.O_RDONLY);
  }

  /** Send one message (see the shim) and serve Lua until it answers ".". */
  call(message: string): void {
    if (this.closed) throw new Error("Lua bridge is closed");
    if (message.includes("\n")) throw new Error("bridge message must be one line");
    // Bytes as latin1: a REPL line may carry any byte value, one character each.
    writeSync(this.toLua, Buffer.from(message + "\n", "latin1"));
    for (;;) {
      const line = this.readLine();
      if (line === ".") return;
      this.handle(line);
    }
  }

  /** Stop the VM and remove the FIFOs. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      writeSync(this.toLua, "Q\n");
    } catch {
      // the VM is gone already
    }
    closeSync(this.toLua);
    closeSync(this.fromLua);
    this.child.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private handle(line: string): void {
    const kind = line.charAt(0);
    const rest = line.substring(2);
    switch (kind) {
      case "P":
        this.handlers.print(rest);
        return;
      case "A": {
        const [id, ms] = rest.split(" ").map(Number);
        this.handlers.arm(id, ms);
        return;
      }
      case "U":
        this.handlers.cancel(Number(rest));
        return;
      case "F":
        this.handlers.panic(rest);
        return;
      case "K":
        this.lastHeapKb = Number(rest);
        return;
      case "M":
        this.handlers.more?.();
        return;
      case "W":
      case "C":
      case "R":
      case "V":
      case "N": {
        const answer = this.handlers.request(kind, rest.split(" "));
        writeSync(this.toLua, "=" + answer + "\n");
        return;
      }
      default:
        throw new Error(`Lua bridge: unexpected line from the shim: ${line}`);
    }
  }

  /** Heap reply of the last "H" message (KB, collectgarbage("count")). */
  lastHeapKb = NaN;

  private readLine(): string {
    const buf = Buffer.alloc(65536);
    for (;;) {
      const nl = this.pending.indexOf("\n");
      if (nl >= 0) {
        const line = this.pending.substring(0, nl);
        this.pending = this.pending.substring(nl + 1);
        return line;
      }
      const n = readSync(this.fromLua, buf, 0, buf.length, null);
      if (n === 0) {
        this.closed = true;
        let err = "";
        try {
          err = readFileSync(this.stderrPath, "utf8");
        } catch {
          err = "(no stderr)";
        }
        throw new Error(`the Lua VM exited: ${err.trim()}`);
      }
      this.pending += buf.toString("latin1", 0, n);
    }
  }
}
