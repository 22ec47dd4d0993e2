import { createContext, runInContext, type Context } from "node:vm";
import type { VirtualClock } from "../../../hal/sim/virtual-clock";
import type { VirtualPins } from "../../../hal/sim/virtual-pins";
import { espruinoAtob, espruinoBtoa, heatshrinkModule, type EspruinoDecoders } from "./espruino-codecs";
import { EspruinoConsole } from "./espruino-console";
import { EspruinoIo, type PinCall } from "./espruino-io";
import { detokenise } from "../../bundler/espruino/pretokenise";
import { describeError, EspruinoRepl, type ReplResult } from "./espruino-repl";
import { EspruinoStorage } from "./espruino-storage";
import { EspruinoTimers } from "./espruino-timers";

export interface EspruinoRuntimeOptions {
  clock: VirtualClock;
  pins: VirtualPins;
  /** Every console line (terminal view: prompts erased, `\r\n` removed). */
  onLine?: (line: string) => void;
  /**
   * `atob`/`btoa` and `require("heatshrink")` (default: both, as an ESP32
   * build). `false` leaves one out, as a SAVE_ON_FLASH build does.
   */
  decoders?: EspruinoDecoders;
  /** What `process.env.VERSION` says (default "2v29", the version fobsync's figures were measured on). */
  version?: string;
  /**
   * The radios `ESP32.getState()` reports on (an ESP32 keeps Wi-Fi and BLE
   * state in NVS: on until `ESP32.enableWifi(false)` / `enableBLE(false)`).
   * Default: both off, so the simulated bench does not warn about radios it has not got.
   */
  radios?: { wifi: boolean; ble: boolean };
  /** What the ADC reads for 1 mV at the pin (default 1, exact): an uncalibrated ESP32 is up to about 10 % off. */
  adcGain?: number;
}

/** What happened to the watchdog, for tests. */
export interface WatchdogState {
  timeoutSeconds: number;
  auto: boolean;
  kicks: number;
}

/** Globals Espruino 2v29 does not have: removed from the vm context so a slip fails here too. */
const MISSING_IN_ESPRUINO = "delete globalThis.Map;delete globalThis.Set;delete globalThis.WeakMap;delete globalThis.WeakSet;delete globalThis.Symbol;" +
  "delete Array.from;delete Number.isInteger;delete Number.isFinite;delete Math.trunc;delete Object.freeze;";

const BANNER = [" ____                 _", "|  __|___ ___ ___ _ _|_|___ ___", "|  __|_ -| . |  _| | | |   | . |",
  "|____|___|  _|_| |___|_|_|_|___|", "         |_| espruino.com", " 2v29 (c) 2025 G.Williams (virtual fobsync runtime)", ""];

/**
 * A virtual Espruino board in a Node `vm` context: it runs the BUILT bundle
 * (Storage `.bootcde`, as a real board does at boot) with the Espruino
 * globals the bundle uses, backed by the simulated bench's virtual clock and
 * pins. Its console is a REPL: `feedBytes` takes what a host sends (Ctrl-C,
 * `echo(0)`, `\x10`-prefixed lines, Storage writes, `load()`...) and returns
 * what the board answers, so the host's flash and command paths can talk to
 * it as to a real board.
 *
 * It is NOT the real interpreter (host/sim/real-espruino runs that): it
 * exists for what the real one cannot do here: virtual time at any speed,
 * builds without atob or heatshrink, and faults injected into the UART. Where
 * it differs from Espruino 2v29 (test/espruino/virtual-vs-real.test.ts):
 * Node's engine hoists function declarations, Espruino does not; it prints no
 * `>` prompt before the answer to a silent command line; and it has no
 * `process.memory()` (JsVars are
 * measured on the interpreter). `save()` is recorded (`saves`) but restoring
 * a RAM image is not emulated: fobsync persists through `.bootcde`.
 */
export class EspruinoRuntime {
  readonly storage = new EspruinoStorage();
  readonly io: EspruinoIo;
  readonly timers: EspruinoTimers;
  readonly console: EspruinoConsole;
  readonly repl: EspruinoRepl;
  /** Watchdog as last enabled by the script, or null. */
  watchdog: WatchdogState | null = null;
  /** Number of `save()` calls. */
  saves = 0;
  /** Calls the script made to radio-console modules (`Wifi.stopAP`, `TelnetServer.setOptions`...). */
  readonly radioCalls: string[] = [];
  /** Uncaught errors reported on the console, as text. */
  readonly uncaught: string[] = [];
  private clock: VirtualClock;
  private decoders: Required<EspruinoDecoders>;
  private readonly version: string;
  private radios: { wifi: boolean; ble: boolean };
  private context: Context = createContext({});
  private initHandlers: unknown[] = [];
  /** `E.on("kill")` handlers: run before `reset()`, `load()` and `save()` tear the program down. */
  private killHandlers: unknown[] = [];
  private faultHandlers: unknown[] = [];
  private pendingRestart: "" | "reset" | "load" | "restart" = "";
  private injected: { api: PinCall["api"]; pin: number } | null = null;

  constructor(options: EspruinoRuntimeOptions) {
    this.clock = options.clock;
    this.decoders = { atob: options.decoders?.atob ?? true, heatshrink: options.decoders?.heatshrink ?? true };
    this.version = options.version ?? "2v29";
    this.radios = options.radios ?? { wifi: false, ble: false };
    const onLine = options.onLine ?? (() => undefined);
    this.console = new EspruinoConsole(onLine);
    this.repl = new EspruinoRepl(this.console);
    const run = (fn: unknown, args: unknown[]) => this.runCallback(fn, args);
    this.io = new EspruinoIo(options.clock, options.pins, run, "esp32", options.adcGain ?? 1);
    this.timers = new EspruinoTimers(options.clock, run);
  }

  /** Power on (or a hardware reset): RAM cleared, banner, `.bootcde` runs, then `E.on("init")` handlers. */
  powerOn(): void {
    this.freshRam();
    this.repl.echo = true;
    for (const line of BANNER) this.repl.print(line);
    this.boot();
  }

  /** Bytes received on the console; returns the bytes the board sent while handling them. */
  feedBytes(data: string): string {
    let out = "";
    const grab = (bytes: string) => {
      out += bytes;
    };
    this.console.listen(grab);
    try {
      this.repl.feed(data, (code) => this.evaluate(code));
    } finally {
      this.console.unlisten(grab);
    }
    return out;
  }

  /** Make the next call of `api` on `pin` throw, once (fault injection for safety tests). */
  failNext(api: PinCall["api"], pin: number): void {
    this.injected = { api, pin };
  }

  /** Run one REPL input in the script's global scope. */
  private evaluate(code: string): ReplResult {
    let result: ReplResult;
    try {
      result = { value: runInContext(code, this.context, { filename: "REPL" }) };
    } catch (e) {
      this.uncaught.push(describeError(e));
      result = { error: e };
    }
    this.restartIfAsked();
    return result;
  }

  /** Run a timer/watch callback; a throw goes to `uncaughtException` handlers or the console. */
  private runCallback(fn: unknown, args: unknown[]): void {
    try {
      (fn as (...a: unknown[]) => void).apply(undefined, args);
    } catch (e) {
      this.reportUncaught(e);
    }
    this.restartIfAsked();
    this.repl.idle();
  }

  private reportUncaught(e: unknown): void {
    this.uncaught.push(describeError(e));
    if (this.faultHandlers.length === 0) {
      this.repl.print("Uncaught " + describeError(e));
      return;
    }
    for (const h of this.faultHandlers) {
      try {
        (h as (e: unknown) => void)(e);
      } catch (e2) {
        this.uncaught.push(describeError(e2));
        this.repl.print("Uncaught " + describeError(e2));
      }
    }
  }

  /**
   * `ESP32.enableWifi(on)` / `enableBLE(on)` as targets/esp32/jswrap_esp32.c
   * has them: the radio's NVS flag set, the saved code erased (.bootcde,
   * .varimage, .bootrst; jsfRemoveCodeFromFlash), then `esp_restart()`.
   */
  private switchRadio(which: "wifi" | "ble", on: unknown): void {
    this.radios = { ...this.radios, [which]: !!on };
    this.repl.print("Erasing saved code.");
    for (const f of [".varimage", ".bootcde", ".bootrst"]) this.storage.erase(f);
    this.repl.print("Done!");
    this.pendingRestart = "restart";
  }

  /** `reset()`/`load()` (and a chip restart) take effect when the current input or callback has finished, as on Espruino. */
  private restartIfAsked(): void {
    const what = this.pendingRestart;
    if (what === "") return;
    this.pendingRestart = "";
    if (what === "restart") return this.powerOn(); // the chip restarts: no JavaScript runs on the way down
    this.runKillHandlers();
    this.freshRam();
    if (what === "load") this.boot();
    else for (const line of BANNER) this.repl.print(line);
  }

  /** Run `.boot0` to `.boot3` and `.bootcde`, those there are, in that order (as Espruino does), then the init handlers. */
  private boot(): void {
    for (const file of [".boot0", ".boot1", ".boot2", ".boot3", ".bootcde"]) {
      const code = this.storage.read(file);
      if (code === undefined) continue;
      try {
        runInContext(detokenise(code), this.context, { filename: file });
      } catch (e) {
        this.reportUncaught(e);
      }
    }
    for (const h of this.initHandlers) this.runCallback(h, []);
    this.repl.idle();
  }

  /** `E.on("kill")`, as Espruino runs it before the timers are dropped. */
  private runKillHandlers(): void {
    for (const h of this.killHandlers) this.runCallback(h, []);
  }

  /**
   * Everything in RAM goes: globals, timers, watches, handlers. Storage and
   * pin levels stay: as an ESP32's `reset()`, which puts only some pins back
   * to input (not GPIO16, 17, 23: targets/esp32/jshardware.c, jshReset), an
   * output keeps the level it had.
   */
  private freshRam(): void {
    this.timers.clearAll();
    this.io.clearWatches();
    this.io.forgetModes();
    this.repl.clear();
    this.initHandlers = [];
    this.killHandlers = [];
    this.faultHandlers = [];
    this.watchdog = null;
    this.context = createContext(this.globals());
    runInContext(MISSING_IN_ESPRUINO, this.context);
  }

  /** The Espruino globals of one boot. */
  private globals(): Record<string, unknown> {
    const print = (...args: unknown[]) => this.repl.print(args.map((a) => (typeof a === "string" ? a : formatArg(a))).join(" "));
    const g: Record<string, unknown> = {
      print,
      console: { log: print },
      getTime: () => this.clock.now() / 1000,
      setTimeout: (fn: unknown, ms: unknown, ...args: unknown[]) => this.asScript(() => this.timers.setTimeout(fn, ms, args)),
      setInterval: (fn: unknown, ms: unknown, ...args: unknown[]) => this.asScript(() => this.timers.setInterval(fn, ms, args)),
      clearTimeout: (...id: unknown[]) => this.asScript(() => this.timers.clear(id[0], "Timeout")),
      clearInterval: (...id: unknown[]) => this.asScript(() => this.timers.clear(id[0], "Interval")),
      pinMode: (pin: unknown, mode: unknown) => this.pinCall("pinMode", pin, () => this.io.pinMode(pin, mode)),
      digitalWrite: (pin: unknown, v: unknown) => this.pinCall("digitalWrite", pin, () => this.io.digitalWrite(pin, v)),
      digitalRead: (pin: unknown) => this.pinCall("digitalRead", pin, () => this.io.digitalRead(pin)),
      analogRead: (pin: unknown) => this.pinCall("analogRead", pin, () => this.io.analogRead(pin)),
      setWatch: (fn: unknown, pin: unknown, opts: unknown) => this.pinCall("setWatch", pin, () => this.io.setWatch(fn, pin, opts)),
      // no argument: every watch, as Espruino's clearWatch()
      clearWatch: (...id: unknown[]) => (id.length === 0 ? this.io.watchIds().forEach((w) => this.io.clearWatch(w)) : this.io.clearWatch(id[0])),
      E: this.espruinoE(),
      ESP32: {
        getState: () => ({ BLE: this.radios.ble, Wifi: this.radios.wifi, freeHeap: 100000 }),
        enableWifi: (on: unknown) => this.switchRadio("wifi", on),
        enableBLE: (on: unknown) => this.switchRadio("ble", on),
      },
      process: {
        env: { VERSION: this.version, BOARD: "ESP32" },
        on: (event: unknown, fn: unknown) => {
          if (event === "uncaughtException") this.faultHandlers.push(fn);
        },
      },
      require: (name: unknown) => this.asScript(() => this.require(name)),
      echo: (on: unknown) => {
        this.repl.echo = !!on;
      },
      save: () => {
        this.saves++;
      },
      reset: () => {
        this.pendingRestart = "reset";
      },
      load: () => {
        this.pendingRestart = "load";
      },
    };
    if (this.decoders.atob) {
      g.atob = (data: unknown) => this.asScript(() => espruinoAtob(data));
      g.btoa = (data: unknown) => this.asScript(() => espruinoBtoa(data));
    }
    g.global = g;
    // the interpreter's hidden root, as far as the flasher reads it: one entry per live timer and watch
    const entries = (n: number) => Array.from({ length: n }, () => ({}));
    const timers = this.timers;
    const io = this.io;
    g["\xff"] = {
      get timers() {
        return entries(timers.count());
      },
      get watches() {
        return entries(io.watchCount());
      },
    };
    return g;
  }

  private espruinoE(): Record<string, unknown> {
    return {
      on: (event: unknown, fn: unknown) => {
        if (event === "init") this.initHandlers.push(fn);
        if (event === "kill") this.killHandlers.push(fn);
      },
      enableWatchdog: (timeout: unknown, auto: unknown) => {
        this.watchdog = { timeoutSeconds: Number(timeout), auto: auto !== false, kicks: 0 };
      },
      kickWatchdog: () => {
        if (this.watchdog) this.watchdog.kicks++;
      },
      CRC32: (data: unknown) => crc32(String(data)),
    };
  }

  private require(name: unknown): unknown {
    if (name === "Storage") return this.storage;
    if (name === "heatshrink" && this.decoders.heatshrink) return this.heatshrink();
    const log = (call: string) => () => {
      this.radioCalls.push(call);
    };
    if (name === "Wifi") return { stopAP: log("Wifi.stopAP"), disconnect: log("Wifi.disconnect") };
    if (name === "TelnetServer") return { setOptions: (o: unknown) => this.radioCalls.push("TelnetServer.setOptions " + formatArg(o)) };
    throw new Error(`Module ${String(name)} not found`);
  }

  /** The heatshrink library; its functions return ArrayBuffers of the script's realm. */
  private heatshrink(): Record<string, (data: unknown) => ArrayBuffer> {
    const ScriptUint8Array = runInContext("Uint8Array", this.context) as Uint8ArrayConstructor;
    const lib = heatshrinkModule((bytes) => new ScriptUint8Array(bytes).buffer as ArrayBuffer);
    return {
      compress: (data: unknown) => this.asScript(() => lib.compress(data)),
      decompress: (data: unknown) => this.asScript(() => lib.decompress(data)),
    };
  }

  private pinCall<T>(api: PinCall["api"], pin: unknown, call: () => T): T {
    const inj = this.injected;
    if (inj && inj.api === api && inj.pin === Number(pin)) {
      this.injected = null;
      throw this.scriptError(`injected fault in ${api}(${inj.pin})`);
    }
    return this.asScript(call);
  }

  /** Run a runtime API call; its errors reach the script as the script's own `Error`s, as on Espruino. */
  private asScript<T>(call: () => T): T {
    try {
      return call();
    } catch (e) {
      throw this.scriptError(e instanceof Error ? e.message : String(e));
    }
  }

  /** An `Error` of the script's realm (so `e instanceof Error` holds inside the bundle). */
  private scriptError(message: string): unknown {
    const ScriptError = runInContext("Error", this.context) as ErrorConstructor;
    return new ScriptError(message);
  }
}

function formatArg(a: unknown): string {
  try {
    return JSON.stringify(a) ?? String(a);
  } catch {
    return String(a);
  }
}

/** CRC-32 (IEEE) of a byte string, unsigned, as `E.CRC32` returns it. */
export function crc32(bytes: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes.charCodeAt(i) & 0xff;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
