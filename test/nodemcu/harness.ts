import type { BoardDescription } from "../../hal/board";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { VirtualPins } from "../../hal/sim/virtual-pins";
import { recipeFiles } from "../../firmware/recipes/table";
import { nodeMcuBackend, type NodeMcuBackendOptions, type NodeMcuBoard } from "../../host/sim/runtime/nodemcu-backend";

/** A NodeMCU virtual board on bare virtual pins (no simulated car): for boot, fault and cap tests. */
export interface LuaBoardRig {
  clock: VirtualClock;
  pins: VirtualPins;
  board: NodeMcuBoard;
  /** Console lines with the virtual time they were written at: "<ms> <line>". */
  lines: string[];
}

/** Boot the built Lua for `board` in a real Lua VM; `before` drives inputs to rest levels first. */
export function bootLuaBoard(board: BoardDescription, options: NodeMcuBackendOptions = {}, before?: (pins: VirtualPins) => void): LuaBoardRig {
  const clock = new VirtualClock();
  const pins = new VirtualPins(clock);
  const lines: string[] = [];
  if (before) before(pins);
  const backend = nodeMcuBackend(options)({ clock, pins, board, files: recipeFiles(), onLine: (l) => lines.push(`${clock.now()} ${l}`) }) as NodeMcuBoard;
  return { clock, pins, board: backend, lines };
}

/** Output pins of fob switches with the level that releases them. */
export function switchPins(board: BoardDescription): { pin: number; released: boolean }[] {
  return board.pins.filter((p) => /^fob\d\.(unlock|lock|boot)$/.test(p.role)).map((p) => ({ pin: p.pin, released: p.active === "low" }));
}

/** Pins whose switch is not at its released level now. */
export function pressedPins(rig: LuaBoardRig, board: BoardDescription): number[] {
  return switchPins(board)
    .filter((s) => rig.pins.outputLevel(s.pin) !== s.released)
    .map((s) => s.pin);
}

/** A small ESP8266 NodeMCU board (D-index pins) for the ESP8266 GPIO flavour. */
export const ESP8266_TEST_BOARD: BoardDescription = {
  id: "esp8266-test",
  title: "NodeMCU ESP8266 devkit, 1 fob (test board)",
  mcu: "esp8266",
  maxPressMs: 20000,
  pins: [
    { role: "fob1.unlock", pin: 1, active: "low", drive: "push-pull" },
    { role: "fob1.lock", pin: 2, active: "low", drive: "push-pull" },
    { role: "ignition.klr", pin: 5, active: "low", pull: "up", debounceMs: 50 },
    { role: "door", pin: 6, active: "low", pull: "up", debounceMs: 50 },
  ],
};
