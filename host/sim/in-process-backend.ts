import type { LineLink, Platform } from "../../hal/contracts";
import type { BuildInfo } from "../../firmware/firmware";
import { freshFirmware } from "./firmware-instance";
import { memoryFiles } from "./memory-files";
import type { BoardBackend, BoardBackendContext, BoardBackendFactory } from "./backend";

/** Build info the in-process core reports in its `boot` line. */
export const IN_PROCESS_BUILD: BuildInfo = { version: "0.1.0", build: "core", target: "sim" };

/**
 * The firmware's TypeScript core (a fresh copy per board: firmware-instance.ts) running in this process: its Platform is the
 * bench's virtual clock and pins, and its console writes go straight to
 * `ctx.onLine`. A command line goes in through the link, as the host's would.
 */
export const inProcessBackend: BoardBackendFactory = (ctx: BoardBackendContext): BoardBackend => {
  const handlers: ((line: string) => void)[] = [];
  const link: LineLink = {
    write: (line) => ctx.onLine(line),
    onLine: (fn) => {
      handlers.push(fn);
    },
  };
  const platform: Platform = {
    clock: ctx.clock,
    link,
    output: (pin, drive, releasedHigh) => ctx.pins.output(pin, drive, releasedHigh),
    input: (pin, pull, debounceMs) => ctx.pins.input(pin, pull, debounceMs),
    analog: (pin) => ctx.pins.analog(pin),
    files: memoryFiles(ctx.files),
    radios: "off",
  };
  freshFirmware().startFirmware(platform, () => ctx.board, IN_PROCESS_BUILD);
  return {
    name: "core",
    send(line) {
      if (handlers.length === 0) throw new Error("core backend: the firmware registered no line handler");
      for (const fn of handlers) fn(line);
    },
    close() {
      handlers.length = 0;
    },
  };
};
