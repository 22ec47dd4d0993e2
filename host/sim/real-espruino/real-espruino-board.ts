/**
 * A board made of the real Espruino interpreter, wired to the simulated
 * bench: the interpreter runs in its own directory (startEspruino), the pin
 * bridge (pin-bridge.ts) is stored as `.boot0`, and the shipped bytes, when
 * given, as `.bootcde`, exactly as `fobsync flash` stores them. The bench's
 * world reaches the firmware only through the bridge:
 *
 *   firmware pinMode/digitalWrite ─► bridge line ─► VirtualPins output (relays, fobs, car)
 *   world drives an input ─► file pin<N> (digitalRead) and, once debounced
 *   by VirtualPins, a silent `__bw(...)` console line ─► the firmware's watch
 *
 * Time is real: the bench's virtual clock must follow real time at speed 1
 * (RealtimeDriver), and `sync()` brings it up to now before a pin change is
 * applied, so the recorded timeline is the interpreter's.
 *
 * The same object is a `BoardBackend` (commands go in as `\x10fs("...")`)
 * and a `PtyConsole` (fobsync sim: the host's bytes go in as they come).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { OutputPin, Pull } from "../../../hal/contracts";
import { startEspruino, type EspruinoProcess } from "../../espruino/espruino-process";
import { LineSplitter, withoutReplPrompt } from "../../serial/line-splitter";
import type { BoardBackend, BoardBackendContext, BoardBackendFactory } from "../backend";
import type { PtyConsole } from "../boards/pty-console";
import { ConsoleMux } from "./console-mux";
import { CtrlCGuard } from "./ctrl-c-guard";
import { edgeLine, faultLine, parseBridgeLine, PIN_BRIDGE_SOURCE, type BridgeLine } from "./pin-bridge";
import { ESP32_RESET_PULLUPS } from "../../../hal/esp32-pins";

/** How long the interpreter may take to run the bridge after the set-up line, and how often that is tried. */
const SETUP_WAIT_MS = 8_000;
const SETUP_ATTEMPTS = 3;
/**
 * How long an evaluate waits for its answer. The full suite runs dozens of interpreters on two
 * cores; a typed line then waited over 2 s for its answer (CI, an echoed fs("status") before it).
 */
const EVALUATE_WAIT_MS = 8_000;

/** ESP32/ESP8266 analogRead full scale, mV (as hal/espruino/pins.ts). */
const ANALOG_FULL_SCALE_MV = 3300;

export interface RealEspruinoOptions {
  /** The shipped bytes to store as `.bootcde` (latin1), with the bench's files (the recipes); none: an empty board, like a new one. */
  bundle?: string;
  /** The interpreter's path; default the one locateInterpreter finds. */
  interpreter?: string;
  /** Bring the bench clock up to real time now (the RealtimeDriver's step). */
  sync?: () => void;
}

/** A digitalWrite as the bridge stamped it (interpreter getTime(), seconds). */
export interface BridgeWrite {
  pin: number;
  high: boolean;
  t: number;
}

export interface RealEspruinoBoard extends BoardBackend, PtyConsole {
  readonly process: EspruinoProcess;
  /** Resolves when the bridge has started after the Storage was written. */
  readonly ready: Promise<void>;
  /** Every digitalWrite, with the interpreter's own time stamps. */
  readonly writes: BridgeWrite[];
  /** Every bridge line since the board was made, in order (pin calls, watches, boots). */
  readonly calls: BridgeLine[];
  /** Make the firmware's next digitalWrite to `pin` throw (a fault injected for safety tests). */
  failNextWrite(pin: number): void;
  /**
   * Ask the firmware's JS for something and get its printed answer (tests, benchmarks), or null
   * when none came within `timeoutMs` (EVALUATE_WAIT_MS unless given).
   */
  evaluate(expression: string, timeoutMs?: number): Promise<string | null>;
  /** Kill the interpreter and remove its directory (async form of close). */
  stop(): Promise<void>;
}

/** The backend factory; `created` receives the board for tests and benchmarks. */
export function realEspruinoFactory(opts: RealEspruinoOptions = {}, created?: (b: RealEspruinoBoard) => void): BoardBackendFactory {
  return (ctx) => {
    const board = startRealEspruino(ctx, opts);
    created?.(board);
    return board;
  };
}

let evalCounter = 0;

export function startRealEspruino(ctx: BoardBackendContext, opts: RealEspruinoOptions): RealEspruinoBoard {
  const proc = startEspruino({ interpreter: opts.interpreter });
  const sync = opts.sync ?? (() => {});
  const hostListeners: ((bytes: string) => void)[] = [];
  const calls: BridgeLine[] = [];
  const lines = new LineSplitter((l) => ctx.onLine(withoutReplPrompt(l.text)));
  const pins = new BenchPins(ctx, proc.dir, (line) => mux.inject(line));
  /** Called on every bridge start (boot line), for the set-up below. */
  let onBoot: () => void = () => {};
  const toBoard = new CtrlCGuard((bytes) => proc.write(bytes));
  const mux = new ConsoleMux(
    (bytes) => toBoard.push(bytes),
    (bytes) => {
      lines.push(Buffer.from(bytes, "latin1"));
      for (const fn of hostListeners) fn(bytes);
    },
    (text) => {
      const line = parseBridgeLine(text);
      if (!line) return;
      calls.push(line);
      sync();
      pins.apply(line);
      if (line.kind === "boot") onBoot();
    },
  );
  proc.onOutput((bytes) => mux.fromBoard(bytes));
  pins.publishAll();
  const files: { [name: string]: string } = { ".boot0": PIN_BRIDGE_SOURCE };
  // a board with firmware has the recipes `fobsync flash` installs with it
  if (opts.bundle !== undefined) Object.assign(files, ctx.files, { ".bootcde": opts.bundle });
  const ready = setUp(proc, files, (fn) => (onBoot = fn));
  ready.catch(() => {}); // awaited by whoever needs it; not an unhandled rejection otherwise

  let powered = false;
  const stop = () => proc.stop();
  return {
    name: "espruino-real",
    process: proc,
    ready,
    writes: pins.writes,
    calls,
    failNextWrite: (pin) => mux.inject(faultLine(pin)),
    send: (line) => mux.fromHost("\x10fs(" + JSON.stringify(line) + ")\n"),
    close: () => void stop(),
    stop,
    feedBytes: (bytes) => mux.fromHost(bytes),
    listen: (fn) => hostListeners.push(fn),
    unlisten(fn) {
      const i = hostListeners.indexOf(fn);
      if (i >= 0) hostListeners.splice(i, 1);
    },
    powerOn() {
      // The first power-on happened when the board was made; later ones are a power cycle.
      if (!powered) {
        powered = true;
        return;
      }
      pins.powerCycle();
      // the bench's wiring (the bridge) goes back in, should a flash have removed it (its own
      // E.on("kill") puts it back at a load() or reset(), which a power cycle skips): then load()
      void proc
        .restart()
        .then(() => setUp(proc, { ".boot0": PIN_BRIDGE_SOURCE }, (fn) => (onBoot = fn)))
        .catch(() => {});
    },
    async evaluate(expression, timeoutMs = EVALUATE_WAIT_MS) {
      const tag = `FSEV${++evalCounter}=`;
      const answer = proc.waitFor(new RegExp(tag + "([^\\r\\n]*)\\r?\\n"), timeoutMs);
      mux.fromHost(`\x10print("${tag.slice(0, 2)}"+"${tag.slice(2)}"+(${expression}))\n`);
      const m = await answer;
      return m ? m[1] : null;
    },
  };
}

/**
 * Store the files and `load()` until the bridge says it started: straight into
 * Storage through the host file system, not as console upload lines (this is
 * set-up, not flashing). The Linux build's console input thread and main loop
 * share the input queue without a lock (docs/espruino.md section 7): under
 * CPU load a line can arrive garbled, or the interpreter can stop on an
 * ASSERT. Then the interpreter is power-cycled and the set-up done again, at
 * most SETUP_ATTEMPTS times.
 */
async function setUp(proc: EspruinoProcess, files: { [name: string]: string }, onBoot: (fn: () => void) => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const booted = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), SETUP_WAIT_MS);
      onBoot(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    proc.store(files, "load()");
    if (await booted) return;
    if (attempt === SETUP_ATTEMPTS) {
      throw new Error(`the Espruino interpreter did not start its pin bridge (${SETUP_ATTEMPTS} tries of ${SETUP_WAIT_MS / 1000} s); it printed: ${JSON.stringify(proc.output().slice(-600))}`);
    }
    await proc.restart();
  }
}

/** The bench's side of the bridge: outputs, watches, and the input files the bridge reads. */
class BenchPins {
  readonly writes: BridgeWrite[] = [];
  private modes: { [pin: number]: string } = {};
  private lastWritten: { [pin: number]: boolean } = {};
  /** Per output pin: when the last write landed on the bench (ms) and its interpreter time (s). */
  private lastWrite: { [pin: number]: { at: number; t: number; pressing: boolean } } = {};
  private outputs: { [pin: number]: { out: OutputPin; releasedHigh: boolean } } = {};
  /** Watch ids the bridge has live; a watch not in here (cleared) is silent. */
  private watches = new Set<number>();
  /** Pins a watch made inputs since the last boot: their pull follows a later pinMode. */
  private watched = new Set<number>();
  /** Boots so far: the bridge numbers its watches from 1 again at each, so a watch belongs to one boot. */
  private boots = 0;

  constructor(
    private readonly ctx: BoardBackendContext,
    private readonly dir: string,
    private readonly inject: (line: string) => void,
  ) {
    ctx.pins.onInputChange((pin, high) => this.publish(pin, high));
    ctx.pins.onMillivolts((pin, mv) => this.writeFile("adc" + pin, String(mv / ANALOG_FULL_SCALE_MV)));
  }

  /** Write every input level the world has set so far, before the firmware boots and reads them. */
  publishAll(): void {
    for (const p of this.ctx.board.pins) {
      const level = this.ctx.pins.inputLevel(p.pin);
      if (level !== undefined) this.publish(p.pin, level);
      const mv = this.ctx.pins.millivolts(p.pin);
      if (mv !== undefined) this.writeFile("adc" + p.pin, String(mv / ANALOG_FULL_SCALE_MV));
    }
  }

  apply(line: BridgeLine): void {
    switch (line.kind) {
      case "boot":
        this.softReset();
        return;
      case "mode":
        return this.mode(line.pin, line.mode);
      case "write":
        this.writes.push({ pin: line.pin, high: line.high, t: line.t });
        this.lastWritten[line.pin] = line.high;
        return this.writeAt(line.pin, line.high, line.t);
      case "watch":
        return this.watch(line.pin, line.debounceMs, line.id);
      case "unwatch":
        if (line.id === "all") this.watches.clear();
        else this.watches.delete(line.id);
        return;
    }
  }

  /**
   * Drive an output as the firmware wrote it at interpreter time `t` (s). The
   * bridge's lines can arrive late and together on a loaded machine; applied
   * on arrival, a 300 ms press would shrink to nothing. So a release lands the
   * interpreter's press length after its press landed (never before now, never
   * before an earlier write): press lengths are the board's, whatever the lag.
   */
  private writeAt(pin: number, high: boolean, t: number): void {
    const now = this.ctx.clock.now();
    const o = this.outputs[pin];
    const pressing = o !== undefined && high !== o.releasedHigh;
    const last = this.lastWrite[pin];
    let at = Math.max(now, last ? last.at : now);
    if (!pressing && last?.pressing) at = Math.max(at, last.at + Math.round((t - last.t) * 1000));
    this.lastWrite[pin] = { at, t, pressing };
    const boot = this.boots;
    const apply = () => {
      if (boot === this.boots) this.outputs[pin]?.out.write(high);
    };
    if (at <= now) apply();
    else this.ctx.clock.at(at, apply);
  }

  /**
   * `reset()` or `load()` as an ESP32 does them (jshReset, then
   * jshPinDefaultPullup): the pins of ESP32_RESET_PULLUPS become inputs with a
   * pull-up (a relay module's input reads high: an active-low relay releases,
   * an active-high one presses), every other pin keeps its level (GPIO16, 17,
   * 23); no watch is live. Also the boot after a power cycle, where every
   * output already floats.
   */
  softReset(): void {
    for (const pin of Object.keys(this.outputs)) {
      if (ESP32_RESET_PULLUPS.indexOf(Number(pin)) >= 0) this.outputs[Number(pin)].out.write(true);
    }
    this.forgetBoot();
  }

  /** A power cycle: every output pin floats (the relay modules release), no watch is live. */
  powerCycle(): void {
    for (const pin of Object.keys(this.outputs)) {
      const o = this.outputs[Number(pin)];
      o.out.write(o.releasedHigh);
    }
    this.forgetBoot();
  }

  /** What a boot forgets: the watches, the pin modes, the writes in flight. */
  private forgetBoot(): void {
    this.watches.clear();
    this.watched.clear();
    this.modes = {};
    this.lastWrite = {};
    this.boots++;
  }

  private publish(pin: number, high: boolean): void {
    this.writeFile("pin" + pin, high ? "1" : "0");
  }

  /** A file the bridge reads; none once the board is stopped (its directory is gone). */
  private writeFile(name: string, text: string): void {
    try {
      writeFileSync(join(this.dir, name), text);
    } catch {
      // the board was stopped and its directory removed: nothing reads it any more
    }
  }

  private mode(pin: number, mode: string): void {
    this.modes[pin] = mode;
    // a watched pin's pull follows its mode (the ESP32's setWatch set a pull-up before)
    if (this.watched.has(pin)) this.ctx.pins.setPull(pin, pullOf(mode));
    const o = this.outputs[pin];
    if (mode === "output" || mode === "opendrain") {
      if (!o) {
        const releasedHigh = this.lastWritten[pin] ?? false;
        this.outputs[pin] = { out: this.ctx.pins.output(pin, mode === "opendrain" ? "open-drain" : "push-pull", releasedHigh), releasedHigh };
      }
      return;
    }
    // An output pin made an input floats: its relay module releases.
    if (o) o.out.write(o.releasedHigh);
  }

  /** A watch, as an ESP32's setWatch makes it: the pin an input with a PULL-UP, whatever its mode was (jshPinWatch). */
  private watch(pin: number, debounceMs: number, id: number): void {
    this.watches.add(id);
    this.watched.add(pin);
    const boot = this.boots;
    this.modes[pin] = "input_pullup";
    this.ctx.pins.setPull(pin, "up");
    this.ctx.pins.input(pin, "up", debounceMs).watch((high, atMs) => {
      if (boot === this.boots && this.watches.has(id)) this.inject(edgeLine(id, high, this.ctx.clock.now() - atMs));
    });
  }
}

/** The pull a pin mode sets. */
function pullOf(mode: string): Pull {
  return mode === "input_pullup" ? "up" : mode === "input_pulldown" ? "down" : "none";
}
