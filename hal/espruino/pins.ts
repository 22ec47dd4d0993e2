import type { AnalogPin, Clock, Drive, InputPin, OutputPin, Pull } from "../contracts";
import type { PinMode, WatchEvent, WatchOptions } from "./espruino-types";
import type { EspruinoClock } from "./clock";

declare function pinMode(pin: number, mode: PinMode): void;
declare function digitalWrite(pin: number, high: boolean): void;
declare function digitalRead(pin: number): number;
declare function analogRead(pin: number): number;
declare function setWatch(fn: (e: WatchEvent) => void, pin: number, options: WatchOptions): number;

/** Full-scale voltage of `analogRead` (0..1) on ESP32/ESP8266 Espruino builds, mV. */
const ANALOG_FULL_SCALE_MV = 3300;

/**
 * Put an output pin in its released state without a glitch: the pin is an
 * input (high impedance) while the released level is latched, and only then
 * becomes an output (push-pull or open-drain). `pinMode` marks the pin as
 * manually configured, so `digitalWrite` does not switch the mode on its own.
 * `drive` undefined is push-pull (the board's default).
 */
export function releasePin(pin: number, drive: Drive | undefined, releasedHigh: boolean): void {
  pinMode(pin, "input");
  digitalWrite(pin, releasedHigh);
  pinMode(pin, drive === "open-drain" ? "opendrain" : "output");
}

/**
 * `Platform.output` on `clock`: each pin released first, then with a
 * hardware-level backstop: any level other than the released one is undone
 * after `maxPressMs`, whatever the firmware above does (the core has its own
 * cap; this one holds even if the core is wedged). One closure per pin, made here.
 */
export function espruinoOutputs(clock: Clock, maxPressMs: number): (pin: number, drive: Drive, releasedHigh: boolean) => OutputPin {
  return (pin, drive, releasedHigh) => {
    releasePin(pin, drive, releasedHigh);
    let backstop = 0;
    const out: OutputPin = {
      write(high: boolean): void {
        digitalWrite(pin, high);
        clock.cancel(backstop); // handle 0 is a no-op (Clock contract)
        backstop = high === releasedHigh ? 0 : clock.at(clock.now() + maxPressMs, releaseNow);
      },
    };
    const releaseNow = () => out.write(releasedHigh);
    return out;
  };
}

/** `Platform.input` on `clock`, watched with `setWatch`: Espruino debounces, `e.time` is the hardware time of the edge. */
export function espruinoInputs(clock: EspruinoClock): (pin: number, pull: Pull, debounceMs: number) => InputPin {
  return (pin, pull, debounceMs) => {
    pinMode(pin, pull === "none" ? "input" : pull === "up" ? "input_pullup" : "input_pulldown");
    return {
      read: () => digitalRead(pin) === 1,
      watch(fn: (high: boolean, atMs: number) => void): void {
        setWatch((e) => fn(e.state, clock.toMs(e.time)), pin, { edge: "both", repeat: true, debounce: debounceMs });
      },
    };
  };
}

/** Analog factory for `Platform.analog`: `analogRead` is a fraction of the 3.3 V full scale. */
export function espruinoAnalog(pin: number): AnalogPin {
  return { readMillivolts: () => Math.round(analogRead(pin) * ANALOG_FULL_SCALE_MV) };
}
