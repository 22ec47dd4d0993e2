/**
 * A virtual NodeMCU on a pseudo-terminal (`fobsync sim --target nodemcu`):
 * the simulated bench (car, fobs, user: the same wiring as the Espruino pty
 * board) with a virtual NodeMCU (runtime/nodemcu-repl.ts: the Lua REPL, the
 * real lua5.1 with the NodeMCU shim, a SPIFFS folder) on the console UART.
 *
 *   host ── pty (socat) ── real serialport bindings ── PtyUart ── NodeMcuRepl ── lua5.1
 *
 * Like a freshly flashed NodeMCU it starts with an empty file system (no
 * init.lua: a bare `> ` prompt) unless given files; `fobsync flash --target
 * nodemcu` writes them. Files survive node.restart() and re-plugs. NodeMCU
 * has no software flow control on its console: the UART sends no XON/XOFF.
 */
import type { BoardBackendFactory } from "./backend";
import { createBench, type Bench, type CarSpec } from "./bench";
import { servePtyConsole, type PtyBoardOptions, type PtyServer } from "./pty-board";
import { NodeMcuRepl } from "./runtime/nodemcu-repl";
import type { GpioFlavour } from "./runtime/nodemcu-bridge";
import { quoteForRepl } from "../serial/firmware-command";

export interface PtyNodeMcuOptions extends Omit<PtyBoardOptions, "bundle"> {
  /** Files on the board's file system at power-on, name -> bytes (latin1); default none, like a new board. */
  files?: Record<string, string>;
  /** NodeMCU API flavour; default from the bench board's MCU (ESP32). */
  flavour?: GpioFlavour;
}

export interface PtyNodeMcu extends PtyServer {
  readonly repl: NodeMcuRepl;
  readonly bench: Bench;
}

/** Start the virtual NodeMCU and its pty; resolves once the host end can be opened. */
export async function startPtyNodeMcu(opts: PtyNodeMcuOptions = {}): Promise<PtyNodeMcu> {
  let made: NodeMcuRepl | null = null;
  const factory: BoardBackendFactory = (ctx) => {
    const repl = new NodeMcuRepl({ ...ctx, flavour: opts.flavour });
    for (const [name, bytes] of Object.entries(opts.files ?? {})) repl.writeFile(name, bytes);
    made = repl;
    return {
      name: "nodemcu-pty",
      send: (line) => repl.feedBytes(`fs(${quoteForRepl(line)})\n`),
      close: () => repl.close(),
    };
  };
  const bench = createBench({ car: { kind: opts.car ?? "zke" } as CarSpec, backend: factory });
  const repl = made as unknown as NodeMcuRepl;
  let served: PtyServer;
  try {
    served = await servePtyConsole(bench, repl, { ...opts, xonXoff: false });
  } catch (err) {
    bench.close();
    throw err;
  }
  return {
    get hostPath() {
      return served.hostPath;
    },
    repl,
    bench,
    unplug: () => served.unplug(),
    replug: () => served.replug(),
    stop: () => served.stop(),
    syncClock: () => served.syncClock(),
  };
}
