import { describe, expect, it } from "vitest";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import type { Platform } from "../../hal/contracts";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { VirtualPins } from "../../hal/sim/virtual-pins";
import { BMW_ZKE } from "../../firmware/recipes/bmw-zke";
import type { KeyStep } from "../../firmware/recipes/types";
import { encodeRecipe } from "../../firmware/recipes/recipe-encode";
import { recipeFiles } from "../../firmware/recipes/table";
import { memoryFiles } from "../../host/sim/memory-files";
import { freshCopy, freshFirmware } from "../../host/sim/firmware-instance";
import type * as SwitchBankAlone from "./fixtures/switch-bank-alone";
import { parseEventLine } from "../../host/protocol/event-line";
import { without } from "./boards";
import { ignitionCycle } from "./car";
import { Bench } from "./harness";
import { errorText } from "../../firmware/guard";

/** The switch bank alone on a virtual bench, with a fault handler that does nothing (a broken core); `throwOn` makes writing a matching line throw. */
function parts(board = ESP32_RELAY8, throwOn = "") {
  const clock = new VirtualClock();
  const pins = new VirtualPins(clock);
  const lines: string[] = [];
  const platform: Platform = {
    clock,
    link: { write: (l) => lines.push(l), onLine: () => {} },
    output: (p, d, h) => pins.output(p, d, h),
    input: (p, u, d) => pins.input(p, u, d),
    analog: (p) => pins.analog(p),
    files: memoryFiles({}),
    radios: "off",
  };
  const alone = freshCopy<typeof SwitchBankAlone>("test/firmware/fixtures/switch-bank-alone.ts");
  alone.startEventLog(
    {
      write: (line) => {
        if (throwOn !== "" && line.includes(throwOn)) throw new Error("link broken");
        lines.push(line);
      },
      onLine: () => {},
    },
    clock,
  );
  const faults: string[] = [];
  alone.startSwitchBank(platform, board, (e) => faults.push(String(e)));
  const bank = { press: alone.pressSwitch, releaseAfter: alone.releaseSwitchAfter, release: alone.releaseSwitch, releaseAll: alone.releaseAllSwitches, onList: alone.switchesOn };
  const events = () => lines.map((l) => parseEventLine(l)!);
  return { clock, pins, bank, faults, events };
}

describe("safety", () => {
  it("the cap releases a switch the sequencer never releases", () => {
    const { clock, pins, bank, events } = parts();
    clock.runUntil(500);
    bank.press("fob1.unlock", 1200);
    expect(pins.outputLevel(16)).toBe(false); // active low: pressed
    clock.runUntil(1699);
    expect(pins.outputLevel(16)).toBe(false);
    clock.runUntil(1700);
    expect(pins.outputLevel(16)).toBe(true);
    const cap = events().find((e) => e.event === "cap")!;
    expect(cap).toMatchObject({ ms: 1700, level: "E", fields: { role: "fob1.unlock", held: 1200, max: 1200 } });
  });

  it("no press outlives the board's maxPressMs, whatever max is asked", () => {
    const { clock, pins, bank } = parts();
    bank.press("fob2.lock", 999999);
    clock.runUntil(ESP32_RELAY8.maxPressMs - 1);
    expect(pins.outputLevel(21)).toBe(false);
    clock.runUntil(ESP32_RELAY8.maxPressMs);
    expect(pins.outputLevel(21)).toBe(true);
  });

  it("the cap releases the pin even when reporting it throws and the fault handler does nothing", () => {
    const { clock, pins, bank, faults } = parts(ESP32_RELAY8, "cap ");
    bank.press("fob1.unlock", 3650);
    clock.runUntil(3649);
    expect(pins.outputLevel(16)).toBe(false);
    clock.runUntil(3650);
    expect(pins.outputLevel(16)).toBe(true);
    expect(faults).toEqual(["Error: link broken"]);
  });

  it("a recipe step that throws mid-press releases the hold at once and reports the fault", () => {
    // the ZKE key step with its taps on the boot button, which is not wired (built-in recipes press only
    // unlock and lock): it throws after the hold is on
    const zkeKey = BMW_ZKE.steps.find((s): s is KeyStep => s.op === "key")!;
    const plan = zkeKey.plan.map((item) => (item.action === "tap" ? { ...item, button: "boot" } : item));
    const broken = encodeRecipe({ ...BMW_ZKE, name: "broken", steps: [{ ...zkeKey, plan }, { op: "end", prompt: "" }] });
    {
      const b = new Bench(without("fob1.boot"), {}, { ...recipeFiles(), "fr.broken": broken }).start();
      expect(b.send("pair broken keys=1 confirm=1")[0].event).toBe("ok");
      b.clock.runUntil(1499);
      expect(b.isPressed("fob1.unlock")).toBe(true); // hold on after delayMs
      b.clock.runUntil(1500); // the tap is due: leadMs
      expect(b.one("fault").fields).toEqual({ msg: "cannot press fob1.boot" });
      expect(b.one("session.end").fields).toMatchObject({ ok: 0, reason: "error" });
      expect(b.presses()).toEqual([{ role: "fob1.unlock", at: 1000, ms: 500 }]);
      b.clock.runUntil(10000);
      expect(b.find("cap")).toEqual([]);
    }
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
      files: memoryFiles(recipeFiles()),
      radios: "off",
    };
    freshFirmware().startFirmware(platform, () => ESP32_RELAY8, { version: "0.1.0", build: "x", target: "core" });
    handler("press 1 lock 5000");
    expect(pins.outputLevel(17)).toBe(true); // released (active low)
    expect(lines.map((l) => parseEventLine(l)!.event)).toEqual(["boot", "ok", "switch", "fault"]);
    expect(parseEventLine(lines[3])!.fields).toEqual({ msg: "uart overrun" });
  });

  it("a fault names what was thrown: an interpreter Error's message, the firmware's own string, else 'error'", () => {
    expect(errorText(new TypeError("x is undefined"))).toBe("x is undefined");
    expect(errorText("cannot press fob1.boot")).toBe("cannot press fob1.boot");
    expect(errorText({ message: "from another realm" })).toBe("from another realm");
    expect(errorText(42)).toBe("error");
    expect(errorText(null)).toBe("error");
    expect(errorText(undefined)).toBe("error");
    expect(errorText({ message: 7 })).toBe("error");
  });
});
