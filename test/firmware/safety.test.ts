import { describe, expect, it } from "vitest";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import type { Platform } from "../../hal/contracts";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { VirtualPins } from "../../hal/sim/virtual-pins";
import { createWriter } from "../../firmware/event-writer";
import type { Guard } from "../../firmware/guard";
import { createIo } from "../../firmware/io";
import { createSequencer } from "../../firmware/sequencer";
import { BMW_ZKE } from "../../firmware/recipes/bmw-zke";
import { defaults } from "../../firmware/recipes/decode";
import type { Recipe } from "../../firmware/recipes/types";
import { parseEventLine } from "../../host/protocol/event-line";
import { without } from "./boards";
import { ignitionCycle } from "./car";
import { Bench } from "./harness";
import { startFirmware } from "../../firmware/firmware";

/** The core's parts on a virtual bench, with a fault handler that does nothing (a broken sequencer). */
function parts(board = ESP32_RELAY8) {
  const clock = new VirtualClock();
  const pins = new VirtualPins(clock);
  const lines: string[] = [];
  const platform: Platform = {
    clock,
    link: { write: (l) => lines.push(l), onLine: () => {} },
    output: (p, d, h) => pins.output(p, d, h),
    input: (p, u, d) => pins.input(p, u, d),
    analog: (p) => pins.analog(p),
  };
  const emit = createWriter(platform.link, clock);
  const faults: string[] = [];
  const g: Guard = { onFault: (m) => faults.push(m) };
  const io = createIo(platform, board, emit, clock, g);
  const seq = createSequencer(io, emit, clock, g);
  const events = () => lines.map((l) => parseEventLine(l)!);
  return { clock, pins, io, seq, faults, events };
}

describe("safety", () => {
  it("the cap releases a switch the sequencer never releases", () => {
    const { clock, pins, io, events } = parts();
    clock.runUntil(500);
    io.bank.press("fob1.unlock", 1200);
    expect(pins.outputLevel(16)).toBe(false); // active low: pressed
    clock.runUntil(1699);
    expect(pins.outputLevel(16)).toBe(false);
    clock.runUntil(1700);
    expect(pins.outputLevel(16)).toBe(true);
    const cap = events().find((e) => e.event === "cap")!;
    expect(cap).toMatchObject({ ms: 1700, level: "E", fields: { role: "fob1.unlock", held: 1200, max: 1200 } });
  });

  it("no press outlives the board's maxPressMs, whatever max is asked", () => {
    const { clock, pins, io } = parts();
    io.bank.press("fob2.lock", 999999);
    clock.runUntil(ESP32_RELAY8.maxPressMs - 1);
    expect(pins.outputLevel(21)).toBe(false);
    clock.runUntil(ESP32_RELAY8.maxPressMs);
    expect(pins.outputLevel(21)).toBe(true);
  });

  it("the cap fires even when a recipe step throws mid-press and the fault handler is broken", () => {
    // a hand-made recipe whose tap button is not wired: the step throws after the hold is on
    const broken: Recipe = { ...BMW_ZKE, steps: ["key h:unlock:tapWindowMs t:boot:tapMs:taps r:unlock"] };
    const { clock, pins, seq, faults, events } = parts(without("fob1.boot"));
    seq.start(broken, defaults(BMW_ZKE), 1);
    clock.runUntil(1000);
    expect(pins.outputLevel(16)).toBe(false); // hold on at anchor + delayMs
    clock.runUntil(1500);
    expect(faults).toEqual(["cannot press fob1.boot"]);
    expect(pins.outputLevel(16)).toBe(false); // nobody released it ...
    clock.runUntil(1000 + 3650); // ... until its cap: plan length 3400 + 250 margin
    expect(pins.outputLevel(16)).toBe(true);
    expect(events().filter((e) => e.event === "cap").map((e) => e.fields)).toEqual([{ role: "fob1.unlock", held: 3650, max: 3650 }]);
  });

  it("a throw inside the firmware releases everything, reports a fault and returns to idle", () => {
    const b = new Bench().start();
    b.send("pair bmw-zke keys=1 confirm=1");
    ignitionCycle(b, 1000, 1000);
    b.clock.runUntil(3200);
    expect(b.isPressed("fob1.unlock")).toBe(true);
    b.fw.releaseAll("watchdog");
    expect(b.isPressed("fob1.unlock")).toBe(false);
    expect(b.one("fault").fields).toEqual({ msg: "watchdog" });
    expect(b.one("session.end").fields).toMatchObject({ ok: 0, reason: "error" });
    b.clock.runUntil(60000);
    expect(b.presses()).toEqual([{ role: "fob1.unlock", at: 3000, ms: 200 }]);
    expect(b.send("status")[0].fields.state).toBe("idle");
  });

  it("a throw inside a line handler releases the switch it just pressed and reports a fault", () => {
    const clock = new VirtualClock();
    const pins = new VirtualPins(clock);
    const lines: string[] = [];
    let handler: (l: string) => void = () => {};
    let thrown = false;
    const platform: Platform = {
      clock,
      link: {
        write: (l) => {
          if (!thrown && l.includes("fob1.lock on=1")) {
            thrown = true;
            throw new Error("uart overrun");
          }
          lines.push(l);
        },
        onLine: (fn) => (handler = fn),
      },
      output: (p, d, h) => pins.output(p, d, h),
      input: (p, u, d) => pins.input(p, u, d),
      analog: (p) => pins.analog(p),
    };
    startFirmware(platform, ESP32_RELAY8, { version: "0.1.0", build: "x", target: "core" });
    handler("press 1 lock 5000");
    expect(pins.outputLevel(17)).toBe(true); // released (active low)
    expect(lines.map((l) => parseEventLine(l)!.event)).toEqual(["boot", "ok", "switch", "fault"]);
    expect(parseEventLine(lines[3])!.fields).toEqual({ msg: "uart overrun" });
  });
});
