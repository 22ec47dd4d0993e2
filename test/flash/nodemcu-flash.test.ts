/**
 * NodeMCU flash end to end over a real pseudo-terminal: the virtual NodeMCU
 * (Lua REPL, lua5.1 with the NodeMCU shim, an empty file system) on one end,
 * the real serialport bindings on the other, as `fobsync flash --target
 * nodemcu --port` runs against hardware. Needs socat and lua5.1.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { CliError, EXIT } from "../../host/common/errors";
import { nodeMcuFiles, type NodeMcuFiles } from "../../host/flash/nodemcu-files";
import { flashNodeMcu, type LuaCodeMode } from "../../host/flash/nodemcu-flasher";
import { LUA } from "../../host/flash/nodemcu-lines";
import { ReplConsole } from "../../host/serial/repl-console";
import { openSerialLink } from "../../host/serial/serialport-link";
import { startNodeMcuBoard, type NodeMcuBoard, type NodeMcuBoardOptions } from "../../host/sim/boards/nodemcu-board";

let files: NodeMcuFiles;
let board: NodeMcuBoard | null = null;

/** A firmware flashed before: its init.lua prints a boot line with build 00c0ffee. */
const OLD_INIT = 'print("@1 0 I boot fw=0.0.9 build=00c0ffee target=nodemcu board=esp32-relay8 fobs=2 proto=1")\n';

beforeAll(() => {
  files = nodeMcuFiles();
}, 60_000);

afterEach(async () => {
  await board?.stop();
  board = null;
});

async function start(opts: NodeMcuBoardOptions = {}): Promise<NodeMcuBoard> {
  board = await startNodeMcuBoard({ baud: 0, speed: 20, ...opts });
  return board;
}

async function flashOnce(b: NodeMcuBoard, mode: LuaCodeMode = "auto") {
  const link = await openSerialLink({ path: b.hostPath, baudRate: 115200 });
  try {
    return await flashNodeMcu({ console: new ReplConsole(link), init: files.init, bundle: files.bundle, build: files.build, mode });
  } finally {
    await link.close();
  }
}

/** Type a line at the board's REPL over the port. */
async function typeLine(b: NodeMcuBoard, line: string): Promise<void> {
  const link = await openSerialLink({ path: b.hostPath, baudRate: 115200 });
  await link.write(line + "\n");
  await link.drain();
  await link.close();
}

const boots = (b: NodeMcuBoard, build: string) => b.bench.events.filter((e) => e.event === "boot" && e.fields.build === build).length;

/** Bytes the board receives before the first `_w` data line (the flasher's fixed opening lines). */
function bytesBeforeFirstDataLine(): number {
  const probe = 'print("FS".."Y".."NC1234")';
  const opening = ["", probe, LUA.environment(), LUA.removeFiles(["new_init.lua", "new_fobsync.lua", "new_fobsync.lc"]), LUA.abortFirmware(), LUA.checksumHelper(), LUA.renameHelper(), LUA.open("new_fobsync.lua")];
  return opening.reduce((n, line) => n + line.length + 1, 0);
}

describe("flash --target nodemcu over a pseudo-terminal", () => {
  it("a fresh board (no init.lua) gets init.lua and fobsync.lc, verified, and boots the uploaded build", async () => {
    const b = await start();
    expect(b.repl.files()).toEqual([]);
    const result = await flashOnce(b);
    expect(result.chip).toBe("esp32");
    expect(result.mode).toBe("compile");
    expect(result.build).toBe(files.build);
    expect(result.files.map((f) => [f.name, f.bytes])).toEqual([
      ["fobsync.lua", files.bundle.length],
      ["init.lua", files.init.length],
    ]);
    expect(b.repl.files()).toEqual(["fobsync.lc", "init.lua"]);
    expect(b.repl.readFile("init.lua")).toBe(files.init.toString("latin1"));
    expect(b.repl.readFile("fobsync.lc")?.startsWith("\x1bLua")).toBe(true);
    expect(boots(b, files.build)).toBe(1);
  });

  it("--lua source keeps fobsync.lua as uploaded, byte for byte, and removes a stale fobsync.lc", async () => {
    const b = await start({ files: { "fobsync.lc": "stale" } });
    const result = await flashOnce(b, "source");
    expect(result.mode).toBe("source");
    expect(b.repl.files()).toEqual(["fobsync.lua", "init.lua"]);
    expect(b.repl.readFile("fobsync.lua")).toBe(files.bundle.toString("latin1"));
    expect(boots(b, files.build)).toBe(1);
  });

  it("a corrupted chunk is caught by the on-board checksum (exit 6); the previous firmware survives and boots; a second flash succeeds", async () => {
    const b = await start({ files: { "init.lua": OLD_INIT }, corruptAtByte: bytesBeforeFirstDataLine() + 12 });
    const err = await flashOnce(b).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).code).toBe("verify-checksum");
    expect((err as CliError).exit).toBe(EXIT.verifyFailed);
    expect((err as CliError).message).toMatch(/^verification failed: the board stored a different fobsync\.lua .*the previous firmware is unchanged$/);
    await expect.poll(() => b.repl.files()).toEqual(["init.lua"]);
    expect(b.repl.readFile("init.lua")).toBe(OLD_INIT);
    await typeLine(b, "node.restart()");
    await expect.poll(() => boots(b, "00c0ffee"), { timeout: 5000 }).toBe(2);
    const again = await flashOnce(b);
    expect(again.build).toBe(files.build);
    expect(b.repl.files()).toEqual(["fobsync.lc", "init.lua"]);
  });

  it("a port pulled mid-upload is a clear error (exit 3); the old firmware is intact; plugged back, a re-flash works", async () => {
    const b = await start({ files: { "init.lua": OLD_INIT }, unplugAtByte: 9000, hostLink: `/tmp/fobsync-test-nodemcu-unplug-${process.pid}` });
    const err = await flashOnce(b).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).code).toBe("port-disconnected");
    expect((err as CliError).exit).toBe(EXIT.portNotFound);
    expect(b.repl.readFile("init.lua")).toBe(OLD_INIT);
    expect(b.repl.files()).not.toContain("fobsync.lc");
    await b.replug();
    await expect.poll(() => boots(b, "00c0ffee"), { timeout: 5000 }).toBe(2);
    const again = await flashOnce(b);
    expect(again.build).toBe(files.build);
    expect(b.repl.files()).toEqual(["fobsync.lc", "init.lua"]);
    expect(boots(b, files.build)).toBe(1);
  });

  it("an ESP8266 without fobsync in its Lua Flash Store is refused with the luac.cross steps, before anything is written", async () => {
    const b = await start({ flavour: "esp8266", files: { "init.lua": "" } });
    const err = await flashOnce(b).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).code).toBe("lfs-needed");
    expect((err as CliError).message).toMatch(/luac\.cross -f -s -o fobsync\.img dist\/nodemcu\/fobsync\.lua/);
    expect((err as CliError).message).toMatch(/node\.LFS\.reload\("fobsync\.img"\)/);
    expect(b.repl.files()).toEqual(["init.lua"]);
  });

  it("a board with less free Lua heap than the chosen path needs (node.heap()) is refused with the numbers before anything is written; LFS is the way out", async () => {
    const b = await start({ heapBytes: 60 * 1024, files: { "init.lua": "" } });
    const err = await flashOnce(b, "compile").catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).code).toBe("no-heap");
    expect((err as CliError).message).toMatch(/^the board has \d+ KB of Lua heap free \(node\.heap\(\)\); fobsync as fobsync\.lc in RAM needs up to 100 KB in a session; nothing was written$/);
    expect((err as CliError).hint).toMatch(/--lua lfs/);
    expect(b.repl.files()).toEqual(["init.lua"]);
  });
});

