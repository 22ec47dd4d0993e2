/**
 * Serving a simulated board's console on a pseudo-terminal, the part every
 * kind of simulated board shares (the model, the real interpreter, the
 * NodeMCU stand-in): the socat pair, the board end opened with the real
 * serialport bindings, the modelled UART between, power, the bench clock in
 * real time, and the cable (unplug, replug, injected faults).
 */
import type { Bench } from "../bench";
import { openPtyPair, type PtyPair } from "../pty-pair";
import { PtyUart } from "../pty-uart";
import { RealtimeDriver } from "../realtime-driver";
import type { SerialLink } from "../../serial/link";
import { openSerialLink } from "../../serial/serialport-link";
import type { SimCar } from "../car";

/** What every simulated pty board takes. */
export interface PtyBoardOptions {
  car?: SimCar["kind"];
  /** Virtual seconds per real second. */
  speed?: number;
  /** Line rate the board's UART models (0 = unlimited). */
  baud?: number;
  /** Stable path for the host end (symlink), so a re-plugged board comes back at the same path. */
  hostLink?: string;
  /** Fault injection (tests): see PtyUart. */
  corruptAtByte?: number;
  unplugAtByte?: number;
  /** After an injected unplug, plug back in after this many real ms (power-on again). */
  replugAfterMs?: number;
  /** Real ms from a replug to the power-on banner (default 500, an ESP32's boot). */
  bootDelayMs?: number;
  /** Messages about the board's life (unplug, replug). */
  log?: (text: string) => void;
  /**
   * The bench sends the session heartbeat itself (in virtual time), for a
   * board whose host lives and dies in the same process and cannot keep up
   * with a board running faster than real time (the demo at --speed > 1).
   * Default: no, whatever opens the port is the host.
   */
  benchHeartbeat?: boolean;
}

/** A console served on a pty: its path, the cable, and the end of it all. */
export interface PtyServer {
  /** What to pass as `--port`. */
  readonly hostPath: string;
  /** Pull the cable: the port disappears; `replug()` brings it back with a power-on. */
  unplug(): Promise<void>;
  replug(): Promise<void>;
  stop(): Promise<void>;
  /** Bring the bench clock up to where real time says it is now (between the driver's ticks). */
  syncClock(): void;
}

/** What a virtual board's console offers the pseudo-terminal: bytes both ways and power. */
export interface PtyConsole {
  /** Bytes the board received (after the modelled UART). */
  feedBytes(bytes: string): void;
  /** Bytes the board sends. */
  listen(fn: (bytes: string) => void): void;
  unlisten(fn: (bytes: string) => void): void;
  /** Power-on (first plug-in and every replug). */
  powerOn(): void;
}

/**
 * Serve a bench's board console on a pseudo-terminal: plug in (socat pair,
 * the board end opened with the real serialport bindings, the modelled UART
 * between), power on, run the virtual clock in real time, and handle
 * unplug/replug and the injected faults of `opts`. `xonXoff: false` models a
 * UART without software flow control (NodeMCU).
 */
export async function servePtyConsole(bench: Bench, con: PtyConsole, opts: PtyBoardOptions & { xonXoff?: boolean } = {}): Promise<PtyServer> {
  const log = opts.log ?? (() => {});
  let pair: PtyPair | null = null;
  let link: SerialLink | null = null;
  let uart: PtyUart | null = null;
  let stopped = false;
  let plugs = 0;
  /** The unplug in progress: a replug waits for it (socat removes its symlink as it ends). */
  let unplugging: Promise<void> = Promise.resolve();

  const toHost = (bytes: string) => {
    if (link?.isOpen) link.write(bytes).catch(() => {});
  };
  con.listen(toHost);

  const plugIn = async () => {
    pair = await openPtyPair({ hostLink: opts.hostLink });
    link = await openSerialLink({ path: pair.boardPath, baudRate: opts.baud || 115200 });
    // Injected faults happen once in the board's life, not again after a replug.
    const faults = plugs++ === 0 ? { corruptAtByte: opts.corruptAtByte, unplugAtByte: opts.unplugAtByte } : {};
    const flow = opts.xonXoff === false ? { highWater: Infinity } : {};
    uart = new PtyUart(
      { baud: opts.baud ?? 115200, ...flow, ...faults },
      (bytes) => con.feedBytes(bytes),
      toHost,
      () => {
        log("injected fault: cable pulled");
        void server.unplug().then(() => {
          if (opts.replugAfterMs !== undefined) setTimeout(() => void server.replug(), opts.replugAfterMs);
        });
      },
    );
    const u = uart;
    link.onData((chunk) => u.fromHost(chunk));
    // Plugging back in powers the board up; like an ESP32 it takes a moment to boot.
    if (plugs === 1) con.powerOn();
    else setTimeout(() => !stopped && con.powerOn(), opts.bootDelayMs ?? 500);
  };

  const driver = new RealtimeDriver(bench.clock, { speed: opts.speed ?? 1, onTick: (real) => uart?.pump(real) });

  const server: PtyServer = {
    syncClock: () => driver.step(),
    get hostPath() {
      return opts.hostLink ?? pair!.hostPath;
    },
    unplug() {
      const l = link;
      const p = pair;
      link = null;
      uart = null;
      pair = null;
      const previous = unplugging;
      unplugging = (async () => {
        await previous;
        if (l?.isOpen) await l.close();
        await p?.close();
      })();
      return unplugging;
    },
    async replug() {
      await unplugging;
      if (stopped || pair) return;
      await plugIn();
      log(`plugged back in at ${server.hostPath}`);
    },
    async stop() {
      stopped = true;
      driver.stop();
      con.unlisten(toHost);
      await server.unplug();
      bench.close();
    },
  };

  await plugIn();
  driver.start();
  return server;
}
