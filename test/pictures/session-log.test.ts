import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PictureInputError } from "../../host/pictures/errors";
import { parseSessionLog, pickSession } from "../../host/pictures/session-log";

const fixture = (name: string) => readFileSync(new URL("./fixtures/" + name, import.meta.url), "utf8");

const ev = (seq: number, ms: number, event: string, fields: Record<string, string | number> = {}) =>
  JSON.stringify({ type: "event", seq, ms, level: "I", event, fields });

describe("session logs", () => {
  it("reads raw @-lines and NDJSON records alike, ignoring other records and noise", () => {
    const raw = parseSessionLog(fixture("zke-2keys.txt"));
    expect(raw.eventCount).toBe(37);
    expect(raw.sessions).toHaveLength(1);
    expect(raw.sessions[0].events[0].event).toBe("session.start");
    const nd = parseSessionLog(fixture("zke-violation.ndjson"));
    expect(nd.eventCount).toBe(27);
    expect(nd.unreadableLines).toBe(0);
    const sw = nd.sessions[0].events.find((e) => e.event === "switch")!;
    expect(sw.fields).toEqual({ role: "fob1.unlock", on: 1, max: 20000 });
    const noisy = parseSessionLog("> fs(\"pair\")\nUncaught Error\n" + ev(1, 0, "session.start") + "\n{broken\n" + ev(2, 10, "switch", { role: "fob1.lock", on: 1, max: 400 }));
    expect(noisy.eventCount).toBe(2);
    expect(noisy.unreadableLines).toBe(3);
  });

  it("reads a raw recording (monitor --record, the page's log) as a terminal shows it: REPL prompts and prompt erasures do not hide a release", () => {
    const rx = (text: string) => JSON.stringify({ t: 1, dir: "rx", hex: Buffer.from(text, "latin1").toString("hex") });
    const tx = (text: string) => JSON.stringify({ t: 1, dir: "tx", hex: Buffer.from(text, "latin1").toString("hex") });
    const recording = [
      tx('\x10fs("pair bmw-zke keys=1 confirm=1")\n'),
      rx(">@2 100 I ok cmd=pair\r\n>@3 100 I session.start recipe=bmw-zke keys=1 fobs=2\r\n>"),
      rx("\r\x1b[J@4 4150 I switch role=fob1.unlock on=1 max=3650\r\n>"),
      rx("\r\x1b[J@5 7550 I switch role=fob1.unlock on=0 held=3400\r\n>"),
    ].join("\n");
    const log = parseSessionLog(recording);
    const switches = log.sessions[0].events.filter((e) => e.event === "switch").map((e) => e.fields.on);
    expect(switches).toEqual([1, 0]);
    expect(log.unreadableLines).toBe(0);
  });

  it("starts a new epoch at a reboot record, a boot event or device time going back; plots the last session by default", () => {
    const text = [
      ev(1, 0, "boot"),
      ev(2, 100, "session.start", { recipe: "bmw-zke", keys: 1 }),
      ev(3, 900, "switch", { role: "fob1.unlock", on: 1, max: 20000 }),
      JSON.stringify({ type: "reboot" }),
      ev(1, 50, "session.start", { recipe: "bmw-zke", keys: 2 }),
      ev(2, 400, "switch", { role: "fob1.lock", on: 1, max: 400 }),
      ev(3, 700, "session.end", { ok: 0, reason: "abort" }),
      ev(4, 800, "session.start", { recipe: "fob-test", keys: 1 }),
      ev(1, 5, "session.start", { recipe: "after-a-silent-reset" }),
    ].join("\n");
    const log = parseSessionLog(text);
    expect(log.sessions.map((s) => [s.index, s.epoch, s.events[0].ms, s.events.length])).toEqual([
      [1, 1, 100, 2],
      [2, 2, 50, 3],
      [3, 2, 800, 1],
      [4, 3, 5, 1],
    ]);
    expect(pickSession(log).index).toBe(4);
    expect(pickSession(log, 2).events.map((e) => e.event)).toEqual(["session.start", "switch", "session.end"]);
    expect(() => pickSession(log, 5)).toThrow("session 5 does not exist: the log has 4 session(s), numbered 1..4");
  });

  it("refuses a log without events, or with nothing to plot, in words", () => {
    expect(() => pickSession(parseSessionLog("hello\n\n{\"type\":\"summary\"}\n"))).toThrow(PictureInputError);
    expect(() => pickSession(parseSessionLog("hello\n"))).toThrow(/the log has no firmware events .*1 unreadable lines/);
    expect(() => pickSession(parseSessionLog(ev(1, 0, "boot") + "\n" + ev(2, 5, "ok", { cmd: "version" })))).toThrow(
      "the log has 2 events but nothing to plot (no switch, input, window or session events)",
    );
  });
});
