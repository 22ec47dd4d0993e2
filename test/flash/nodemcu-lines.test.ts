/**
 * The Lua the NodeMCU flasher types: chunks carry every byte value through
 * real lua5.1, lines stay under NodeMCU's console buffer, the host's Adler-32
 * equals the one the board's helper prints, and a firmware line after
 * NodeMCU's prompt is still an event for the monitor.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adler32Parts, LINE_LIMIT, LUA, writeLines } from "../../host/flash/nodemcu-lines";
import { MonitorPipeline } from "../../host/monitor/monitor-pipeline";
import type { MonitorRecord } from "../../host/monitor/records";

const dir = mkdtempSync(join(tmpdir(), "fobsync-lines-test-"));

/** Run the `_w` lines in lua5.1 with `_w` collecting, then the checksum helper on the result; returns stdout. */
function runInLua(bytes: Uint8Array, limit?: number): Buffer {
  const file = join(dir, "p.lua");
  const lines = writeLines(bytes, limit).map((l) => l.text);
  const program = [
    "file={open=function(n) local h=io.open(n,'rb') return h and {read=function(_,k) return h:read(k) end,close=function() h:close() end} end} tmr={}",
    "local t={} function _w(s) t[#t+1]=s end",
    ...lines,
    `local o=io.open(${JSON.stringify(join(dir, "out.bin"))},'wb') o:write(table.concat(t)) o:close()`,
    LUA.checksumHelper(),
    LUA.checksum(join(dir, "out.bin")),
  ].join("\n");
  writeFileSync(file, program, "latin1");
  return execFileSync("lua5.1", [file]);
}

describe("NodeMCU upload lines", () => {
  it("every byte value 0..255 arrives as it was, and the board's Adler-32 equals the host's", () => {
    const bytes = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
    const printed = runInLua(bytes).toString("latin1");
    const want = adler32Parts(bytes);
    expect(printed).toBe(`FSSUM\t${want.length}\t${want.a}\t${want.b}\n`);
  });

  it("random bytes and line limits: lines never exceed the limit, the bytes round-trip", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), fc.integer({ min: 16, max: 254 }), (bytes, limit) => {
        expect(writeLines(bytes, limit).every((l) => l.text.length <= limit)).toBe(true);
        const want = adler32Parts(bytes);
        expect(runInLua(bytes, limit).toString("latin1")).toBe(`FSSUM\t${want.length}\t${want.a}\t${want.b}\n`);
      }),
      { numRuns: 25 },
    );
  });

  it("every line the flasher types fits NodeMCU's 255-character console line", () => {
    const fixed = [LUA.open("new_fobsync.lua"), LUA.close(), LUA.checksumHelper(), LUA.environment(), LUA.abortFirmware(), LUA.compile("new_fobsync.lua"), LUA.renameHelper(), LUA.removeFiles(["new_init.lua", "new_fobsync.lua", "new_fobsync.lc"]), LUA.commit(["fobsync.lua"], [["new_fobsync.lc", "fobsync.lc"], ["new_init.lua", "init.lua"]])];
    for (const line of fixed) expect(line.length).toBeLessThanOrEqual(LINE_LIMIT);
  });

  it("the monitor reads a firmware line printed after NodeMCU's '> ' prompt as its event", () => {
    const records: MonitorRecord[] = [];
    const pipeline = new MonitorPipeline((r) => records.push(r));
    pipeline.rx(Buffer.from('fs("status")\n@2 0 I status state=idle\n> @3 10 I input role=door on=1 at=10\n> print(1)\n'), 0);
    expect(records.filter((r) => r.type === "event").map((r) => (r as { event: string }).event)).toEqual(["status", "input"]);
    expect(records.filter((r) => r.type === "raw").map((r) => (r as { text: string }).text)).toEqual(['fs("status")', "> print(1)"]);
  });
});
