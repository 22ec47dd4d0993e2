/**
 * One real Espruino interpreter process: a board of its own, in its own
 * temporary directory (so its own `espruino.flash`, the emulated Storage),
 * its console on stdin/stdout as bytes.
 *
 * The interpreter ignores SIGTERM and SIGINT (SIGINT interrupts the running
 * JavaScript, as Ctrl-C does on a board), so it is stopped with SIGKILL by its
 * own process id. Every process started here is also killed when this Node
 * process exits, whatever the reason, so none is left behind.
 */
import { trackChild } from "../common/child-processes";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { locateInterpreter } from "./interpreter";

export interface EspruinoProcessOptions {
  /** The executable; default the one `locateInterpreter` finds (an Error when there is none). */
  interpreter?: string;
  /** Working directory (its Storage); default a new temporary directory, removed by `stop()`. */
  dir?: string;
}

export interface EspruinoProcess {
  /** The directory holding this board's `espruino.flash`. */
  readonly dir: string;
  readonly pid: number | undefined;
  /** Bytes to the console, as a host would send them (latin1); held until the first prompt after a start. */
  write(bytes: string): void;
  /** Console output, as it comes (latin1). */
  onOutput(fn: (bytes: string) => void): void;
  /** The latest output (the last 64 KiB at least; for waits and error reports). */
  output(): string;
  /** Called when the interpreter ends on its own (not killed here), with its exit code. */
  onExit(fn: (code: number | null) => void): void;
  /**
   * Store files in the board's Storage through the host file system (the
   * Linux build's `fs` module), then run `then` (e.g. `load()`): one short
   * console line instead of kilobytes of upload lines. Bytes are kept exactly
   * (latin1). For setting a board up; `fobsync flash` uses the console, as on hardware.
   */
  store(files: { [name: string]: string }, then?: string): void;
  /** Resolve with the first match of `pattern` in the output from now on, or null after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray | null>;
  /** Power cycle: kill the process and start it again on the same Storage. */
  restart(): Promise<void>;
  /** Kill it, wait for the exit, remove the temporary directory. */
  stop(): Promise<void>;
}

/**
 * Input is held back until the interpreter shows its first `>` prompt after a
 * start: while it initialises it drops what arrives (as it does during
 * `reset()`), which under load cut the first line sent. At most this long.
 */
const FIRST_PROMPT_MS = 10_000;

/** Output kept for `output()` and `waitFor`, characters. */
const KEEP_OUTPUT = 64 * 1024;


let nextCore = 0;

/**
 * The command that runs the interpreter on ONE processor core (taskset, from
 * util-linux), a different core for each board in turn. The Linux build's
 * console input thread and its main loop share the input queue without a lock
 * (src/jsdevices.c: `jshPushIOCharEvents` appends to an event the main loop
 * may be popping); under load an interpreter ended on
 * `ASSERT(len <= 64) FAILED AT src/jsdevices.c:601`. On one core, as on a
 * board, the race needs a preemption inside a few instructions instead of two
 * cores at once. Without taskset the interpreter runs unpinned.
 */
function oneCore(path: string): [string, string[]] {
  if (!hasTaskset()) return [path, []];
  const core = nextCore++ % Math.max(1, availableParallelism());
  return ["taskset", ["-c", String(core), path]];
}

let tasksetFound: boolean | undefined;
function hasTaskset(): boolean {
  tasksetFound ??= spawnSync("taskset", ["-V"], { stdio: "ignore" }).status === 0;
  return tasksetFound;
}

export function startEspruino(opts: EspruinoProcessOptions = {}): EspruinoProcess {
  const path = opts.interpreter ?? locatedPath();
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), "fobsync-espruino-"));
  const listeners: ((bytes: string) => void)[] = [];
  const exitListeners: ((code: number | null) => void)[] = [];
  /** The latest output (at most 2 x KEEP_OUTPUT characters); `dropped` counts what was let go before it. */
  let text = "";
  let dropped = 0;
  let killing = false;
  let child: ChildProcess;
  let exited: Promise<void>;
  /** Bytes written before the interpreter showed its first prompt (see `write`). */
  let held: string[] | null = [];
  let holdTimer: NodeJS.Timeout | null = null;
  const release = () => {
    if (holdTimer) clearTimeout(holdTimer);
    holdTimer = null;
    const bytes = held ?? [];
    held = null;
    for (const b of bytes) if (child.stdin!.writable) child.stdin!.write(Buffer.from(b, "latin1"));
  };

  const launch = () => {
    held = [];
    const outputFrom = dropped + text.length;
    holdTimer = setTimeout(release, FIRST_PROMPT_MS);
    // the interpreter ignores SIGINT and SIGTERM: stopped with SIGKILL, by its own pid, whenever Node exits
    const c = trackChild(spawn(...oneCore(path), { cwd: dir, stdio: ["pipe", "pipe", "ignore"] }), "SIGKILL");
    exited = new Promise((done) =>
      c.once("exit", (code) => {
        if (!killing) for (const fn of exitListeners) fn(code);
        done();
      }),
    );
    c.stdin!.on("error", () => {}); // a write racing the exit: the board is gone, as when unplugged
    c.stdout!.on("data", (d: Buffer) => {
      const bytes = d.toString("latin1");
      text += bytes;
      if (text.length > 2 * KEEP_OUTPUT) {
        dropped += text.length - KEEP_OUTPUT;
        text = text.slice(-KEEP_OUTPUT);
      }
      if (held !== null && text.indexOf("\n>", Math.max(0, outputFrom - dropped)) >= 0) release();
      for (const fn of listeners) fn(bytes);
    });
    child = c;
  };
  const kill = async () => {
    if (holdTimer) clearTimeout(holdTimer);
    holdTimer = null;
    killing = true;
    child.kill("SIGKILL");
    await exited;
    killing = false;
  };
  launch();

  return {
    dir,
    get pid() {
      return child.pid;
    },
    write(bytes) {
      if (held !== null) held.push(bytes);
      else if (child.stdin!.writable) child.stdin!.write(Buffer.from(bytes, "latin1"));
    },
    onOutput(fn) {
      listeners.push(fn);
    },
    onExit(fn) {
      exitListeners.push(fn);
    },
    output: () => text,
    store(files, then = "") {
      const calls = Object.keys(files).map((name, i) => {
        // Storage cannot write zero bytes ("Can't get pointer to data to write"): empty is no file.
        if (files[name] === "") return `s.erase(${JSON.stringify(name)})`;
        const hostFile = `fobsync-store-${i}.bin`;
        writeFileSync(join(dir, hostFile), files[name], "latin1");
        return `s.write(${JSON.stringify(name)},f.readFileSync(${JSON.stringify(hostFile)}))`;
      });
      this.write(`\x10(function(){var s=require("Storage"),f=require("fs");${calls.join(";")}})();${then}\n`);
    },
    waitFor(pattern, timeoutMs) {
      const from = dropped + text.length;
      return new Promise((resolve) => {
        const check = () => {
          const m = pattern.exec(text.slice(Math.max(0, from - dropped)));
          if (!m) return false;
          cleanup();
          resolve(m);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          resolve(null);
        }, timeoutMs);
        const onBytes = () => void check();
        const cleanup = () => {
          clearTimeout(timer);
          const i = listeners.indexOf(onBytes);
          if (i >= 0) listeners.splice(i, 1);
        };
        listeners.push(onBytes);
        check();
      });
    },
    async restart() {
      await kill();
      launch();
    },
    async stop() {
      await kill();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The located interpreter's path, or an Error saying why there is none (callers check first: choose-board.ts, the tests' gate). */
function locatedPath(): string {
  const found = locateInterpreter();
  if (found.kind === "found") return found.path;
  throw new Error(found.kind === "broken" ? found.problem : `no real Espruino interpreter (none at ${found.cachePath}, ESPRUINO_BIN unset)`);
}

/**
 * The version the interpreter reports (`process.env.VERSION`, e.g. "2v29"),
 * asked by running it for a moment in a directory of its own; null when it
 * does not answer within `timeoutMs`.
 */
export async function espruinoVersion(path: string, timeoutMs = 3000): Promise<string | null> {
  const board = startEspruino({ interpreter: path });
  try {
    board.write('\x10print("FSVER="+process.env.VERSION)\n');
    // the whole line: under load the answer can arrive in pieces ("FSVER=2" then "v29.277")
    const m = await board.waitFor(/FSVER=(\S+)\r?\n/, timeoutMs);
    return m ? m[1] : null;
  } finally {
    await board.stop();
  }
}
