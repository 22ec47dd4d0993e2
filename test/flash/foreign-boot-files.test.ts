/**
 * What `fobsync flash` says about what the board held before (issue 27), on
 * fobsync's model of Espruino (it runs `.boot0`-`.boot3` before `.bootcde`,
 * as Espruino does; the same flows on the real interpreter:
 * storage-space.test.ts): the program it replaced, the other boot files it
 * removed, or kept with `--keep` (a warning), and a compaction.
 */
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flashBundleTo } from "../../host/cli/commands/flash";
import { Output } from "../../host/common/output";
import { ptyFlashHarness } from "./pty-flash-harness";
import { buildEspruinoBundle } from "../../host/bundler/espruino-build";
import { ESP32_RELAY8_4FOBS } from "../../hal/board-profiles";
import { buildCli, runCliAsync } from "../cli/run-cli";

const h = ptyFlashHarness();

async function flashCommand(seed: Record<string, string>, keepForeign: boolean, json = false) {
  const b = await h.start({});
  for (const [name, text] of Object.entries(seed)) b.runtime.storage.write(name, text);
  let text = "";
  const out = new Output({ json, color: false, stdout: { write: (t: string) => (text += t) }, stderr: { write: () => true } });
  const result = await flashBundleTo(b.hostPath, 115200, h.bundle(), { out, signal: new AbortController().signal }, { keepForeign });
  return { b, result, text };
}

describe("flash onto a board that held something else", () => {
  it("replaces the program in .bootcde, removes a save()d program and other boot code, and says so; only fobsync runs at the next boot", async () => {
    const { b, text } = await flashCommand({ ".bootcde": 'print("USER PROGRAM")', ".boot1": 'print("BOOT1")', ".varimage": "saved" }, false);
    expect(text).toContain('replaced the 21-byte program that was in .bootcde');
    expect(text).toContain("removed what else ran at boot: .boot1 (boot code run before .bootcde), .varimage (a program kept with save())");
    expect(b.runtime.storage.list().filter((f) => f.startsWith("."))).toEqual([".bootcde"]);
    const booted = b.runtime.feedBytes("load()\n");
    expect(booted).not.toMatch(/USER PROGRAM|BOOT1/);
  });

  it("--keep keeps them, with a warning that they run before fobsync; --json has a storage record", async () => {
    const { b, text } = await flashCommand({ ".boot1": 'print("BOOT1")' }, true, true);
    const records = text.trim().split("\n").map((l) => JSON.parse(l));
    expect(records.find((r) => r.type === "storage")).toEqual({ type: "storage", replacedBytes: 0, removed: [], kept: [".boot1"], compacted: false });
    expect(b.runtime.storage.read(".boot1")).toBe('print("BOOT1")');
  });
});

describe("flash onto a board with an older fobsync build and its recipes", () => {
  it("the built-ins are replaced by this build's (no longer MODIFIED), a recipe this build does not have is kept and said; the new build boots", { timeout: 60_000 }, async () => {
    buildCli();
    const older = buildEspruinoBundle({ board: ESP32_RELAY8_4FOBS });
    const b = await h.start({ bundle: older.shipped });
    const zke = b.runtime.storage.read("fr.bmw-zke")!;
    // an older build's bmw-zke: other content (one key fewer), its own content hash (the head's last field)
    b.runtime.storage.write("fr.bmw-zke", zke.replace(/^(\S+ \S+ )(\d+)( \S+ \S+ )([0-9a-f]+)/, (_m, a: string, keys: string, c: string) => `${a}${Number(keys) - 1}${c}0badc0de`));
    b.runtime.storage.write("fr.old-only", zke.replace(/^bmw-zke/, "old-only"));
    const before = await runCliAsync(["recipes", "--port", b.hostPath]);
    expect(before.stdout).toMatch(/bmw-zke .*MODIFIED/);
    const r = await runCliAsync(["flash", "--port", b.hostPath]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("kept 1 recipe the board had that is not one of this build's: old-only (yours, or an older fobsync's; fobsync recipes --port shows what each is)");
    expect(r.stdout).toMatch(new RegExp(`board booted build ${h.bundle().build}`));
    const after = await runCliAsync(["recipes", "--port", b.hostPath]);
    expect(after.stdout).not.toMatch(/MODIFIED/);
    expect(after.stdout).toMatch(/old-only .*custom/);
  });
});

/** A board running this build of fobsync that also holds another program's boot file (.boot1) and a file of its own (mydata, 100 bytes). */
async function fobsyncBoardWithOtherFiles() {
  const b = await h.start({ bundle: h.bundle().bytes.toString("latin1") });
  b.runtime.storage.write(".boot1", 'print("BOOT1")');
  b.runtime.storage.write("mydata", "x".repeat(100));
  return b;
}

describe("recipes --port lists what else the board holds", () => {
  it("another program's boot file first (it runs before fobsync), then other files, then the room left", { timeout: 60_000 }, async () => {
    buildCli();
    const b = await fobsyncBoardWithOtherFiles();
    const r = await runCliAsync(["recipes", "--port", b.hostPath]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/also runs at boot: \.boot1 \(boot code run before \.bootcde, 14 bytes\): fobsync flash removes it\nother file: mydata \(100 bytes\)\nStorage: \d+ bytes free of 917504, 0 in deleted files until it compacts/);
    expect(r.stdout).not.toMatch(/other file: (fr\.|\.bootcde)/);
  });
});

describe("doctor --listen says what the board runs and what else it holds", () => {
  it("the Espruino version, the program in .bootcde, another program's boot file (a warning with the flash that removes it), other files; fobsync's own files and a staged copy left behind are not listed", { timeout: 60_000 }, async () => {
    buildCli();
    const b = await fobsyncBoardWithOtherFiles();
    b.runtime.storage.write("~fr.my-ford", "half");
    const r = await runCliAsync(["doctor", "--port", b.hostPath, "--listen", "300"]);
    expect(r.stdout).toMatch(/\[warn\] what the board runs: Espruino 2v\d+(\.\d+)?, a program in \.bootcde; \.boot1 also run at boot\n {7}also runs at boot: \.boot1 \(boot code run before \.bootcde, 14 bytes\): fobsync flash removes it\n {7}other file: mydata \(100 bytes\)\n {7}Storage: \d+ bytes free of 917504, \d+ in deleted files until it compacts\n {7}fix: fobsync flash --port \S+ {3}\(removes them; --keep keeps them\)/);
    expect(r.stdout).not.toMatch(/other file: (fr\.|~fr\.|\.bootcde)/);
    const json = await runCliAsync(["doctor", "--json", "--port", b.hostPath, "--listen", "300"]);
    expect(json.records().find((x) => x.id === "board")).toMatchObject({ status: "warn", notes: expect.arrayContaining(["other file: mydata (100 bytes)"]) });
  });

  it("an Espruino too old for fobsync, and a port where nothing answers: a warning each, with what to do", { timeout: 60_000 }, async () => {
    buildCli();
    const old = await h.start({ version: "2v25" });
    const r = await runCliAsync(["doctor", "--port", old.hostPath, "--listen", "200"]);
    expect(r.stdout).toMatch(/\[warn\] what the board runs: Espruino 2v25: fobsync needs 2v27 or newer\n[^]*fix: put a newer Espruino on the board/);
    const link = `/tmp/fobsync-doctor-silent-${process.pid}`;
    const silent = spawn("socat", [`PTY,link=${link},raw,echo=0`, "EXEC:sleep 60"], { stdio: "ignore" });
    try {
      await expect.poll(() => existsSync(link), { timeout: 5000 }).toBe(true);
      const q = await runCliAsync(["doctor", "--port", link, "--listen", "200"]);
      expect(q.stdout).toMatch(/\[warn\] what the board runs: no answer at an Espruino REPL \(a NodeMCU board answers in Lua: this check is for Espruino\)\n {7}fix: a board without Espruino needs it first/);
    } finally {
      silent.kill();
    }
  });

  it("a board whose ROM waits for download, and one whose ROM booted with no Espruino after it: each said, with what to do", { timeout: 60_000 }, async () => {
    buildCli();
    const rom = async (lines: string, name: string) => {
      const link = `/tmp/fobsync-doctor-${name}-${process.pid}`;
      // socat splits its address at commas: the ROM's lines go in a script of their own
      const script = join(tmpdir(), `fobsync-doctor-${name}-${process.pid}.sh`);
      writeFileSync(script, `while true; do printf '${lines}'; sleep 0.05; done\n`);
      const board = spawn("socat", [`PTY,link=${link},raw,echo=0`, `EXEC:sh ${script}`], { stdio: "ignore" });
      try {
        await expect.poll(() => existsSync(link), { timeout: 5000 }).toBe(true);
        return (await runCliAsync(["doctor", "--port", link, "--listen", "300"])).stdout;
      } finally {
        board.kill();
      }
    };
    const download = await rom("ets Jun  8 2016 00:22:57\\r\\n\\r\\nrst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\\r\\nwaiting for download\\r\\n", "download");
    expect(download).toMatch(/\[warn\] what the board runs: the board is in download mode: its ROM says "waiting for download"[^\n]*\n {7}fix: to run what it holds, press EN\/RESET without holding BOOT/);
    const booted = await rom("ets Jun  8 2016 00:22:57\\r\\n\\r\\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\\r\\nload:0x3fff0018,len:4\\r\\n", "rom");
    expect(booted).toMatch(/\[warn\] what the board runs: the chip's ROM booted \(its reset messages were heard\), then no Espruino answered[^\n]*\n {7}fix: put Espruino on the board/);
  });
});

