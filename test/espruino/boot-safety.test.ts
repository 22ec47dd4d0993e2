import { beforeAll, describe, expect, it } from "vitest";
import { roleKind } from "../../hal/board";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { VirtualPins } from "../../hal/sim/virtual-pins";
import { parseEventLine } from "../../host/protocol/event-line";
import { buildEspruinoBundle } from "../../host/build/espruino-build";
import { commandBytes } from "../../host/sim/runtime/espruino-backend";
import { EspruinoRuntime } from "../../host/sim/runtime/espruino-runtime";

const switchPins = ESP32_RELAY8.pins.filter((p) => roleKind(p.role) === "output").map((p) => p.pin);
let bundle = "";

beforeAll(() => {
  bundle = buildEspruinoBundle().shipped;
});

/** A virtual board with the bundle in `.bootcde`, powered on; every console line is kept. */
function boardWithBundle() {
  const clock = new VirtualClock();
  const pins = new VirtualPins(clock);
  const lines: string[] = [];
  const rt = new EspruinoRuntime({ clock, pins, onLine: (l) => lines.push(l) });
  rt.storage.write(".bootcde", bundle);
  rt.powerOn();
  return { clock, pins, lines, rt };
}

/** True when every relay pin of the default board is at its released (inactive) level. */
function allReleased(pins: VirtualPins): boolean {
  return ESP32_RELAY8.pins.filter((p) => roleKind(p.role) === "output").every((p) => pins.outputLevel(p.pin) === (p.active === "low"));
}

describe("Espruino bundle: boot", () => {
  it("releases every switch before any other pin call, watch or console line", () => {
    const { rt, lines } = boardWithBundle();
    const first = rt.io.calls.slice(0, switchPins.length * 3);
    expect(first.map((c) => c.pin)).toEqual(switchPins.flatMap((p) => [p, p, p]));
    expect(first.map((c) => `${c.api} ${c.arg}`)).toEqual(switchPins.flatMap(() => ["pinMode input", "digitalWrite true", "pinMode output"]));
    const bootLine = lines.findIndex((l) => parseEventLine(l)?.event === "boot");
    expect(bootLine).toBeGreaterThanOrEqual(0);
    expect(lines.slice(0, bootLine).some((l) => l.startsWith("@"))).toBe(false);
  });

  it("never drives a relay pin to its active level while booting", () => {
    const { pins } = boardWithBundle();
    const outs = pins.timeline.filter((c) => c.dir === "out" && switchPins.includes(c.pin));
    expect(outs.length).toBeGreaterThan(0);
    expect(outs.every((c) => c.high)).toBe(true);
  });

  it("installs the watchdog, the init release and the uncaught-error handler, and closes telnet and Wi-Fi", () => {
    const { rt } = boardWithBundle();
    expect(rt.watchdog).toMatchObject({ timeoutSeconds: 5, auto: true });
    expect(rt.radioCalls).toEqual(['TelnetServer.setOptions {"mode":"off"}', "Wifi.stopAP", "Wifi.disconnect"]);
  });

  it("answers fs(\"status\") typed at the REPL and keeps the REPL usable", () => {
    const { rt } = boardWithBundle();
    const out = rt.feedBytes('fs("status")\r\n');
    expect(out).toMatch(/\r\n@\d+ \d+ I status state=idle/);
    expect(out).toMatch(/ok cmd=status\r\n=undefined\r\n>$/);
    expect(rt.feedBytes("1+2\r\n")).toContain("=3");
  });
});

describe("Espruino bundle: faults", () => {
  it("an exception inside the firmware while a button is held releases every switch and logs a fault", () => {
    const { rt, clock, pins, lines } = boardWithBundle();
    rt.feedBytes(commandBytes("press 1 unlock 5000"));
    clock.runFor(100);
    expect(pins.outputLevel(16)).toBe(false); // fob1.unlock pressed (active low)
    rt.failNext("digitalWrite", 16); // the release at the end of the press throws
    clock.runFor(6000);
    expect(allReleased(pins)).toBe(true);
    const faults = lines.map(parseEventLine).filter((e) => e?.event === "fault");
    expect(faults.length).toBe(1);
    expect(String(faults[0]!.fields.msg)).toContain("injected fault");
  });

  it("the pin-level backstop releases a press at the board's maxPressMs even if nothing above does", () => {
    const { rt, clock, pins } = boardWithBundle();
    rt.feedBytes(commandBytes(`press 1 lock ${ESP32_RELAY8.maxPressMs}`));
    const pressedAt = pins.timeline.find((c) => c.pin === 17 && !c.high)!.t;
    clock.runFor(ESP32_RELAY8.maxPressMs + 1000);
    const releasedAt = pins.timeline.find((c) => c.pin === 17 && c.high && c.t > pressedAt)!.t;
    expect(releasedAt - pressedAt).toBeLessThanOrEqual(ESP32_RELAY8.maxPressMs);
  });
});
