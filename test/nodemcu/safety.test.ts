import { afterEach, describe, expect, it } from "vitest";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { BACKSTOP_MARGIN_MS } from "../../hal/nodemcu/nodemcu-pins";
import { parseEventLine } from "../../host/protocol/event-line";
import { bootLuaBoard, ESP8266_TEST_BOARD, pressedPins, switchPins, type LuaBoardRig } from "./harness";

const ADAPTER_FIXTURE = new URL("./fixtures/adapter-root.ts", import.meta.url).pathname;
let rig: LuaBoardRig | undefined;
afterEach(() => {
  rig?.board.close();
  rig = undefined;
});

/** Event names printed by the Lua firmware, in order. */
function events(r: LuaBoardRig): string[] {
  return r.lines.map((l) => parseEventLine(l.substring(l.indexOf(" ") + 1))?.event ?? "").filter((e) => e !== "");
}

describe("NodeMCU boot", () => {
  it("drives every fob switch to its released level before anything else, and never presses one", () => {
    rig = bootLuaBoard(ESP32_RELAY8);
    const outs = rig.pins.timeline.filter((c) => c.dir === "out");
    const first = switchPins(ESP32_RELAY8).map((s) => outs.find((c) => c.pin === s.pin));
    expect(first.map((c) => c?.high)).toEqual(switchPins(ESP32_RELAY8).map((s) => s.released));
    expect(outs.length).toBe(switchPins(ESP32_RELAY8).length);
    expect(events(rig)[0]).toBe("boot");
    expect(rig.lines[0]).toMatch(/^0 @1 0 I boot fw=\S+ build=[0-9a-f]{8} target=nodemcu board=esp32-relay8 proto=2 rf=1 radios=off fobs=2$/);
  });

  it("init.lua boots the firmware from the Lua Flash Store when it holds it (no fobsync.lua on the file system)", () => {
    rig = bootLuaBoard(ESP32_RELAY8, { lfs: true });
    expect(rig.lines[0]).toMatch(/^0 @1 0 I boot .* target=nodemcu board=esp32-relay8 /);
    expect(pressedPins(rig, ESP32_RELAY8)).toEqual([]);
    expect(rig.board.panics).toEqual([]);
  });

  it("init.lua boots the luac -s compiled fobsync.lc when there is one", () => {
    rig = bootLuaBoard(ESP32_RELAY8, { compiled: true });
    expect(rig.lines[0]).toMatch(/^0 @1 0 I boot .* target=nodemcu board=esp32-relay8 /);
    rig.board.send("status");
    expect(rig.lines.some((l) => / I status /.test(l))).toBe(true);
  });

  it("boots and presses on the ESP8266 GPIO flavour (gpio.mode, tmr.now) too", () => {
    rig = bootLuaBoard(ESP8266_TEST_BOARD, {}, (pins) => {
      pins.drive(5, true);
      pins.drive(6, true);
    });
    expect(events(rig)[0]).toBe("boot");
    rig.board.send("press 1 unlock 400");
    rig.clock.runFor(1000);
    const unlock = rig.pins.timeline.filter((c) => c.pin === 1).map((c) => `${c.t}:${c.high ? 1 : 0}`);
    expect(unlock).toEqual(["0:1", "0:0", "400:1"]);
    expect(rig.board.panics).toEqual([]);
  });

  it("keeps device time right across the ESP8266 tmr.now() wrap (2^31 us, about 36 min)", () => {
    rig = bootLuaBoard(ESP8266_TEST_BOARD, {}, (pins) => {
      pins.drive(5, true);
      pins.drive(6, true);
    });
    rig.clock.runFor(20 * 60_000);
    rig.board.send("status");
    rig.clock.runFor(20 * 60_000);
    rig.board.send("status");
    const times = rig.lines.filter((l) => / status /.test(l)).map((l) => l.split(" ")[0] + "=" + l.split(" ")[2]);
    expect(times).toEqual(["1200000=1200000", "2400000=2400000"]);
  });
});

describe("NodeMCU fault path (pcall)", () => {
  it("an error inside the firmware releases every switch at once and reports a fault", () => {
    rig = bootLuaBoard(ESP32_RELAY8, {}, (pins) => {
      for (const p of [34, 35, 32, 33]) pins.drive(p, true);
      pins.drive(27, false);
    });
    rig.board.send("press 1 unlock 5000");
    rig.clock.runFor(1000);
    expect(pressedPins(rig, ESP32_RELAY8)).toEqual([16]);
    // inject: the console breaks, then the door opens: the core's input handler throws
    rig.board.repl("_P = print; print = function() error('injected console failure') end");
    rig.pins.drive(33, false);
    rig.clock.runFor(100);
    expect(pressedPins(rig, ESP32_RELAY8)).toEqual([]);
    const release = rig.pins.timeline.filter((c) => c.pin === 16 && c.dir === "out").pop();
    expect(release).toEqual({ t: 1050, pin: 16, high: true, dir: "out" });
    expect(rig.board.panics).toEqual([]);
    rig.board.repl("print = _P");
    rig.board.send("status");
    expect(rig.lines.some((l) => / status state=idle /.test(l))).toBe(true);
  });

  it("a Lua error in the adapters' callers releases every output and calls the fault handler", () => {
    rig = bootLuaBoard(ESP32_RELAY8, { entry: ADAPTER_FIXTURE });
    rig.board.send("hold");
    rig.clock.runFor(10);
    expect(pressedPins(rig, ESP32_RELAY8)).toEqual([16]);
    rig.board.send("boom");
    expect(pressedPins(rig, ESP32_RELAY8)).toEqual([]);
    expect(rig.lines.some((l) => /^10 fault .*injected failure$/.test(l))).toBe(true);
    expect(rig.board.panics).toEqual([]);
  });
});

describe("NodeMCU press caps", () => {
  it("the core refuses a press longer than the board's cap and presses nothing", () => {
    rig = bootLuaBoard(ESP32_RELAY8);
    rig.board.send(`press 1 unlock ${ESP32_RELAY8.maxPressMs + 1}`);
    rig.clock.runFor(100);
    expect(rig.lines.some((l) => / E error cmd=press code=bad-argument /.test(l))).toBe(true);
    expect(pressedPins(rig, ESP32_RELAY8)).toEqual([]);
  });

  it("the pin-level backstop releases a press the firmware never ends, at maxPressMs + margin", () => {
    rig = bootLuaBoard(ESP32_RELAY8, { entry: ADAPTER_FIXTURE });
    rig.board.send("hold");
    rig.clock.runFor(ESP32_RELAY8.maxPressMs + BACKSTOP_MARGIN_MS - 1);
    expect(pressedPins(rig, ESP32_RELAY8)).toEqual([16]);
    rig.clock.runFor(1);
    expect(pressedPins(rig, ESP32_RELAY8)).toEqual([]);
    expect(rig.lines.at(-1)).toBe(`${ESP32_RELAY8.maxPressMs + BACKSTOP_MARGIN_MS} fault backstop pin=16 cap=${ESP32_RELAY8.maxPressMs}`);
  });
});

describe("NodeMCU inputs and ADC", () => {
  it("debounces raw edges like the bench: a bounce shorter than debounceMs is ignored, the edge time is kept", () => {
    rig = bootLuaBoard(ESP32_RELAY8, { entry: ADAPTER_FIXTURE }, (pins) => pins.drive(34, true));
    rig.clock.runFor(100);
    rig.pins.drive(34, false);
    rig.clock.runFor(10);
    rig.pins.drive(34, true);
    rig.clock.runFor(5);
    rig.pins.drive(34, false);
    rig.clock.runFor(100);
    expect(rig.lines.filter((l) => / edge /.test(l))).toEqual(["165 edge ignition.klr 0 115"]);
  });

  it("reads the fob cell through the ESP32 ADC in exact millivolts", () => {
    rig = bootLuaBoard(ESP32_RELAY8, { entry: ADAPTER_FIXTURE });
    for (const mv of [0, 1, 1299, 1600, 3300]) {
      rig.pins.setMillivolts(36, mv);
      rig.board.send("mv");
      expect(rig.lines.at(-1)).toBe(`0 mv ${mv}`);
    }
  });
});
