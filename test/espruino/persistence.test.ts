import { beforeAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { VirtualPins } from "../../hal/sim/virtual-pins";
import { parseEventLine } from "../../host/protocol/event-line";
import { buildEspruinoBundle, type EspruinoBundle } from "../../host/bundler/espruino-build";
import { crc32, EspruinoRuntime } from "../../host/sim/runtime/espruino-runtime";

let bundle: EspruinoBundle;

beforeAll(() => {
  bundle = buildEspruinoBundle();
});

/** A fresh virtual Espruino (empty Storage), powered on, console lines kept. */
function blankBoard() {
  const clock = new VirtualClock();
  const pins = new VirtualPins(clock);
  const lines: string[] = [];
  const rt = new EspruinoRuntime({ clock, pins, onLine: (l) => lines.push(l) });
  rt.powerOn();
  return { rt, lines, clock };
}

/** What the host's flash sends: Ctrl-C, echo off, `.bootcde` written in chunks, CRC read back, load(). */
function flashOverRepl(rt: EspruinoRuntime, code: string): string {
  let out = rt.feedBytes("\x03\x10echo(0);\n");
  const chunk = 512;
  for (let at = 0; at < code.length; at += chunk) {
    const part = JSON.stringify(code.slice(at, at + chunk));
    const sizeArg = at === 0 ? `,0,${code.length}` : `,${at}`;
    out += rt.feedBytes(`\x10require("Storage").write(".bootcde",${part}${sizeArg});\n`);
  }
  out += rt.feedBytes('\x10print("CRC="+E.CRC32(require("Storage").read(".bootcde")));\n');
  out += rt.feedBytes("\x10load();\n");
  return out;
}

const boots = (lines: string[]) => lines.map(parseEventLine).filter((e) => e?.event === "boot");

describe("Espruino bundle: persistence through Storage .bootcde", () => {
  it("flashing over the REPL stores the exact bytes, the CRC matches and load() boots the firmware", () => {
    const { rt, lines } = blankBoard();
    expect(boots(lines)).toEqual([]);
    const out = flashOverRepl(rt, bundle.shipped);
    expect(rt.storage.read(".bootcde")).toBe(bundle.shipped);
    expect(out).toContain(`CRC=${crc32(bundle.shipped)}`);
    const b = boots(lines);
    expect(b.length).toBe(1);
    expect(b[0]!.fields).toMatchObject({ build: bundle.build, fw: bundle.version, target: "espruino", board: "esp32-relay8" });
  });

  it("the firmware comes back after a power cycle, with a fresh boot banner (seq 1)", () => {
    const { rt, lines, clock } = blankBoard();
    flashOverRepl(rt, bundle.shipped);
    rt.feedBytes('\x10fs("status");\n');
    clock.runFor(1000);
    rt.powerOn();
    const b = boots(lines);
    expect(b.length).toBe(2);
    expect(b[1]!.seq).toBe(1);
    expect(rt.feedBytes('fs("version")\r\n')).toContain(`build=${bundle.build}`);
  });

  it("reset() clears RAM without running the stored code; load() runs it again", () => {
    const { rt, lines } = blankBoard();
    flashOverRepl(rt, bundle.shipped);
    rt.feedBytes("\x10reset();\n");
    expect(boots(lines).length).toBe(1);
    expect(rt.feedBytes("echo(1);\n") + rt.feedBytes("typeof fs\r\n")).toContain('="undefined"');
    rt.feedBytes("\x10load();\n");
    expect(boots(lines).length).toBe(2);
  });
});
