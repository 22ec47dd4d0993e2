import { beforeAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { VirtualPins } from "../../hal/sim/virtual-pins";
import { buildEspruinoBundle } from "../../host/bundler/espruino-build";
import { EspruinoRuntime } from "../../host/sim/runtime/espruino-runtime";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { validateBoard } from "../../hal/board-validate";

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


/**
 * What only fobsync's virtual Espruino can show: the calls the bundle makes
 * to the watchdog and to the radio consoles (the Linux interpreter has no
 * watchdog and no Wi-Fi). Boot order, faults, the backstop and the REPL run
 * on the real interpreter (interpreter-board.test.ts).
 */
describe("Espruino bundle: boot on the virtual Espruino", () => {
  it("installs the watchdog, the init release and the uncaught-error handler, and closes telnet and Wi-Fi", () => {
    const { rt } = boardWithBundle();
    expect(rt.watchdog).toMatchObject({ timeoutSeconds: 5, auto: true });
    expect(rt.radioCalls).toEqual(['TelnetServer.setOptions {"mode":"off"}', "Wifi.stopAP", "Wifi.disconnect"]);
  });
});

/**
 * Where an ESP32 differs from the Linux interpreter (targets/esp32/jshardware.c
 * at RELEASE_2V29), as fobsync's model of Espruino acts it: each behaviour
 * shown on a script that ignores it, then the shipped bundle handling it.
 */
describe("on a real ESP32 (the model acts the ESP32 port)", () => {
  const RF = 27; // esp32-relay8's rf input: input_pulldown, so an unplugged receiver reads quiet
  const LOCK = 17; // fob1.lock, active low: a press drives it low

  it("setWatch makes the pin a pull-up input: watched after its pinMode, an unplugged RF receiver reads as transmitting", () => {
    const clock = new VirtualClock();
    const pins = new VirtualPins(clock);
    const rt = new EspruinoRuntime({ clock, pins });
    rt.powerOn();
    rt.feedBytes(`pinMode(${RF},"input_pulldown");setWatch(function(){},${RF},{repeat:true,edge:"both"});\n`);
    expect(pins.inputLevel(RF)).toBe(true);
    rt.feedBytes(`pinMode(${RF},"input_pulldown");\n`);
    expect(pins.inputLevel(RF)).toBe(false);
  });

  it("the shipped bundle sets each input's pull after its watch: with no receiver on the RF pin it reads quiet", () => {
    const { pins } = boardWithBundle();
    expect(pins.inputLevel(RF)).toBe(false);
  });

  it("reset() keeps an output's level (an ESP32 puts GPIO16, 17 and 23 back to nothing): a press would stay held", () => {
    const clock = new VirtualClock();
    const pins = new VirtualPins(clock);
    const rt = new EspruinoRuntime({ clock, pins });
    rt.powerOn();
    rt.feedBytes(`digitalWrite(${LOCK},0);\n`);
    rt.feedBytes("reset();\n");
    clock.runFor(10_000);
    expect(pins.outputLevel(LOCK)).toBe(false);
  });

  it("reset() pulls GPIO0, 12-15, 18-19, 21-22, 25-27 and 34-39 up (jshPinDefaultPullup): an active-high relay on GPIO18 presses, and nothing runs to release it; GPIO16 keeps its level", () => {
    const clock = new VirtualClock();
    const pins = new VirtualPins(clock);
    const rt = new EspruinoRuntime({ clock, pins });
    rt.powerOn();
    rt.feedBytes("digitalWrite(18,0);digitalWrite(16,1);\n"); // an active-high relay on 18, released; 16 driven high
    rt.feedBytes("reset();\n");
    clock.runFor(10_000);
    expect(pins.outputLevel(18)).toBe(true); // pulled up: an active-high relay is pressed
    expect(pins.outputLevel(16)).toBe(true); // kept
    expect(validateBoard({ ...ESP32_RELAY8, pins: ESP32_RELAY8.pins.map((p) => (p.role === "fob1.boot" ? { ...p, active: "high" as const } : p)) })).toEqual([
      "GPIO18 (fob1.boot): Espruino pulls this pin up at power-up and at every reset() (jshPinDefaultPullup): an active-high relay there presses, and after a reset() nothing releases it; use an active-low relay, or GPIO4, 16, 17, 23, 32 or 33",
    ]);
  });

  it("reset() typed during a press of the shipped bundle: its kill handler releases the relay first", () => {
    const { rt, pins, clock } = boardWithBundle();
    rt.feedBytes('\x10fs("press 1 lock 8000")\n');
    clock.runFor(100);
    expect(pins.outputLevel(LOCK)).toBe(false);
    rt.feedBytes("reset();\n");
    expect(pins.outputLevel(LOCK)).toBe(true);
  });
});
