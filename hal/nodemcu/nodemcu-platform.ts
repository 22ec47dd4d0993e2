import type { AnalogPin, Drive, InputPin, OutputPin, Platform, Pull } from "../contracts";
import { NodeMcuAnalog } from "./nodemcu-analog";
import { NodeMcuClock } from "./nodemcu-clock";
import { NodeMcuConsole } from "./nodemcu-console";
import { NodeMcuInput, NodeMcuOutput } from "./nodemcu-pins";

/**
 * The `Platform` for NodeMCU (ESP32 or ESP8266 flavour, detected at run time).
 * `maxPressMs` is the board's press ceiling: outputs enforce it a second time,
 * independently of the core.
 */
export function createNodeMcuPlatform(maxPressMs: number): Platform {
  const clock = new NodeMcuClock();
  return {
    clock: clock,
    link: new NodeMcuConsole(),
    output: (pin: number, drive: Drive, releasedHigh: boolean): OutputPin => new NodeMcuOutput(pin, drive, releasedHigh, clock, maxPressMs),
    input: (pin: number, pull: Pull, debounceMs: number): InputPin => new NodeMcuInput(pin, pull, debounceMs, clock),
    analog: (pin: number): AnalogPin => new NodeMcuAnalog(pin),
  };
}
