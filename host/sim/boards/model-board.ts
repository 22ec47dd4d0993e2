/**
 * A simulated board on fobsync's model of Espruino, on a pseudo-terminal
 * (`fobsync sim --virtual`, or when no real interpreter is found): the simulated bench
 * (car, fobs, user) with the model running the BUILT bundle from its
 * Storage, reachable through a pty that fobsync opens like real hardware.
 *
 *   host ── pty (socat) ── real serialport bindings ── PtyUart ── EspruinoRuntime REPL
 *
 * Like a new board it starts with empty Storage (a bare REPL) unless given a
 * bundle; `flash` stores the firmware, `reset()`/`load()` and re-plugging keep
 * Storage and print a fresh banner with the build id of what is stored.
 * The virtual clock follows real time `speed` times faster.
 */
import { createBench, type Bench, type CarSpec } from "../bench";
import type { BoardBackendFactory } from "../backend";
import type { EspruinoDecoders } from "../runtime/espruino-codecs";
import { EspruinoRuntime } from "../runtime/espruino-runtime";
import { servePtyConsole, type PtyBoardOptions } from "./pty-console";
import { servedBoard, type SimBoard } from "./sim-board";

export interface ModelBoardOptions extends PtyBoardOptions {
  /** Decoders the virtual Espruino has (default: atob and heatshrink, an ESP32 build). */
  decoders?: EspruinoDecoders;
  /** Firmware already in Storage at power-on (default: none, like a new board). */
  bundle?: string;
  /** The Espruino version the board reports (default 2v29). */
  version?: string;
  /** The radios the board reports on (default none). */
  radios?: { wifi: boolean; ble: boolean };
  /** What its ADC reads for 1 mV at the pin (default 1, exact). */
  adcGain?: number;
}

export interface ModelBoard extends SimBoard {
  readonly kind: "model";
  readonly runtime: EspruinoRuntime;
}

/** What the model is, wherever a board on it is named. */
export const MODEL_RUNS_ON = "fobsync's model of Espruino (JavaScript, not the real interpreter)";

/** Start the virtual board and its pty; resolves once the host end can be opened. */
export async function startModelBoard(opts: ModelBoardOptions = {}): Promise<ModelBoard> {
  let runtime: EspruinoRuntime | null = null;
  const factory: BoardBackendFactory = (ctx) => {
    runtime = new EspruinoRuntime({ clock: ctx.clock, pins: ctx.pins, onLine: ctx.onLine, decoders: opts.decoders, version: opts.version, radios: opts.radios, adcGain: opts.adcGain });
    if (opts.bundle !== undefined) {
      // a board with firmware has the recipes `fobsync flash` installs with it
      for (const [name, text] of Object.entries(ctx.files)) runtime.storage.write(name, text);
      runtime.storage.write(".bootcde", opts.bundle);
    }
    return {
      name: "espruino-pty",
      send: (line) => runtime!.feedBytes("\x10fs(" + JSON.stringify(line) + ")\n"),
      close: () => {
        runtime!.timers.clearAll();
        runtime!.io.clearWatches();
      },
    };
  };
  // the host is whatever opens the port: the bench sends no heartbeat of its own (unless told)
  const bench = createBench({ car: { kind: opts.car ?? "zke" } as CarSpec, backend: factory, host: opts.benchHeartbeat ? {} : false });
  const rt = runtime as unknown as EspruinoRuntime;
  const served = await servePtyConsole(bench, {
    feedBytes: (bytes) => rt.feedBytes(bytes),
    listen: (fn) => rt.console.listen(fn),
    unlisten: (fn) => rt.console.unlisten(fn),
    powerOn: () => rt.powerOn(),
  }, opts);
  return servedBoard({ kind: "model", runsOn: MODEL_RUNS_ON, speed: opts.speed ?? 1, bench }, served, { runtime: rt });
}

