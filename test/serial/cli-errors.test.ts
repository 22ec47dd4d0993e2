/**
 * Bad input to flash/monitor/replay through the real CLI program: each is one
 * clear line on stderr and a distinct exit code.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../host/common/errors";
import { runCli } from "../../host/cli/program";
import { openPtyPair } from "../../host/sim/pty-pair";
import { openSerialLink } from "../../host/serial/serialport-link";

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

  it("a port another program holds: exit 4", async () => {
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

  it("replay of a file that is not a recording: exit 2 naming the first line (a recording with some bad lines replays the rest: replay.test.ts)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fobsync-replay-"));
    writeFileSync(join(dir, "bad.ndjson"), "hello\nworld\n");
    const r = await cli(["replay", join(dir, "bad.ndjson")]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err.split("\n")[0]).toBe(`fobsync: ${join(dir, "bad.ndjson")} holds no fobsync recording entry (line 1: not JSON)`);
  });
});
