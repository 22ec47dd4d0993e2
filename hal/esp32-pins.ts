import type { BoardDescription, PinAssignment } from "./board";
import { roleKind } from "./board";

/**
 * What an ESP32's pins can and cannot do, for a board description: the
 * refusals (the chip cannot do it, or it breaks the board) and the warnings
 * (it works with care), each one line naming the pin, its role and why.
 * HOST ONLY: run when a board is built or drawn (validateBoard, fobsync wiring).
 * Sources: the ESP32 datasheet's pin list and Espressif's strapping-pin notes;
 * for the debounce, Espruino's targets/esp32 (jshardware.c, IDF4/sdkconfig).
 */

/** GPIO34 to 39: inputs only, and no internal pull resistors. */
const INPUT_ONLY = [34, 35, 36, 37, 38, 39];
/** GPIO6 to 11: the SPI flash the chip runs from. */
const FLASH = [6, 7, 8, 9, 10, 11];
/** Strapping pins, read at reset: 12 sets the flash voltage, 0 and 2 the boot mode, 5 and 15 the SDIO timing and boot log. */
const STRAPPING = [0, 2, 5, 12, 15];
/** ADC2's pins: the Wi-Fi driver takes ADC2 while the radio runs. */
const ADC2 = [0, 2, 4, 12, 13, 14, 15, 25, 26, 27];
/**
 * The pins Espruino's ESP32 build makes inputs with a pull-up at power-up and
 * at every `reset()` and `load()` (targets/esp32/jshardware.c,
 * jshPinDefaultPullup); every other pin keeps its level through a reset().
 */
export const ESP32_RESET_PULLUPS = [0, 12, 13, 14, 15, 18, 19, 21, 22, 25, 26, 27, 34, 35, 36, 37, 38, 39];
/** PSRAM's pins on WROVER modules. */
const PSRAM = [16, 17];
/**
 * The shortest debounce that lets Espruino sleep on a noisy line: Espruino's
 * ESP32 build runs FreeRTOS at 100 Hz (CONFIG_FREERTOS_HZ=100), and its
 * jshSleep waits pdMS_TO_TICKS(ms) ticks, none under 10 ms; a line that keeps
 * a debounce timer due sooner never lets the idle task run, and the task
 * watchdog fobsync enables restarts the chip. Twice the tick leaves margin.
 */
export const MIN_ESP32_DEBOUNCE_MS = 20;

function where(p: PinAssignment): string {
  return `GPIO${p.pin} (${p.role})`;
}

/** One line per pin use the ESP32 cannot do or that breaks the board. */
export function esp32PinRefusals(board: BoardDescription): string[] {
  const out: string[] = [];
  for (const p of board.pins) {
    const kind = roleKind(p.role);
    if (FLASH.indexOf(p.pin) >= 0) out.push(`${where(p)}: GPIO6 to 11 run the ESP32's flash chip: no role can use them`);
    else if (kind === "output" && INPUT_ONLY.indexOf(p.pin) >= 0) out.push(`${where(p)}: GPIO34 to 39 are inputs only on an ESP32: a relay cannot be driven from it`);
    else if (kind === "output" && STRAPPING.indexOf(p.pin) >= 0) out.push(`${where(p)}: a strapping pin, read at reset and glitched at boot: a relay there can press a fob button at power-up (or, on GPIO12, stop the board booting)`);
    else if (kind === "output" && p.active === "high" && ESP32_RESET_PULLUPS.indexOf(p.pin) >= 0) out.push(`${where(p)}: Espruino pulls this pin up at power-up and at every reset() (jshPinDefaultPullup): an active-high relay there presses, and after a reset() nothing releases it; use an active-low relay, or GPIO4, 16, 17, 23, 32 or 33`);
    else if (kind === "input" && INPUT_ONLY.indexOf(p.pin) >= 0 && p.pull !== undefined && p.pull !== "none") out.push(`${where(p)}: GPIO34 to 39 have no internal pull-${p.pull}: set pull "none" and fit an external resistor`);
  }
  return out;
}

/** One line per pin use that works with care. */
export function esp32PinWarnings(board: BoardDescription): string[] {
  const out: string[] = [];
  for (const p of board.pins) {
    const kind = roleKind(p.role);
    if (kind === "analog" && ADC2.indexOf(p.pin) >= 0) out.push(`${where(p)}: an ADC2 pin: it reads nothing while Wi-Fi runs (keep Wi-Fi off, or use ADC1: GPIO32 to 39)`);
    if (kind === "input" && p.role !== "rf" && (p.debounceMs ?? 0) < MIN_ESP32_DEBOUNCE_MS) {
      out.push(`${where(p)}: a ${p.debounceMs ?? 0} ms debounce is under two of the ESP32's 10 ms ticks: a noisy line then keeps Espruino from sleeping and the watchdog restarts the board; use ${MIN_ESP32_DEBOUNCE_MS} ms or more`);
    }
    if (PSRAM.indexOf(p.pin) >= 0) out.push(`${where(p)}: PSRAM uses GPIO16 and 17 on WROVER modules: on a WROVER board choose other pins (fine on a WROOM DevKitC)`);
  }
  return out;
}
