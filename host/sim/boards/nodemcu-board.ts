/**
 * A simulated NodeMCU board on a pseudo-terminal (`fobsync sim --target nodemcu`):
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
import type { BoardBackendFactory } from "../backend";
import { createBench, type CarSpec } from "../bench";
import { servePtyConsole, type PtyBoardOptions, type PtyServer } from "./pty-console";
import { NodeMcuRepl } from "../runtime/nodemcu-repl";
import type { GpioFlavour } from "../runtime/nodemcu-bridge";
import { quoteForRepl } from "../../serial/firmware-command";
import { servedBoard, type SimBoard } from "./sim-board";

export interface NodeMcuBoardOptions extends PtyBoardOptions {
  /** Files on the board's file system at power-on, name -> bytes (latin1); default none, like a new board. */
  files?: Record<string, string>;
  /** NodeMCU API flavour; default from the bench board's MCU (ESP32). */
  flavour?: GpioFlavour;
  /** The Lua heap it has free before anything runs (`node.heap()`); default the flavour's modelled figure. */
  heapBytes?: number;
}

export interface NodeMcuBoard extends SimBoard {
  readonly kind: "nodemcu";
  readonly repl: NodeMcuRepl;
}

/** What runs a NodeMCU board's firmware, for people. */
export const NODEMCU_RUNS_ON = "fobsync's NodeMCU model (the Lua in lua5.1)";

/** Start the virtual NodeMCU and its pty; resolves once the host end can be opened. */
export async function startNodeMcuBoard(opts: NodeMcuBoardOptions = {}): Promise<NodeMcuBoard> {
  let made: NodeMcuRepl | null = null;
  const factory: BoardBackendFactory = (ctx) => {
    const repl = new NodeMcuRepl({ ...ctx, flavour: opts.flavour, heapBytes: opts.heapBytes });
    for (const [name, bytes] of Object.entries(opts.files ?? {})) repl.writeFile(name, bytes);
    made = repl;
    return {
      name: "nodemcu-pty",
      send: (line) => repl.feedBytes(`fs(${quoteForRepl(line)})\n`),
      close: () => repl.close(),
    };
  };
  // the host is whatever opens the port: the bench sends no heartbeat of its own (unless told)
  const bench = createBench({ car: { kind: opts.car ?? "zke" } as CarSpec, backend: factory, host: opts.benchHeartbeat ? {} : false });
  const repl = made as unknown as NodeMcuRepl;
  let served: PtyServer;
  try {
    served = await servePtyConsole(bench, repl, { ...opts, xonXoff: false });
  } catch (err) {
    bench.close();
    throw err;
  }
  return servedBoard({ kind: "nodemcu", runsOn: NODEMCU_RUNS_ON, speed: opts.speed ?? 1, bench }, served, { repl });
}
