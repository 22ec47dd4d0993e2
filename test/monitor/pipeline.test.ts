/**
 * The monitor pipeline on byte streams a board could send: lost lines,
 * reboots and their reasons, garbage and overlong lines, filters, formats,
 * and a recording that replays to the same records.
 */
import { describe, expect, it } from "vitest";
import { MonitorPipeline } from "../../host/monitor/monitor-pipeline";
import type { MonitorRecord } from "../../host/monitor/records";
import { passes, parseEventList, parseLevel } from "../../host/monitor/filters";
import { formatHuman } from "../../host/monitor/format-human";
import { parseRecording } from "../../host/monitor/recording";
import { CliError } from "../../host/common/errors";

function run(chunks: string[]): MonitorRecord[] {
  const out: MonitorRecord[] = [];
  const p = new MonitorPipeline((r) => out.push(r));
  chunks.forEach((c, i) => p.rx(Buffer.from(c, "latin1"), 1000 + i));
  p.end();
  return out;
}

const BOOT = (seq = 1) => `@${seq} 0 I boot fw=0.1.0 build=3f9a2c1e target=espruino board=esp32-relay8 fobs=2 proto=1\r\n`;

describe("monitor pipeline", () => {
  it("parses events split across chunks and keeps console text as raw lines", () => {
    const recs = run([BOOT(), "@2 15 I ok c", "md=status\r\n>echo(0)\r\n"]);
    expect(recs.map((r) => r.type)).toEqual(["reboot", "event", "event", "raw"]);
    expect(recs[2]).toMatchObject({ type: "event", seq: 2, ms: 15, level: "I", event: "ok", fields: { cmd: "status" }, t: 1002 });
    expect(recs[3]).toMatchObject({ type: "raw", text: ">echo(0)" });
  });

  it("reports a gap in sequence numbers as lost lines", () => {
    const recs = run([BOOT(), "@2 10 I ok cmd=a\n@6 20 I ok cmd=b\n"]);
    expect(recs.filter((r) => r.type === "lost")).toEqual([{ type: "lost", t: 1001, epoch: 1, from: 3, to: 5 }]);
  });

  it("a new boot banner starts a new epoch and says why: the ESP32 ROM's reset cause", () => {
    const recs = run([BOOT(), "@2 10 I ok cmd=a\n", "ets Jun  8 2016 00:22:57\r\nrst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n", BOOT()]);
    const reboots = recs.filter((r) => r.type === "reboot");
    expect(reboots).toHaveLength(2);
    expect(reboots[1]).toMatchObject({ epoch: 2, reason: "reset by the chip: SW_CPU_RESET", build: "3f9a2c1e" });
    expect(recs.filter((r) => r.type === "lost")).toEqual([]);
  });

  it("names a firmware fault, a brownout and a host-requested reset as reboot reasons", () => {
    const recs: MonitorRecord[] = [];
    const p = new MonitorPipeline((r) => recs.push(r));
    p.rx(Buffer.from(BOOT() + '@2 5 E fault msg="boom"\r\n' + BOOT()), 1);
    p.rx(Buffer.from("Brownout detector was triggered\r\n" + BOOT()), 2);
    p.tx("load()", 3);
    p.rx(Buffer.from(BOOT()), 4);
    expect(recs.filter((r) => r.type === "reboot").map((r) => (r as { reason: string }).reason)).toEqual([
      "first boot seen",
      "firmware fault: boom",
      "brownout: the supply voltage dropped",
      "requested by the host: load()",
    ]);
  });

  it("what the host sent reads as the command (status, not fs(\"status\")), and the session heartbeat is not shown", () => {
    const recs: MonitorRecord[] = [];
    const p = new MonitorPipeline((r) => recs.push(r));
    p.tx('fs("status")\n', 1);
    p.tx('fs("hb")\n', 2);
    p.tx('fs("pair my \\"car\\" keys=1")\n', 3);
    p.tx("reset()\n", 4);
    expect(recs.filter((r) => r.type === "sent").map((r) => (r as { text: string }).text)).toEqual(["status", 'pair my "car" keys=1', "reset()"]);
  });

  it("sequence numbers that restart without a banner are a reboot whose banner was lost", () => {
    const recs = run([BOOT(), "@2 10 I ok cmd=a\n@3 11 I ok cmd=b\n", "@2 40 I ok cmd=c\n"]);
    const reboot = recs.find((r) => r.type === "reboot" && r.epoch === 2);
    expect(reboot).toMatchObject({ reason: "sequence numbers restarted without a boot banner (the banner was lost)" });
    expect(recs.filter((r) => r.type === "lost")).toEqual([{ type: "lost", t: 1002, epoch: 2, from: 1, to: 1 }]);
  });

  it("joining a board that already runs does not report the earlier lines as lost", () => {
    const recs = run(["@120 5000 I ok cmd=status\n@121 5001 I ok cmd=status\n"]);
    expect(recs.map((r) => r.type)).toEqual(["event", "event"]);
  });

  it("garbage bytes and overlong lines become flagged raw lines, never events; XON/XOFF are not text", () => {
    const long = "@9 1 I ok x=" + "a".repeat(5000) + "\n";
    const recs = run(["\x00\xff\xfe@@\r\n", long, "\x13@1 0 I ok cmd=x\x11\n"]);
    expect(recs[0]).toMatchObject({ type: "raw", garbage: true });
    expect(recs[1]).toMatchObject({ type: "raw", overlong: true });
    expect((recs[1] as { text: string }).text.length).toBe(4096);
    expect(recs[2]).toMatchObject({ type: "event", event: "ok" });
    expect(formatHuman(recs[0]).text).toContain("\\x00\\xff\\xfe@@");
  });
});

describe("monitor filters", () => {
  const recs = run([BOOT(), "@2 1 E error cmd=x code=busy msg=\"m\"\n@3 2 W hint text=\"t\"\n@4 3 D debug.x a=1\n@5 4 I key.start key=1 fob=1\n>\n"]);
  it("--level W keeps errors and warnings, hides console lines, keeps reboots", () => {
    const f = { maxLevel: parseLevel("warning") };
    expect(recs.filter((r) => passes(r, f)).map((r) => (r.type === "event" ? r.event : r.type))).toEqual(["reboot", "error", "hint"]);
  });
  it("--event key.* keeps matching events only", () => {
    const f = { events: parseEventList("key.*,boot") };
    expect(recs.filter((r) => passes(r, f)).map((r) => (r.type === "event" ? r.event : r.type))).toEqual(["reboot", "boot", "key.start"]);
  });
  it("bad filter values are usage errors", () => {
    expect(() => parseLevel("loud")).toThrow(CliError);
    expect(() => parseEventList("Key Start")).toThrow(/not an event name/);
  });
});

describe("human format", () => {
  it("shows host time, device time, level and the event with its fields", () => {
    const t = new Date(2026, 0, 2, 3, 4, 5, 67).getTime();
    const text = formatHuman({ type: "event", t, epoch: 1, seq: 7, ms: 15230, level: "W", event: "hint", fields: { text: "try mini-r50-early", n: 2 } });
    expect(text).toEqual({ text: '03:04:05.067     15.230 W hint text="try mini-r50-early" n=2', tone: "warn" });
  });
});

describe("recordings", () => {
  it("parse rx/tx/link entries and reject a bad line with its number", () => {
    const { entries } = parseRecording('{"t":1,"dir":"rx","hex":"4031"}\n{"t":2,"dir":"disconnected"}\n');
    expect(entries).toEqual([{ t: 1, dir: "rx", bytes: Buffer.from("@1") }, { t: 2, dir: "disconnected" }]);
    expect(parseRecording('{"t":1,"dir":"rx","hex":"zz"}\n').skipped).toEqual([{ line: 1, why: "hex must be pairs of hex digits" }]);
    // a crash leaves the last line cut off: every complete line before it still reads back
    const cut = parseRecording('{"t":1,"dir":"rx","hex":"4031"}\n{"t":2,"dir":"rx","hex":"0a"}\n{"t":3,"dir":"rx","he');
    expect(cut.entries.map((e) => e.t)).toEqual([1, 2]);
    expect(cut.skipped).toEqual([{ line: 3, why: "cut off (not JSON)" }]);
  });
});
