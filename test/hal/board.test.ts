import { describe, expect, it } from "vitest";
import { fobCount, roleKind, type BoardDescription } from "../../hal/board";
import { BOARD_PROFILES, ESP32_RELAY8, ESP32_RELAY8_4FOBS, ESP8266_RELAY4 } from "../../hal/board-profiles";
import { espruinoBoardProblems } from "../../host/bundler/espruino-board-check";
import { buildEspruinoBundle } from "../../host/bundler/espruino-build";
import { boardWarnings, validateBoard } from "../../hal/board-validate";

const withPins = (pins: BoardDescription["pins"]): BoardDescription => ({ ...ESP32_RELAY8, pins });

describe("board description", () => {
  it("the default profile is valid and wires 2 fobs with every optional input", () => {
    expect(validateBoard(ESP32_RELAY8)).toEqual([]);
    expect(fobCount(ESP32_RELAY8)).toBe(2);
    for (const role of ["ignition.klr", "ignition.kl15", "lock.feedback", "door", "rf", "fob1.battery", "fob2.battery"]) {
      expect(ESP32_RELAY8.pins.some((p) => p.role === role)).toBe(true);
    }
  });

  it("knows the role names", () => {
    expect(roleKind("fob4.boot")).toBe("output");
    expect(roleKind("fob1.battery")).toBe("analog");
    expect(roleKind("ignition.klr")).toBe("input");
    for (const bad of ["fob5.lock", "fob0.lock", "fob1.trunk", "fob1lock", "ignition", "klr", ""]) expect(roleKind(bad)).toBe("");
  });

  it("rejects a pin used twice", () => {
    const pins = ESP32_RELAY8.pins.map((p) => (p.role === "door" ? { ...p, pin: 16 } : p));
    expect(validateBoard(withPins(pins))).toContain("pin 16 is used twice (door)");
  });

  it("rejects an unknown role, a missing polarity and a bad debounce", () => {
    const errors = validateBoard(
      withPins([
        ...ESP32_RELAY8.pins.filter((p) => !p.role.startsWith("fob2") && p.role !== "door"),
        { role: "fob1.trunk", pin: 5, active: "low" },
        { role: "fob2.unlock", pin: 4 },
        { role: "fob2.lock", pin: 2, active: "low" },
        { role: "door", pin: 33, active: "low", debounceMs: -1 },
      ]),
    );
    expect(errors).toContain("unknown role 'fob1.trunk' (pin 5)");
    expect(errors).toContain('role fob2.unlock: active must be "high" or "low"');
    expect(errors).toContain("role door: debounceMs must be 0..1000");
  });

  it("rejects fobs not numbered from 1, a fob without lock, and a board with no fob", () => {
    const onlyFob3 = withPins([
      { role: "fob3.unlock", pin: 16, active: "low" },
      { role: "fob3.lock", pin: 17, active: "low" },
    ]);
    const errors = validateBoard(onlyFob3);
    expect(errors).toContain("no fob wired: fob1.unlock and fob1.lock are required");
    expect(errors.some((e) => e.startsWith("role fob3.unlock: fob3 is not complete"))).toBe(true);
    const noLock = validateBoard(withPins([{ role: "fob1.unlock", pin: 16, active: "low" }]));
    expect(noLock).toContain("no fob wired: fob1.unlock and fob1.lock are required");
  });

  it("rejects a pin number that is not a GPIO and an absurd press ceiling", () => {
    const errors = validateBoard({ ...ESP32_RELAY8, maxPressMs: 0, pins: [...ESP32_RELAY8.pins, { role: "fob1.boot", pin: 99.5, active: "low" }] });
    expect(errors).toContain("maxPressMs must be 100..60000, got 0");
    expect(errors).toContain("role fob1.boot: pin must be a GPIO number 0..48, got 99.5");
    expect(errors).toContain("role fob1.boot is assigned twice");
  });
});

describe("shipped profiles", () => {
  it("every profile is valid; the 4-fob profile wires 4 fobs and the same inputs as the default", () => {
    for (const b of BOARD_PROFILES) expect(validateBoard(b), b.id).toEqual([]);
    expect(fobCount(ESP32_RELAY8_4FOBS)).toBe(4);
    const inputs = (b: BoardDescription) => b.pins.filter((p) => roleKind(p.role) === "input").map((p) => `${p.role}@${p.pin}`);
    expect(inputs(ESP32_RELAY8_4FOBS)).toEqual(inputs(ESP32_RELAY8));
  });
});

describe("an ESP32's pins: what the chip cannot do is refused, what needs care is a warning, one line each naming the pin", () => {
  const swap = (role: string, change: Partial<BoardDescription["pins"][number]>) => withPins(ESP32_RELAY8.pins.map((p) => (p.role === role ? { ...p, ...change } : p)));

  it("the shipped profiles pass, with the WROVER warning for GPIO16 and 17", () => {
    for (const b of BOARD_PROFILES) expect(validateBoard(b), b.id).toEqual([]);
    expect(boardWarnings(ESP32_RELAY8)).toEqual([
      "GPIO16 (fob1.unlock): PSRAM uses GPIO16 and 17 on WROVER modules: on a WROVER board choose other pins (fine on a WROOM DevKitC)",
      "GPIO17 (fob1.lock): PSRAM uses GPIO16 and 17 on WROVER modules: on a WROVER board choose other pins (fine on a WROOM DevKitC)",
    ]);
  });

  it.each([
    ["a relay on an input-only pin", swap("fob2.boot", { pin: 37 }), "GPIO37 (fob2.boot): GPIO34 to 39 are inputs only on an ESP32: a relay cannot be driven from it"],
    ["a pull on an input-only pin", swap("ignition.klr", { pull: "up" }), 'GPIO34 (ignition.klr): GPIO34 to 39 have no internal pull-up: set pull "none" and fit an external resistor'],
    ["an input on a flash pin", swap("door", { pin: 6 }), "GPIO6 (door): GPIO6 to 11 run the ESP32's flash chip: no role can use them"],
    ["a relay on a strapping pin", swap("fob2.boot", { pin: 12 }), "GPIO12 (fob2.boot): a strapping pin, read at reset and glitched at boot: a relay there can press a fob button at power-up (or, on GPIO12, stop the board booting)"],
  ])("refuses %s", (_what, board, line) => {
    expect(validateBoard(board)).toEqual([line]);
  });

  it("warns for a cell read on ADC2, which Wi-Fi takes, and does not judge an ESP8266's pins by the ESP32's", () => {
    const adc2 = swap("fob1.battery", { pin: 25 });
    expect(validateBoard(adc2)).toEqual([]);
    expect(boardWarnings(adc2)).toContain("GPIO25 (fob1.battery): an ADC2 pin: it reads nothing while Wi-Fi runs (keep Wi-Fi off, or use ADC1: GPIO32 to 39)");
    expect(validateBoard({ ...swap("fob2.boot", { pin: 12 }), mcu: "esp8266" })).toEqual([]);
  });

  it("warns for a car input whose debounce is under two 10 ms ticks (a noisy line would keep Espruino awake until the watchdog restarts it); the RF receiver, heard only during a bench press, is exempt", () => {
    const quick = swap("door", { debounceMs: 5 });
    expect(validateBoard(quick)).toEqual([]);
    expect(boardWarnings(quick)).toContain("GPIO33 (door): a 5 ms debounce is under two of the ESP32's 10 ms ticks: a noisy line then keeps Espruino from sleeping and the watchdog restarts the board; use 20 ms or more");
    expect(boardWarnings(ESP32_RELAY8).join("\n")).not.toMatch(/\(rf\)/);
  });
});

describe("Espruino on an ESP8266: its pins are checked when the Espruino bundle is built (GPIO numbers; the NodeMCU build counts D-indexes)", () => {
  const swap = (role: string, change: Partial<BoardDescription["pins"][number]>) => ({ ...ESP8266_RELAY4, pins: ESP8266_RELAY4.pins.map((p) => (p.role === role ? { ...p, ...change } : p)) });

  it("the shipped ESP8266 profile passes, and builds", () => {
    expect(espruinoBoardProblems(ESP8266_RELAY4)).toEqual([]);
    expect(buildEspruinoBundle({ board: ESP8266_RELAY4 }).boardId).toBe("esp8266-relay4");
  });

  it.each([
    ["a relay on a boot-mode pin", swap("fob2.lock", { pin: 15 }), "GPIO15 (fob2.lock): a boot-mode pin (0 and 2 high, 15 low at reset): a relay there can press a fob button at power-up, or stop the board booting"],
    ["an input on GPIO16", swap("ignition.klr", { pin: 16 }), "GPIO16 (ignition.klr): GPIO16 has no edge interrupt: Espruino cannot watch it"],
    ["a pull-down", swap("ignition.klr", { pull: "down" }), 'GPIO13 (ignition.klr): the ESP8266 has no internal pull-down: set pull "none" and fit an external resistor'],
    ["a cell read off A0", swap("fob1.battery", { pin: 4 }), "GPIO4 (fob1.battery): the ESP8266's one ADC is A0 (pin 17)"],
    ["a flash pin", swap("fob1.unlock", { pin: 9 }), "GPIO9 (fob1.unlock): GPIO6 to 11 run the ESP8266's flash chip: no role can use them"],
    ["the console", swap("fob1.unlock", { pin: 1 }), "GPIO1 (fob1.unlock): GPIO1 and 3 are the console fobsync talks over"],
  ])("refuses %s, and the build with it", (_what, board, line) => {
    expect(espruinoBoardProblems(board)).toEqual([line]);
    expect(() => buildEspruinoBundle({ board })).toThrow(line);
  });
});
