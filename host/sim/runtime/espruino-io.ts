import type { Drive, InputPin, OutputPin, Pull } from "../../../hal/contracts";
import type { VirtualClock } from "../../../hal/sim/virtual-clock";
import type { VirtualPins } from "../../../hal/sim/virtual-pins";
import { ESP32_RESET_PULLUPS } from "../../../hal/esp32-pins";
import type { CallbackRunner } from "./espruino-timers";

/** One call a script made to a pin API, in order, for boot-order assertions. */
export interface PinCall {
  t: number;
  api: "pinMode" | "digitalWrite" | "digitalRead" | "setWatch" | "clearWatch" | "analogRead";
  pin: number;
  arg?: string | boolean;
}

const PIN_MODES = ["input", "input_pullup", "input_pulldown", "output", "opendrain", "analog", "auto"];

interface Watch {
  id: number;
  pin: number;
  /** The bench input it listens to. */
  input: InputPin;
  fn: unknown;
  edge: "rising" | "falling" | "both";
  repeat: boolean;
  lastTime: number;
  removed: boolean;
}

/**
 * Espruino's pin functions over the bench's virtual pins:
 * - `pinMode` sets a mode and marks the pin manual (`digitalWrite` then only
 *   latches the level until the pin is made an output); an input reaches the
 *   bench's pins when watched (`setWatch`, with its debounce); otherwise
 *   `digitalWrite` makes the pin a push-pull output, as Espruino does;
 * - `setWatch` reports debounced changes (stable for `debounce` ms) with
 *   `e.state`, `e.time` (edge time, seconds) and `e.lastTime`;
 * - `digitalRead` is the instantaneous level, `analogRead` a fraction of 3.3 V.
 * Every call is recorded in `calls`.
 */
export class EspruinoIo {
  readonly calls: PinCall[] = [];
  private clock: VirtualClock;
  private pins: VirtualPins;
  private run: CallbackRunner;
  private modes: { [pin: number]: string } = {};
  private latch: { [pin: number]: boolean } = {};
  private outputs: { [pin: number]: OutputPin } = {};
  private watches: Watch[] = [];
  /** Pins a watch made bench inputs (watched now or before): a later pinMode sets their pull on the bench's input. */
  private watched: { [pin: number]: boolean } = {};
  private lastWatchId = 0;

  /**
   * @param chip `esp32`: as Espruino's ESP32 port, `setWatch` makes the pin an
   * input with a pull-up whatever its mode was (targets/esp32/jshardware.c,
   * jshPinWatch); `generic`: the mode set before stays.
   */
  /**
   * @param adcGain what the chip's ADC reads for 1 mV at the pin: an ESP32's
   * reference varies from chip to chip, so an uncalibrated reading is off by
   * up to about 10 % (1 = exact).
   */
  constructor(clock: VirtualClock, pins: VirtualPins, run: CallbackRunner, private readonly chip: "esp32" | "generic" = "esp32", private readonly adcGain = 1) {
    this.clock = clock;
    this.pins = pins;
    this.run = run;
  }

  pinMode(pin: unknown, mode: unknown): void {
    const p = checkPin(pin);
    const m = String(mode);
    if (PIN_MODES.indexOf(m) < 0) throw new Error(`Unknown pin mode '${m}'`);
    this.record("pinMode", p, m);
    this.modes[p] = m;
    if (this.watched[p]) this.pins.setPull(p, pullOf(m));
    if (m === "output" || m === "opendrain") this.drive(p, m === "opendrain" ? "open-drain" : "push-pull", this.latch[p] ?? false);
  }

  digitalWrite(pin: unknown, value: unknown): void {
    const p = checkPin(pin);
    const high = !!value;
    this.record("digitalWrite", p, high);
    this.latch[p] = high;
    const mode = this.modes[p];
    if (mode === undefined || mode === "auto") {
      this.modes[p] = "output";
      this.drive(p, "push-pull", high);
    } else if (mode === "output" || mode === "opendrain") {
      this.drive(p, mode === "opendrain" ? "open-drain" : "push-pull", high);
    }
  }

  digitalRead(pin: unknown): number {
    const p = checkPin(pin);
    this.record("digitalRead", p);
    const level = this.outputs[p] ? this.pins.outputLevel(p) : this.pins.inputLevel(p) ?? this.modes[p] === "input_pullup";
    return level ? 1 : 0;
  }

  analogRead(pin: unknown): number {
    const p = checkPin(pin);
    this.record("analogRead", p);
    return (this.pins.analog(p).readMillivolts() * this.adcGain) / 3300;
  }

  setWatch(fn: unknown, pin: unknown, options: unknown): number {
    if (typeof fn !== "function") throw new Error("setWatch: function expected");
    const p = checkPin(pin);
    const o = (typeof options === "object" && options !== null ? options : {}) as { edge?: unknown; repeat?: unknown; debounce?: unknown };
    const edge = o.edge === "rising" || o.edge === "falling" ? o.edge : "both";
    const debounce = Math.max(0, Number(o.debounce ?? 0) || 0);
    this.record("setWatch", p, `${edge} debounce=${debounce}`);
    if (this.chip === "esp32") this.modes[p] = "input_pullup";
    const pull = pullOf(this.modes[p] ?? "input");
    const input = this.pins.input(p, pull, debounce);
    input.listen(true);
    this.watched[p] = true;
    this.pins.setPull(p, pull);
    const watch: Watch = { id: ++this.lastWatchId, pin: p, input, fn, edge, repeat: !!o.repeat, lastTime: this.clock.now() / 1000, removed: false };
    this.watches.push(watch);
    input.watch((high, atMs, pin) => this.report(watch, high, atMs, pin));
    return watch.id;
  }

  /** `clearWatch(id)`: that watch stops, and the pin's edge interrupt with it when no other watch has the pin. */
  clearWatch(id: unknown): void {
    const watch = this.watches.find((w) => w.id === id);
    if (!watch) throw new Error(`clearWatch: no watch with id ${String(id)}`);
    this.record("clearWatch", watch.pin);
    watch.removed = true;
    this.watches = this.watches.filter((w) => w !== watch);
    if (!this.watches.some((w) => w.pin === watch.pin)) watch.input.listen(false);
  }

  /** Number of live watches (the hidden root's `watches`). */
  watchCount(): number {
    return this.watches.length;
  }

  /** The live watches' ids. */
  watchIds(): unknown[] {
    return this.watches.map((w) => w.id);
  }

  /** Drop every watch (reset/load/power cycle): the bench's pins keep their listeners, which then do nothing. */
  clearWatches(): void {
    for (const w of this.watches) w.removed = true;
    this.watches = [];
    this.watched = {};
  }

  /**
   * Forget pin modes (reset, load). As an ESP32's jshReset: the pins of
   * ESP32_RESET_PULLUPS become inputs with a pull-up (a relay module's input
   * reads high), every other output keeps its level until the next script
   * drives it (GPIO16, 17, 23). A generic chip keeps every level.
   */
  forgetModes(): void {
    this.modes = {};
    if (this.chip !== "esp32") return;
    for (const pin of ESP32_RESET_PULLUPS) {
      const out = this.outputs[pin];
      if (!out) continue;
      out.write(true);
      this.modes[pin] = "input_pullup";
    }
  }

  /** One watch event, as Espruino passes it: the level, the time of the edge and of the one before, and the pin. */
  private report(watch: Watch, high: boolean, atMs: number, pin: number): void {
    if (watch.removed) return;
    if ((watch.edge === "rising" && !high) || (watch.edge === "falling" && high)) return;
    const event = { state: high, time: atMs / 1000, lastTime: watch.lastTime, pin };
    watch.lastTime = event.time;
    if (!watch.repeat) watch.removed = true;
    this.run(watch.fn, [event]);
  }

  private drive(pin: number, drive: Drive, high: boolean): void {
    const out = this.outputs[pin];
    if (out) out.write(high);
    else this.outputs[pin] = this.pins.output(pin, drive, high);
  }

  private record(api: PinCall["api"], pin: number, arg?: string | boolean): void {
    this.calls.push({ t: this.clock.now(), api, pin, arg });
  }
}

function pullOf(mode: string): Pull {
  return mode === "input_pullup" ? "up" : mode === "input_pulldown" ? "down" : "none";
}

function checkPin(pin: unknown): number {
  const p = Number(pin);
  if (!(p >= 0 && p <= 48 && Math.floor(p) === p)) throw new Error(`Invalid pin: ${String(pin)}`);
  return p;
}
