import type { Drive, Pull } from "../contracts";

/**
 * Pin configuration for both NodeMCU GPIO flavours: ESP32 (`gpio.config`)
 * and ESP8266 (`gpio.mode`). The only place that knows the difference.
 */

/** True on the ESP32 flavour of NodeMCU. */
export function isEsp32Gpio(): boolean {
  return gpio.config !== undefined;
}

/** Make `pin` an output (the caller wrote its released level first). */
export function configureOutput(pin: number, drive: Drive): void {
  const config = gpio.config;
  const openDrain = drive === "open-drain";
  if (config !== undefined) {
    config({ gpio: pin, dir: gpio.OUT, opendrain: openDrain ? 1 : 0 });
    return;
  }
  const mode = gpio.mode;
  if (mode === undefined) error("fobsync: gpio has neither config nor mode");
  mode(pin, openDrain ? gpio.OPENDRAIN : gpio.OUTPUT);
}

/** Make `pin` an input that can raise interrupts, with the requested pull. */
export function configureInput(pin: number, pull: Pull): void {
  const config = gpio.config;
  if (config !== undefined) {
    config({ gpio: pin, dir: gpio.IN, pull: pull === "up" ? gpio.PULL_UP : pull === "down" ? gpio.PULL_DOWN : gpio.FLOATING });
    return;
  }
  const mode = gpio.mode;
  if (mode === undefined) error("fobsync: gpio has neither config nor mode");
  if (pull === "down") error("fobsync: pin " + pin + ": the ESP8266 has no pull-down; use pull \"none\" and an external resistor");
  mode(pin, gpio.INT, pull === "up" ? gpio.PULLUP : gpio.FLOAT);
}

/** Call `fn(level)` on every edge of `pin` (either flavour's trigger API). */
export function watchEdges(pin: number, fn: (high: boolean) => void): void {
  if (isEsp32Gpio()) gpio.trig(pin, gpio.INTR_UP_DOWN, (_pin, level) => fn(level === 1));
  else gpio.trig(pin, "both", (level) => fn(level === 1));
}
