import type { Platform } from "../contracts";
import { createNodeMcuClock } from "./nodemcu-clock";
import { nodeMcuFiles } from "./nodemcu-files";
import { runGuarded } from "./nodemcu-guard";
import { nodeMcuAnalog, nodeMcuInput, nodeMcuOutput } from "./nodemcu-pins";

/**
 * The `Platform` for NodeMCU (ESP32 or ESP8266 flavour, detected at run
 * time). `maxPressMs` is the board's press ceiling: outputs enforce it a
 * second time, independently of the core.
 *
 * The console: output is `print` (the interpreter's UART); input is the
 * global function `fs(line)` the host types at the Lua prompt, NOT
 * `uart.on("data", ...)`, which would take the UART from the interpreter:
 * uploads, `node.restart()` and any rescue at the prompt would stop working.
 */
export function createNodeMcuPlatform(maxPressMs: number): Platform {
  const clock = createNodeMcuClock();
  let handler: ((line: string) => void) | undefined;
  const entry: (this: void, line: unknown) => void = (line) => {
    const h = handler;
    if (h === undefined) return;
    if (typeof line === "string") runGuarded(h, line);
    else print('fobsync: fs("<command>") takes one string');
  };
  _G.fs = entry;
  return {
    clock: clock,
    link: {
      write: (line: string): void => print(line),
      onLine: (fn: (line: string) => void): void => {
        handler = fn;
      },
    },
    files: nodeMcuFiles(),
    // a build without the wifi module has no radio console; NodeMCU has no Bluetooth console
    radios: wifi === undefined ? "off" : wifi.getmode() === wifi.NULLMODE ? "off" : "wifi",
    output: (pin, drive, releasedHigh) => nodeMcuOutput(pin, drive, releasedHigh, clock, maxPressMs),
    input: (pin, pull, debounceMs) => nodeMcuInput(pin, pull, debounceMs, clock),
    analog: (pin) => nodeMcuAnalog(pin),
  };
}
