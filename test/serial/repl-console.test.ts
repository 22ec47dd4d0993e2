/**
 * Talking to a REPL over the mock binding, with virtual time for timeouts:
 * silence is "board not answering" (exit 5), noise is "garbage" (exit 8),
 * XOFF holds writes back until XON, commands are escaped for the REPL.
 */
import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { CliError, EXIT } from "../../host/common/errors";
import { replCommandLine } from "../../host/serial/firmware-command";
import { ReplConsole, type Timers } from "../../host/serial/repl-console";
import { mockHarness, type LinkHarness } from "./link-harness";

let h: LinkHarness | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
});

function virtualTimers(clock: VirtualClock): Timers {
  return { setTimeout: (fn, ms) => clock.after(ms, fn), clearTimeout: (id) => clock.cancel(id as number) };
}

const settle = () => new Promise((r) => setImmediate(r));

describe("REPL console", () => {
  it("a board that stays silent is 'not answering' (exit 5) once the timeout passes", async () => {
    h = mockHarness();
    const clock = new VirtualClock();
    const c = new ReplConsole(await h.open(), virtualTimers(clock));
    const wait = c.waitFor(/FSYNC/, 3000, "an answer to the probe").catch((e) => e);
    clock.runFor(3000);
    const err = (await wait) as CliError;
    expect(err.code).toBe("no-answer");
    expect(err.exit).toBe(EXIT.noAnswer);
    expect(err.message).toBe("the board on /dev/ttyFAKE0 did not answer within 3.0 s (waiting for an answer to the probe)");
  });

  it("a board sending bytes that are not text is 'garbage' with a baud hint (exit 8), without waiting for the timeout", async () => {
    h = mockHarness();
    const c = new ReplConsole(await h.open(), virtualTimers(new VirtualClock()));
    const wait = c.waitFor(/FSYNC/, 3000, "an answer").catch((e) => e);
    await h.boardSends(Buffer.from(Array.from({ length: 64 }, (_, i) => 0x80 + i)));
    const err = (await wait) as CliError;
    expect(err.exit).toBe(EXIT.garbage);
    expect(err.message).toMatch(/^garbage from the board on \/dev\/ttyFAKE0 at 115200 baud/);
    expect(err.hint).toMatch(/baud rate is probably wrong/);
  });

  it("stops writing on XOFF and resumes on XON", async () => {
    h = mockHarness();
    const c = new ReplConsole(await h.open(), virtualTimers(new VirtualClock()));
    await h.boardSends("\x13");
    await settle();
    const writing = c.write("x".repeat(600), { sliceBytes: 100 });
    for (let i = 0; i < 20; i++) await settle();
    expect((await h.boardReceived()).length).toBe(0);
    await h.boardSends("\x11");
    await writing;
    expect((await h.boardReceived()).length).toBe(600);
    expect(c.xoffCount).toBe(1);
  });

  it("wraps commands as fs(\"...\") with quotes and backslashes escaped, and refuses over-long or non-ASCII ones", () => {
    expect(replCommandLine('pair bmw-zke keys=2 confirm=2')).toBe('fs("pair bmw-zke keys=2 confirm=2")\n');
    expect(replCommandLine('x "a\\b"', true)).toBe('\x10fs("x \\"a\\\\b\\"")\n');
    expect(() => replCommandLine("a".repeat(121))).toThrow(/at most 120/);
    expect(() => replCommandLine("caf\u00e9")).toThrow(/printable ASCII/);
  });
});
