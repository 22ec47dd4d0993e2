/**
 * Flash a NodeMCU board through its Lua REPL (docs/flash.md, NodeMCU section):
 *
 *   attention   an empty line, then a probe print the board must answer
 *   look        chip (ESP32/ESP8266), node.compile, a fobsync module in LFS, free space
 *   upload      each file to a temporary name (new_*), `_w"..."` lines, one
 *               line at a time: the next line goes once the board's prompt came back
 *   verify      each temporary file's length and Adler-32, computed on the board
 *   compile     ESP32 path: node.stripdebug(3) + node.compile -> new_fobsync.lc
 *   commit      ONE line removes the old files and renames the new ones
 *   reboot      node.restart(); the boot banner must carry the uploaded build id
 *
 * Until the commit line the board's firmware files are untouched: any failure
 * before it (a corrupted chunk, a full file system, a pulled cable) leaves the
 * previous firmware as it was; the temporary files are removed when the port
 * is still there, and on the next flash otherwise.
 */
import { CliError, EXIT } from "../common/errors";
import { NODEMCU_ESP32_HEAP_BUDGET_KB, NODEMCU_HEAP_BUDGET_KB } from "../bundler/nodemcu-budgets";
import type { ReplConsole } from "../serial/repl-console";
import type { FlashProgress } from "./espruino-flasher";
import { adler32Hex, adler32Parts, LINE_LIMIT, LUA, writeLines } from "./nodemcu-lines";

/** How the firmware's code is kept on the board (docs/nodemcu.md). */
export type LuaCodeMode = "auto" | "compile" | "source" | "lfs";

export interface NodeMcuTimeouts {
  /** For the prompt after an ordinary line. */
  answerMs: number;
  /** For the board's checksum of a file. */
  checksumMs: number;
  /** For node.compile of the bundle. */
  compileMs: number;
  /** For the boot banner after node.restart(). */
  bootMs: number;
}

export interface NodeMcuFlashOptions {
  console: ReplConsole;
  init: Uint8Array;
  bundle: Uint8Array;
  /** More files to install with the firmware (the recipes, `fr.<name>`), committed with it. */
  extraFiles?: { name: string; bytes: Uint8Array }[];
  /** Build id the files carry (the boot banner must show it). */
  build: string;
  mode?: LuaCodeMode;
  timeouts?: Partial<NodeMcuTimeouts>;
  lineLimit?: number;
  onProgress?: (p: FlashProgress) => void;
  signal?: AbortSignal;
}

export interface FlashedFile {
  name: string;
  bytes: number;
  /** Adler-32 the board computed (and the host checked), hex. */
  adler32: string;
}

export interface NodeMcuFlashResult {
  chip: "esp32" | "esp8266";
  /** The path taken (auto resolved). */
  mode: Exclude<LuaCodeMode, "auto">;
  files: FlashedFile[];
  /** File bytes uploaded. */
  bytes: number;
  build: string;
  /** Bytes put on the wire for the whole session (payload plus Lua framing). */
  wireBytes: number;
  /** REPL lines typed. */
  lines: number;
  xoffs: number;
}

const DEFAULTS: NodeMcuTimeouts = { answerMs: 3000, checksumMs: 15_000, compileMs: 30_000, bootMs: 10_000 };

/** The prompt after a line: `> `, or `>> ` when the chunk is incomplete. */
const PROMPT = /\n(>>?) /;
/**
 * The prompt that answers `line`: the first one after the echo of the line's
 * end. A prompt still on its way from an earlier line (a late boot banner's,
 * an empty line's) must not be taken for it: under load that put every later
 * line's answer one prompt behind ("the board did not describe itself").
 */
function promptAfter(line: string): RegExp {
  const tail = line.slice(-24).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(tail + "[\\s\\S]*?" + PROMPT.source);
}

/** Lua errors NodeMCU prints for a typed line, and a callback's PANIC. */
const LUA_ERROR = /\n(stdin:\d+:[^\r\n]*|PANIC:[^\r\n]*)/;
const TEMP = { init: "new_init.lua", bundle: "new_fobsync.lua", compiled: "new_fobsync.lc" };
const TEMP_FILES = [TEMP.init, TEMP.bundle, TEMP.compiled];

let probeCounter = 0;

/** Types Lua lines one at a time and waits for the prompt after each; counts what went on the wire. */
interface LineRunner {
  /** Type one line and wait for the prompt; returns what the board printed (echo included). */
  run(text: string, timeoutMs?: number, what?: string): Promise<string>;
  wire: number;
  lines: number;
}

function lineRunner(c: ReplConsole, answerMs: number, signal: AbortSignal | undefined): LineRunner {
  const r: LineRunner = {
    wire: 0,
    lines: 0,
    run: async (text, timeoutMs = answerMs, what = "the NodeMCU prompt after a line") => {
      if (signal?.aborted) throw abortedError();
      c.mark();
      await c.write(text + "\n", { signal });
      r.wire += text.length + 1;
      r.lines++;
      const m = await c.waitFor(promptAfter(text), timeoutMs, what);
      const out = c.text();
      const err = LUA_ERROR.exec(out);
      if (err) throw boardRefused(err[1]);
      if (m[1] === ">>") throw boardRefused(`the board took the line as incomplete Lua (${text.slice(0, 40)}...)`);
      return out;
    },
  };
  return r;
}

/**
 * Install files on a NodeMCU board that runs the firmware (the recipes:
 * `fobsync recipes install`): each uploaded under a temporary name, its
 * Adler-32 checked on the board, then renamed into place; nothing restarts.
 */
export async function installNodeMcuFiles(opts: { console: ReplConsole; files: { name: string; bytes: Uint8Array }[]; signal?: AbortSignal; timeouts?: Partial<NodeMcuTimeouts> }): Promise<FlashedFile[]> {
  const t = { ...DEFAULTS, ...opts.timeouts };
  const c = opts.console;
  const { run } = lineRunner(c, t.answerMs, opts.signal);
  await attention(c, run, t.answerMs);
  await run(LUA.checksumHelper());
  await run(LUA.renameHelper());
  const done: FlashedFile[] = [];
  let temp = "";
  try {
    for (const f of opts.files) {
      temp = TEMP_PREFIX + f.name;
      await run(LUA.removeFiles([temp]));
      await run(LUA.open(temp));
      for (const line of writeLines(f.bytes, LINE_LIMIT)) await run(line.text);
      await run(LUA.close());
      const want = adler32Parts(f.bytes);
      const got = parseChecksum(await run(LUA.checksum(temp), t.checksumMs, `the checksum of ${temp}`));
      if (got.length !== want.length || got.a !== want.a || got.b !== want.b) throw corrupted(f.name, got, want);
      const committed = await run(LUA.commit([f.name], [[temp, f.name]]));
      if (!/FSCOMMIT\ttrue/.test(committed)) throw boardRefused(`renaming ${f.name} into place failed`);
      done.push({ name: f.name, bytes: f.bytes.length, adler32: adler32Hex(want) });
    }
    return done;
  } catch (err) {
    // the file being written is left under its temporary name: remove it (best effort)
    if (c.link.isOpen && temp !== "") await c.write(LUA.removeFiles([temp]) + "\n").catch(() => undefined);
    throw opts.signal?.aborted ? abortedError() : err;
  }
}

export async function flashNodeMcu(opts: NodeMcuFlashOptions): Promise<NodeMcuFlashResult> {
  const t = { ...DEFAULTS, ...opts.timeouts };
  const c = opts.console;
  const runner = lineRunner(c, t.answerMs, opts.signal);
  const run = runner.run;

  const files = planFiles(opts);
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  opts.onProgress?.({ phase: "connect", sent: 0, total });
  await attention(c, run, t.answerMs);
  const env = parseEnvironment(await run(LUA.environment()));
  const mode = resolveMode(opts.mode ?? "auto", env);
  const upload = mode === "lfs" ? files.filter((f) => f.temp !== TEMP.bundle) : files;
  const needed = upload.reduce((n, f) => n + f.bytes.length, 0) * (mode === "compile" ? 3 : 1);
  if (env.free < needed) throw noSpace(env.free, needed);
  // a board that runs fobsync already has its heap in use, and has shown that it fits
  const heapNeeded = (mode === "lfs" ? NODEMCU_HEAP_BUDGET_KB : NODEMCU_ESP32_HEAP_BUDGET_KB) * 1024;
  if (!env.running && env.heap < heapNeeded) throw noHeap(env, mode, heapNeeded);

  let uploadStarted = false;
  try {
    uploadStarted = true;
    await run(LUA.removeFiles(TEMP_FILES));
    // one line per extra file: the REPL's lines are short
    for (const temp of extraTemps(opts)) await run(LUA.removeFiles([temp]));
    await run(LUA.abortFirmware());
    await run(LUA.checksumHelper());
    await run(LUA.renameHelper());
    let sent = 0;
    const sendTotal = upload.reduce((n, f) => n + f.bytes.length, 0);
    for (const f of upload) {
      await run(LUA.open(f.temp));
      for (const line of writeLines(f.bytes, opts.lineLimit ?? LINE_LIMIT)) {
        await run(line.text);
        sent += line.payload;
        opts.onProgress?.({ phase: "upload", sent, total: sendTotal });
      }
      await run(LUA.close());
    }

    opts.onProgress?.({ phase: "verify", sent: sendTotal, total: sendTotal });
    const flashed: FlashedFile[] = [];
    for (const f of upload) {
      const want = adler32Parts(f.bytes);
      const got = parseChecksum(await run(LUA.checksum(f.temp), t.checksumMs, `the checksum of ${f.temp}`));
      if (got.length !== want.length || got.a !== want.a || got.b !== want.b) throw corrupted(f.name, got, want);
      flashed.push({ name: f.name, bytes: f.bytes.length, adler32: adler32Hex(want) });
    }

    if (mode === "compile") {
      opts.onProgress?.({ phase: "compile", sent: sendTotal, total: sendTotal });
      const out = await run(LUA.compile(TEMP.bundle), t.compileMs, "node.compile of the firmware");
      if (!/FSCOMPILED\ttrue/.test(out)) throw boardRefused("node.compile wrote no new_fobsync.lc");
      await run(LUA.removeFiles([TEMP.bundle]));
    }

    const committed = await run(LUA.commit(...commitPlan(mode)));
    if (!/FSCOMMIT\ttrue/.test(committed)) throw boardRefused("renaming the new files into place failed");
    // the recipes, one line each (the REPL's lines are short); the firmware reads them only when a command needs one
    for (const f of opts.extraFiles ?? []) {
      const done = await run(LUA.commit([f.name], [[TEMP_PREFIX + f.name, f.name]]));
      if (!/FSCOMMIT\ttrue/.test(done)) throw boardRefused(`renaming ${f.name} into place failed`);
    }
    uploadStarted = false;

    opts.onProgress?.({ phase: "reboot", sent: sendTotal, total: sendTotal });
    c.mark();
    await c.write(LUA.restart() + "\n", { signal: opts.signal });
    runner.wire += LUA.restart().length + 1;
    runner.lines++;
    const boot = await c.waitFor(/@\d+ \d+ [EWID] boot [^\r\n]*?build=([0-9a-f]{8})|fobsync: [^\r\n]* failed: [^\r\n]*/, t.bootMs, `the boot banner of build ${opts.build}`);
    if (boot[1] === undefined) throw bootFailed(boot[0]);
    if (boot[1] !== opts.build) throw bannerMismatch(boot[1], opts.build, mode);
    return { chip: env.chip, mode, files: flashed, bytes: sendTotal, build: boot[1], wireBytes: runner.wire, lines: runner.lines, xoffs: c.xoffCount };
  } catch (err) {
    if (uploadStarted && c.link.isOpen) await removeTemporaries(c);
    throw opts.signal?.aborted ? abortedError() : err;
  }
}

interface PlannedFile {
  name: string;
  temp: string;
  bytes: Uint8Array;
}

function planFiles(opts: NodeMcuFlashOptions): PlannedFile[] {
  if (opts.init.length === 0 || opts.bundle.length === 0) throw new Error("the NodeMCU files are empty");
  return [
    { name: "fobsync.lua", temp: TEMP.bundle, bytes: opts.bundle },
    { name: "init.lua", temp: TEMP.init, bytes: opts.init },
    ...(opts.extraFiles ?? []).map((f) => ({ name: f.name, temp: TEMP_PREFIX + f.name, bytes: f.bytes })),
  ];
}

/** Temporary names of the extra files: `new_<name>`, like the firmware's. */
const TEMP_PREFIX = "new_";

function extraTemps(opts: NodeMcuFlashOptions): string[] {
  return (opts.extraFiles ?? []).map((f) => TEMP_PREFIX + f.name);
}

/** Old files to remove and temporary -> final renames, by path. */
function commitPlan(mode: Exclude<LuaCodeMode, "auto">): [string[], Array<[string, string]>] {
  if (mode === "compile") return [["fobsync.lua"], [[TEMP.compiled, "fobsync.lc"], [TEMP.init, "init.lua"]]];
  if (mode === "source") return [["fobsync.lc"], [[TEMP.bundle, "fobsync.lua"], [TEMP.init, "init.lua"]]];
  return [[], [[TEMP.init, "init.lua"]]];
}

/** An empty line (ends a half-typed line), then a probe; a second probe if the first met an incomplete chunk. */
async function attention(c: ReplConsole, run: (text: string, ms?: number, what?: string) => Promise<string>, answerMs: number): Promise<void> {
  const n = (++probeCounter % 9000) + 1000;
  const probe = `print("FS".."Y".."NC${n}")`;
  c.mark();
  await c.write("\n");
  await c.waitFor(PROMPT, answerMs, "the NodeMCU prompt");
  for (let attempt = 0; attempt < 2; attempt++) {
    const out = await run(probe, answerMs, "an answer from the NodeMCU Lua REPL").catch((e: unknown) => {
      if (attempt === 0 && e instanceof CliError && e.code === "board-error") return "";
      throw e;
    });
    if (out.includes(`FSYNC${n}`)) return;
  }
  throw new CliError("board-error", "the board answers but does not run typed Lua (is it a NodeMCU?)", EXIT.failed, "for an Espruino board use --target espruino");
}

interface BoardEnvironment {
  chip: "esp32" | "esp8266";
  canCompile: boolean;
  lfsFobsync: boolean;
  free: number;
  /** Free Lua heap, bytes (`node.heap()`). */
  heap: number;
  /** A fobsync firmware runs now (its heap is in use). */
  running: boolean;
}

function parseEnvironment(out: string): BoardEnvironment {
  const m = /FSENV\t(esp32|esp8266)\t([01])\t([01])\t(\d+)\t(\d+)\t([01])/.exec(out);
  if (!m) throw boardRefused("the board did not describe itself (file, gpio and node modules needed)");
  return { chip: m[1] as "esp32" | "esp8266", canCompile: m[2] === "1", lfsFobsync: m[3] === "1", free: Number(m[4]), heap: Number(m[5]), running: m[6] === "1" };
}

function parseChecksum(out: string): { length: number; a: number; b: number } {
  const m = /FSSUM\t(\d+)\t(\d+)\t(\d+)/.exec(out);
  if (!m) throw boardRefused("the board printed no checksum");
  return { length: Number(m[1]), a: Number(m[2]), b: Number(m[3]) };
}

/** The path for this board; refuses (before anything is written) what cannot work. */
function resolveMode(asked: LuaCodeMode, env: BoardEnvironment): Exclude<LuaCodeMode, "auto"> {
  const mode = asked !== "auto" ? asked : env.chip === "esp8266" ? "lfs" : env.canCompile ? "compile" : "source";
  if (mode === "lfs" && !env.lfsFobsync) throw lfsNeeded(env.chip);
  if (mode !== "lfs" && env.lfsFobsync) {
    throw new CliError(
      "lfs-present",
      `this board runs fobsync from its Lua Flash Store: init.lua would keep running that copy, not a new ${mode === "compile" ? "fobsync.lc" : "fobsync.lua"}; nothing was written`,
      EXIT.failed,
      `rebuild the LFS image from this build and load it (docs/nodemcu.md), then run fobsync flash --target nodemcu --lua lfs`,
    );
  }
  if (mode === "compile" && !env.canCompile) throw new CliError("no-compile", "this NodeMCU has no node.compile; nothing was written", EXIT.failed, "use --lua source, or --lua lfs with an LFS image");
  return mode;
}

/** Exact steps for the LFS path: the host cannot build an LFS image without the board's own luac.cross. */
function lfsNeeded(chip: string): CliError {
  return new CliError(
    "lfs-needed",
    `the ${chip === "esp8266" ? "ESP8266 needs" : "LFS path needs"} fobsync in its Lua Flash Store, and the board has no fobsync module there yet; nothing was written. ` +
      "fobsync cannot build the LFS image: that takes the luac.cross of YOUR NodeMCU build. Do once per firmware build:\n" +
      "  1. npm run build:lua   (dist/nodemcu/fobsync.lua, the build id is printed)\n" +
      "  2. luac.cross -f -s -o fobsync.img dist/nodemcu/fobsync.lua\n" +
      "  3. upload fobsync.img with your NodeMCU uploader (e.g. nodemcu-tool upload fobsync.img)\n" +
      '  4. at the board\'s prompt: node.LFS.reload("fobsync.img")   (the board restarts with the image)\n' +
      "  5. fobsync flash --target nodemcu --lua lfs --port <port>   (uploads init.lua, checks the boot banner's build id)",
    EXIT.failed,
    "an ESP32 can instead compile on the board: --lua compile (the default on ESP32)",
  );
}

/** Best effort: close the upload and remove every temporary file (twice: the first may only end an incomplete chunk). */
async function removeTemporaries(c: ReplConsole): Promise<void> {
  try {
    const line = LUA.removeFiles(TEMP_FILES) + "\n";
    await c.write(line + line);
  } catch {
    // The port went away: the board keeps its previous files; the next flash removes the temporary ones.
  }
}

function boardRefused(text: string): CliError {
  return new CliError("board-error", `the board refused the upload: ${text.trim()}; the previous firmware is unchanged`, EXIT.failed, "check free space (=file.fsinfo()) and flash again");
}

/**
 * The firmware's heap budget on the chosen path (measured on a 32-bit Lua at
 * a 4-key session's peak: test/nodemcu/budgets.test.ts) is more than the
 * board has free.
 */
function noHeap(env: BoardEnvironment, mode: Exclude<LuaCodeMode, "auto">, needed: number): CliError {
  const kb = (n: number) => `${Math.floor(n / 1024)} KB`;
  const lfs = mode === "lfs";
  return new CliError(
    "no-heap",
    `the board has ${kb(env.heap)} of Lua heap free (node.heap()); fobsync ${lfs ? "from its Lua Flash Store" : `as ${mode === "compile" ? "fobsync.lc" : "fobsync.lua"} in RAM`} needs up to ${kb(needed)} in a session; nothing was written`,
    EXIT.failed,
    lfs ? "free heap: a NodeMCU build with fewer modules, nothing else started by init.lua" : "put fobsync in the Lua Flash Store: fobsync flash --target nodemcu --lua lfs (docs/nodemcu.md)",
  );
}

function noSpace(free: number, needed: number): CliError {
  return new CliError("no-space", `the board's file system has ${free} bytes free, the upload needs about ${needed}; nothing was written`, EXIT.failed, "remove files you do not need (file.remove(\"name\")) and flash again");
}

function corrupted(name: string, got: { length: number; a: number; b: number }, want: { length: number; a: number; b: number }): CliError {
  return new CliError(
    "verify-checksum",
    `verification failed: the board stored a different ${name} (${got.length} bytes, Adler-32 ${adler32Hex(got)}; expected ${want.length} bytes, ${adler32Hex(want)}); the previous firmware is unchanged`,
    EXIT.verifyFailed,
    "check the cable and run `fobsync flash --target nodemcu` again",
  );
}

function bootFailed(line: string): CliError {
  return new CliError("boot-failed", `the new firmware is in place but failed to start: ${line.trim()}`, EXIT.verifyFailed, "run `fobsync flash --target nodemcu` again; if it repeats, the board may be short of heap (docs/nodemcu.md)");
}

function bannerMismatch(got: string, want: string, mode: string): CliError {
  const hint = mode === "lfs" ? "the LFS image holds another build: rebuild it from this build (luac.cross -f -s) and node.LFS.reload it" : "something else runs at boot: run `fobsync flash --target nodemcu` again";
  return new CliError("verify-build", `verification failed: the board booted build ${got}, expected ${want}`, EXIT.verifyFailed, hint);
}

function abortedError(): CliError {
  return new CliError("aborted", "upload interrupted; the previous firmware is unchanged, the board can be flashed again", EXIT.aborted);
}
