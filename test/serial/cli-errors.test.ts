/**
 * Bad input to flash/monitor/replay through the real CLI program: each is one
 * clear line on stderr and a distinct exit code.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../host/common/errors";
import { runCli } from "../../host/cli/program";
import { openPtyPair } from "../../host/sim/pty-pair";
import { lockHolders } from "../../host/ports/port-holders";
import { buildCli, ROOT } from "../cli/run-cli";
import { openSerialLink } from "../../host/serial/serialport-link";
import { SerialSession } from "../../host/session/serial-session";
import { BOOT_WAIT_MS, checkFirmware } from "../../host/session/run-session";

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: Readable.from([]),
    env: { NO_COLOR: "1" },
    cwd: process.cwd(),
    signal: new AbortController().signal,
  });
  return { code, out, err };
}

describe("serial commands on bad input", () => {
  it("flash without --port: usage error, exit 2", async () => {
    const r = await cli(["flash"]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err.split("\n")[0]).toBe("fobsync: flash needs --port <path> (the board's serial port; see: fobsync ports)");
  });

  it("a baud rate that is not a standard one: exit 2", async () => {
    const r = await cli(["monitor", "--port", "/dev/null", "--baud", "11520"]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/--baud must be one of 9600, .*115200/);
  });

  it("a port that does not exist: exit 3", async () => {
    const r = await cli(["monitor", "--port", "/dev/ttyFOBSYNC-MISSING"]);
    expect(r.code).toBe(EXIT.portNotFound);
    expect(r.err.split("\n")[0]).toBe("fobsync: serial port /dev/ttyFOBSYNC-MISSING not found");
  });

  it("a port another program holds: exit 4, naming the program that holds it (from the port's lock) and how to end it", { timeout: 30_000 }, async () => {
    buildCli();
    const pair = await openPtyPair();
    const holder = spawn(process.execPath, [join(ROOT, "bin", "fobsync.js"), "monitor", "--port", pair.hostPath], { stdio: "ignore" });
    try {
      await expect.poll(() => lockHolders(pair.hostPath), { timeout: 15_000 }).toEqual([holder.pid]);
      const r = await cli(["flash", "--port", pair.hostPath]);
      expect(r.code).toBe(EXIT.portBusy);
      expect(r.err.split("\n")[0]).toBe(`fobsync: serial port ${pair.hostPath} is busy (held by fobsync monitor (pid ${holder.pid}))`);
      expect(r.err).toMatch(new RegExp(`kill ${holder.pid}; then try again`));
    } finally {
      holder.kill("SIGKILL");
      await pair.close();
    }
  });

  it("a port this program itself still holds: tried again for a moment, then busy without a name (exit 4)", async () => {
    const pair = await openPtyPair();
    const holder = await openSerialLink({ path: pair.hostPath, baudRate: 115200 });
    const r = await cli(["flash", "--port", pair.hostPath]);
    await holder.close();
    await pair.close();
    expect(r.code).toBe(EXIT.portBusy);
    expect(r.err.split("\n")[0]).toBe(`fobsync: serial port ${pair.hostPath} is busy (another program has it open)`);
  });

  it("monitor --json on a board spewing garbage (wrong baud): exit 8 as a JSON error record", async () => {
    const pair = await openPtyPair();
    const board = await openSerialLink({ path: pair.boardPath, baudRate: 115200 });
    const noise = setInterval(() => void board.write(Buffer.from(Array.from({ length: 32 }, (_, i) => 0xe0 + (i % 16)))).catch(() => {}), 5);
    const r = await cli(["monitor", "--json", "--port", pair.hostPath]);
    clearInterval(noise);
    await board.close();
    await pair.close();
    expect(r.code).toBe(EXIT.garbage);
    const last = JSON.parse(r.out.trim().split("\n").at(-1)!);
    expect(last).toMatchObject({ type: "error", code: "garbage", exit: EXIT.garbage });
  });

  it.each([["pair", "--recipe", "bmw-zke", "--keys", "2", "--yes"], ["test-fob"], ["recipes"]])("%s on a board spewing garbage (wrong baud): the baud hint, exit 8, as flash and monitor give", async (...command) => {
    const pair = await openPtyPair();
    const board = await openSerialLink({ path: pair.boardPath, baudRate: 115200 });
    const noise = setInterval(() => void board.write(Buffer.from(Array.from({ length: 32 }, (_, i) => 0xe0 + (i % 16)))).catch(() => {}), 5);
    const r = await cli([...command, "--port", pair.hostPath]);
    clearInterval(noise);
    await board.close();
    await pair.close();
    expect(r.code, r.err).toBe(EXIT.garbage);
    expect(r.err.split("\n")[0]).toMatch(/^fobsync: garbage from the board on \/dev\/pts\/\d+ at 115200 baud \(\d+ of \d+ bytes are not text\)$/);
  });

  it("a board still booting when the port opens: the first 'version' is lost, the board's boot line comes 1.5 s later; the check asks again ('waiting for the board to boot') and goes on", { timeout: 30_000 }, async () => {
    const pair = await openPtyPair();
    const board = await openSerialLink({ path: pair.boardPath, baudRate: 115200 });
    let asked = 0;
    const said: string[] = [];
    board.onData((chunk) => {
      if (!/version/.test(Buffer.from(chunk).toString("latin1"))) return;
      asked++;
      if (asked === 1) setTimeout(() => void board.write(Buffer.from("ets Jun  8 2016 00:22:57\r\nrst:0x1 (POWERON_RESET)\r\n@1 0 I boot fw=0.1.0 build=3f9a2c1e target=espruino board=esp32-relay8 proto=2 rf=1 radios=off fobs=2\r\n")), 1500);
      else void board.write(Buffer.from("@2 1600 I version fw=0.1.0 build=3f9a2c1e target=espruino board=esp32-relay8 proto=2 rf=1 radios=off\r\n@3 1600 I ok cmd=version\r\n"));
    });
    const link = await openSerialLink({ path: pair.hostPath, baudRate: 115200 });
    const session = SerialSession.over(link, `board on ${pair.hostPath}`);
    try {
      const version = await checkFirmware(session, () => {}, new AbortController().signal, (t) => said.push(t));
      expect(version.fields.build).toBe("3f9a2c1e");
      expect(said).toEqual(["waiting for the board to boot (asking again for up to 8 s)..."]);
      expect(asked).toBe(2);
    } finally {
      await session.close();
      await board.close();
      await pair.close();
    }
  });

  it("a board that never answers still fails in one line after the boot wait (exit 5)", { timeout: 30_000 }, async () => {
    const pair = await openPtyPair();
    const board = await openSerialLink({ path: pair.boardPath, baudRate: 115200 });
    const started = Date.now();
    const r = await cli(["recipes", "--port", pair.hostPath]);
    await board.close();
    await pair.close();
    expect(r.code).toBe(EXIT.noAnswer);
    expect(r.err.split("\n")[0]).toMatch(/^fobsync: no answer to 'version' from the .* within \d+ s$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(BOOT_WAIT_MS);
  });

  it("flash to a board that stays silent: it says it waits for the board to boot, asks again, then fails in one line (exit 5)", { timeout: 30_000 }, async () => {
    const pair = await openPtyPair();
    const board = await openSerialLink({ path: pair.boardPath, baudRate: 115200 });
    let probes = 0;
    board.onData((chunk) => (probes += (Buffer.from(chunk).toString("latin1").match(/FS"\+"Y"\+"NC/g) ?? []).length));
    const r = await cli(["flash", "--port", pair.hostPath]);
    await board.close();
    await pair.close();
    expect(r.code).toBe(EXIT.noAnswer);
    expect(r.out).toMatch(/waiting for the board to boot \(asking again for up to 8 s\)/);
    expect(r.err.split("\n")[0]).toMatch(/^fobsync: the board on \/dev\/pts\/\d+ did not answer within \d+\.\d s \(waiting for an answer from the Espruino REPL after Ctrl-C\)$/);
    expect(probes).toBeGreaterThan(3);
  });

  it("replay of a file that is not a recording: exit 2 naming the first line (a recording with some bad lines replays the rest: replay.test.ts)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fobsync-replay-"));
    writeFileSync(join(dir, "bad.ndjson"), "hello\nworld\n");
    const r = await cli(["replay", join(dir, "bad.ndjson")]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err.split("\n")[0]).toBe(`fobsync: ${join(dir, "bad.ndjson")} holds no fobsync recording entry (line 1: not JSON)`);
  });
});
