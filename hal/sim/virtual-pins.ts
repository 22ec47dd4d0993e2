import type { AnalogPin, Drive, InputPin, OutputPin, Pull } from "../contracts";
import type { VirtualClock } from "./virtual-clock";

/** One entry of the recorded timeline: a pin changed level at time t. */
export interface PinChange {
  t: number;
  pin: number;
  high: boolean;
  dir: "out" | "in";
}

interface SimInput {
  level: boolean;
  /** Level the firmware has been told (after debounce). */
  reported: boolean;
  debounceMs: number;
  pending: number;
  edgeAt: number;
  pin: number;
  watchers: ((high: boolean, atMs: number, pin: number) => void)[];
  /** Does the firmware hear this input's edges now (InputPin.listen)? */
  listening: boolean;
  /** The debounce timer's callback, made once per input. */
  settle: () => void;
}

/** A new input at `level`; its debounce callback reports the level to the watchers if it changed. */
function makeInput(pin: number, level: boolean, debounceMs: number): SimInput {
  const input: SimInput = {
    pin,
    level,
    reported: level,
    debounceMs,
    pending: 0,
    edgeAt: 0,
    watchers: [],
    listening: true,
    settle: () => {
      input.pending = 0;
      if (input.reported === input.level) return;
      input.reported = input.level;
      const watchers = input.watchers;
      for (let i = 0; i < watchers.length; i++) watchers[i](input.level, input.edgeAt, input.pin);
    },
  };
  return input;
}

/**
 * Virtual GPIO (Zephyr gpio_emul style). The firmware side sees the Platform
 * pin factories (`output`, `input`, `analog`); the simulated world drives
 * inputs (`drive`, `setMillivolts`) and listens to outputs (`onOutput`).
 * Every change is recorded with its virtual time in `timeline`.
 *
 * Debounce follows Espruino's setWatch: a change is reported once the level
 * has been stable for `debounceMs`, with the time of the edge that started it.
 */
export class VirtualPins {
  readonly timeline: PinChange[] = [];
  private clock: VirtualClock;
  private outputs: { [pin: number]: boolean } = {};
  private outputListeners: { [pin: number]: ((high: boolean, t: number) => void)[] } = {};
  private inputs: { [pin: number]: SimInput } = {};
  private analogs: { [pin: number]: number } = {};
  /** Level an undriven input floats to, by pin (set from the pull or by the world). */
  private idle: { [pin: number]: boolean } = {};
  /** Inputs the world drives (a wired part): the firmware's pull does not move them. */
  private worldDriven: { [pin: number]: boolean } = {};
  private inputChangeListeners: ((pin: number, high: boolean) => void)[] = [];
  private analogListeners: ((pin: number, mv: number) => void)[] = [];

  constructor(clock: VirtualClock) {
    this.clock = clock;
  }

  // ---- the firmware's side (Platform pin factories) ----

  output(pin: number, _drive: Drive, releasedHigh: boolean): OutputPin {
    this.setOutput(pin, releasedHigh);
    return { write: (high: boolean) => this.setOutput(pin, high) };
  }

  input(pin: number, pull: Pull, debounceMs: number): InputPin {
    const existing = this.inputs[pin];
    const level = existing ? existing.level : this.idle[pin] ?? pull === "up";
    const input: SimInput = existing ?? makeInput(pin, level, debounceMs);
    input.debounceMs = debounceMs;
    this.inputs[pin] = input;
    return {
      read: () => input.reported,
      watch: (fn) => {
        input.watchers.push((high, atMs, p) => input.listening && fn(high, atMs, p));
      },
      listen: (on) => {
        input.listening = on;
      },
    };
  }

  analog(pin: number): AnalogPin {
    return { readMillivolts: () => this.analogs[pin] ?? 0 };
  }

  // ---- the world's side ----

  /** Does the firmware hear input `pin`'s edges now? False for a pin it never made an input. */
  listening(pin: number): boolean {
    const input = this.inputs[pin];
    return input !== undefined && input.listening && input.watchers.length > 0;
  }

  /** Current level of an output pin (undefined if never configured). */
  outputLevel(pin: number): boolean | undefined {
    return this.outputs[pin];
  }

  onOutput(pin: number, fn: (high: boolean, t: number) => void): void {
    (this.outputListeners[pin] ??= []).push(fn);
  }

  /** Drive an input pin to a level now (the electrical level at the pin). */
  drive(pin: number, high: boolean): void {
    this.worldDriven[pin] = true;
    this.setLevel(pin, high);
  }

  /**
   * The firmware's pull on input `pin` changed (pinMode, or an ESP32's
   * setWatch): an input nothing in the world drives (a part unplugged or
   * unpowered) floats to it; a driven one keeps the world's level.
   */
  setPull(pin: number, pull: Pull): void {
    if (this.worldDriven[pin] || pull === "none") return;
    this.setLevel(pin, pull === "up");
  }

  private setLevel(pin: number, high: boolean): void {
    const input = this.inputs[pin];
    if (!input) {
      // Not configured by the firmware yet: remember the level for when it is.
      this.idle[pin] = high;
      this.inputs[pin] = makeInput(pin, high, 0);
      this.timeline.push({ t: this.clock.now(), pin, high, dir: "in" });
      this.inputChanged(pin, high);
      return;
    }
    if (input.level === high) return;
    input.level = high;
    const now = this.clock.now();
    this.timeline.push({ t: now, pin, high, dir: "in" });
    this.inputChanged(pin, high);
    if (input.pending) this.clock.cancel(input.pending);
    input.pending = 0;
    if (input.reported === high) return; // bounced back before the debounce time: nothing to report
    input.edgeAt = now;
    input.pending = this.clock.at(now + input.debounceMs, input.settle);
  }

  private inputChanged(pin: number, high: boolean): void {
    const listeners = this.inputChangeListeners;
    for (let i = 0; i < listeners.length; i++) listeners[i](pin, high);
  }

  /**
   * Raw (not debounced) level changes of input pins as the world drives them,
   * for targets whose debounce runs in the firmware (NodeMCU's gpio.trig).
   */
  onInputChange(fn: (pin: number, high: boolean) => void): void {
    this.inputChangeListeners.push(fn);
  }

  inputLevel(pin: number): boolean | undefined {
    return this.inputs[pin]?.level;
  }

  setMillivolts(pin: number, mv: number): void {
    this.analogs[pin] = mv;
    for (const fn of this.analogListeners) fn(pin, mv);
  }

  /** Millivolts the world put on an analog pin (undefined if never set). */
  millivolts(pin: number): number | undefined {
    return this.analogs[pin];
  }

  /** Every analog level the world sets, for targets that read it elsewhere (the real interpreter's bridge). */
  onMillivolts(fn: (pin: number, mv: number) => void): void {
    this.analogListeners.push(fn);
  }

  private setOutput(pin: number, high: boolean): void {
    if (this.outputs[pin] === high) return;
    this.outputs[pin] = high;
    const t = this.clock.now();
    this.timeline.push({ t, pin, high, dir: "out" });
    const listeners = this.outputListeners[pin];
    if (listeners) for (let i = 0; i < listeners.length; i++) listeners[i](high, t);
  }
}
