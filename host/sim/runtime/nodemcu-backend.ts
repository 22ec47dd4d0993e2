import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { buildNodeMcu, NODEMCU_BUNDLE_NAME, writeNodeMcuBuild, type NodeMcuBuild } from "../../bundler/nodemcu-build";
import { luaString } from "../../bundler/nodemcu-lua-text";
import type { BoardBackend, BoardBackendContext, BoardBackendFactory } from "../backend";
import { LuaBridge, type GpioFlavour, type LuaVm } from "./nodemcu-bridge";
import { nodeMcuBenchIo } from "./nodemcu-bench-io";

export interface NodeMcuBackendOptions {
  /** Lua VM; default lua5.1 (NodeMCU's default language). */
  vm?: LuaVm;
  /** NodeMCU GPIO API flavour the shim offers; default from the board's `mcu`. */
  flavour?: GpioFlavour;
  /** Composition root to build (tests use fixtures); default the real one. */
  entry?: string;
  /**
   * Boot a precompiled `fobsync.lc` with debug info stripped (`luac -s` of the
   * shipped bytes), as `node.stripdebug(3); node.compile("fobsync.lua")` leaves
   * on a board; `init.lua` prefers it. Default false: the shipped source runs.
   */
  compiled?: boolean;
  /**
   * Boot for a heap measurement (`bootHeap`): load the bundle (or `.lc`) and
   * measure, run it while its compiled code is still held and measure, then
   * drop the chunk and measure. Skips init.lua's own pin release.
   */
  heapProbe?: boolean;
  /**
   * With `heapProbe`: keep the loaded chunk referenced after boot, as the Lua
   * Flash Store keeps all code out of the heap's account: a later `heapKb()`
   * minus `beforeKb + codeKb` is then what the LFS path holds in RAM.
   */
  holdChunk?: boolean;
  /**
   * Put the bundle in an emulated Lua Flash Store instead of the file system
   * (`node.LFS.get("fobsync")`), as `luac.cross -f` + `node.LFS.reload` leave a board.
   */
  lfs?: boolean;
}

/** Heap figures of one boot, KB of `collectgarbage("count")` after full collections. */
export interface BootHeap {
  /** Before anything of fobsync was loaded. */
  beforeKb: number;
  /** The loaded chunk, not yet run: all compiled code and its constants (in flash with LFS). */
  codeKb: number;
  /** What running the firmware allocated and keeps: closures, tables, strings (what stays in RAM with LFS). */
  dataKb: number;
  /** The firmware after boot with the chunk dropped: the code still used plus the data (the heap the board needs without LFS). */
  bootKb: number;
}

/** The NodeMCU virtual board, with what tests inspect beyond `BoardBackend`. */
export interface NodeMcuBoard extends BoardBackend {
  /** The Lua build this board runs. */
  readonly build: NodeMcuBuild;
  /** Lua heap before init.lua and after boot, KB (`collectgarbage("count")` after a full collection). */
  readonly heapBeforeBootKb: number;
  readonly heapAfterBootKb: number;
  /** With the `heapProbe` option: the boot's heap split into code and data. */
  readonly bootHeap: BootHeap | undefined;
  /** Errors that escaped a Lua callback (a PANIC and reboot on a real board). */
  readonly panics: string[];
  /** How many times the firmware called node.restart(). */
  readonly restarts: number;
  /** Type a line of Lua at the REPL. */
  repl(lua: string): void;
  /** Heap now, KB, after a full collection. */
  heapKb(): number;
}

/** The folder of workDir that stands for the Lua Flash Store (`lfs` option). */
const LFS_DIR = "lfs";

/** The precompiled bundle's name, the one `init.lua` prefers. */
const COMPILED_NAME = NODEMCU_BUNDLE_NAME.replace(/\.lua$/, ".lc");

/** `luac -s`: compile the shipped bundle in `dir` to stripped bytecode for `vm`. */
function compileStripped(vm: LuaVm, dir: string): void {
  const luac = vm.replace("lua", "luac");
  const r = spawnSync(luac, ["-s", "-o", join(dir, COMPILED_NAME), join(dir, NODEMCU_BUNDLE_NAME)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${luac} -s failed: ${r.error?.message ?? r.stderr.trim()}`);
}

/**
 * The BUILT Lua firmware on a virtual NodeMCU board: builds the Lua for
 * `ctx.board`, starts a Lua VM on the NodeMCU shim (nodemcu-bridge.ts) and
 * wires the shim's gpio/tmr/adc to the bench's virtual pins and clock. Raw
 * input edges go to the Lua (NodeMCU debounces in the firmware), timers become
 * virtual-clock timers (one per Lua alarm, in the order Lua armed them).
 */
export function nodeMcuBackend(options: NodeMcuBackendOptions = {}): BoardBackendFactory {
  return (ctx: BoardBackendContext): NodeMcuBoard => createNodeMcuBoard(ctx, options);
}

/** The default NodeMCU backend (lua5.1, flavour from the board). */
export const nodeMcuBackendFactory: BoardBackendFactory = nodeMcuBackend();

function createNodeMcuBoard(ctx: BoardBackendContext, options: NodeMcuBackendOptions): NodeMcuBoard {
  const flavour: GpioFlavour = options.flavour ?? (ctx.board.mcu === "esp8266" ? "esp8266" : "esp32");
  const esp32 = flavour === "esp32";
  const build = buildNodeMcu({ board: ctx.board, entry: options.entry });
  const workDir = mkdtempSync(join(tmpdir(), "fobsync-nodemcu-"));
  writeNodeMcuBuild(build, workDir);
  for (const [name, text] of Object.entries(ctx.files)) writeFileSync(join(workDir, name), text);
  if (options.lfs === true) {
    mkdirSync(join(workDir, LFS_DIR));
    renameSync(join(workDir, NODEMCU_BUNDLE_NAME), join(workDir, LFS_DIR, NODEMCU_BUNDLE_NAME));
  }
  const vm = options.vm ?? "lua5.1";
  if (options.compiled === true) compileStripped(vm, workDir);

  const timers = new Map<number, number>();
  const panics: string[] = [];
  let restarts = 0;
  let closed = false;

  const io = nodeMcuBenchIo(ctx, esp32, {
    onEdge: (pin, high) => {
      if (!closed) bridge.call(`G ${ctx.clock.now()} ${pin} ${high ? 1 : 0}`);
    },
    onRestart: () => {
      restarts++;
    },
  });

  const bridge: LuaBridge = new LuaBridge(vm, flavour, workDir, {
    print: (text) => ctx.onLine(text),
    arm: (id, ms) => {
      timers.set(
        id,
        ctx.clock.at(ctx.clock.now() + ms, () => {
          timers.delete(id);
          if (!closed) bridge.call(`T ${ctx.clock.now()} ${id}`);
        }),
      );
    },
    cancel: (id) => {
      const handle = timers.get(id);
      if (handle !== undefined) ctx.clock.cancel(handle);
      timers.delete(id);
    },
    panic: (text) => {
      panics.push(text);
      ctx.onLine("PANIC: " + text);
    },
    request: (kind, args) => io.request(kind, args),
  }, { lfsDir: options.lfs === true ? LFS_DIR : undefined });

  const heapKb = (): number => {
    bridge.call(`H ${ctx.clock.now()}`);
    return bridge.lastHeapKb;
  };

  let heapBeforeBootKb = NaN;
  let heapAfterBootKb = NaN;
  let bootHeap: BootHeap | undefined;
  const repl = (lua: string): void => bridge.call(`X ${ctx.clock.now()} ${lua}`);
  try {
    heapBeforeBootKb = heapKb();
    if (options.heapProbe === true) {
      repl(`_fsChunk = assert(loadfile("${options.compiled === true ? COMPILED_NAME : NODEMCU_BUNDLE_NAME}"))`);
      const loadedKb = heapKb();
      repl(`_fsChunk()`);
      const heldKb = heapKb();
      if (options.holdChunk !== true) repl(`_fsChunk = nil`);
      heapAfterBootKb = heapKb();
      bootHeap = { beforeKb: heapBeforeBootKb, codeKb: loadedKb - heapBeforeBootKb, dataKb: heldKb - loadedKb, bootKb: heapAfterBootKb - heapBeforeBootKb };
    } else {
      bridge.call(`B ${ctx.clock.now()}`);
      heapAfterBootKb = heapKb();
    }
  } catch (e) {
    bridge.close();
    rmSync(workDir, { recursive: true, force: true });
    throw e;
  }

  return {
    name: "nodemcu",
    build,
    heapBeforeBootKb,
    heapAfterBootKb,
    bootHeap,
    panics,
    get restarts() {
      return restarts;
    },
    send(line: string): void {
      bridge.call(`X ${ctx.clock.now()} fs(${luaString(line)})`);
    },
    repl,
    heapKb,
    close(): void {
      if (closed) return;
      closed = true;
      for (const handle of timers.values()) ctx.clock.cancel(handle);
      timers.clear();
      bridge.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
