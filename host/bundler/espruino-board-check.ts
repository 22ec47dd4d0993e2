import { roleKind, type BoardDescription } from "../../hal/board";

/**
 * The pin limits of Espruino on an ESP8266, checked on the host when a board
 * is built for Espruino (the NodeMCU build has its own: it numbers an
 * ESP8266's pins by D-index, Espruino by GPIO). `pin` is the GPIO number; the
 * one ADC is A0, pin 17. Sources: Espruino's boards/ESP8266_4MB.py (pins
 * D0-D16 and A0 = 17) and targets/esp8266/jshardware.c; the ESP8266 datasheet.
 *   GPIO6-11 run the flash chip; GPIO1 and 3 are the console.
 *   GPIO16 has no edge interrupt: it cannot be watched.
 *   No internal pull-down (GPIO0-15).
 *   GPIO0 and 2 must be high at reset, 15 low (the boot mode): no relay there
 *   (it would press at power-up, or stop the boot).
 * Returns every problem as a sentence; empty when the board fits. ESP32
 * boards are checked by hal/esp32-pins.ts (validateBoard).
 */
export function espruinoBoardProblems(board: BoardDescription): string[] {
  if (board.mcu !== "esp8266") return [];
  const problems: string[] = [];
  for (const p of board.pins) {
    const kind = roleKind(p.role);
    const where = `GPIO${p.pin} (${p.role})`;
    if (p.pin > 17) problems.push(`${where}: Espruino on an ESP8266 has GPIO0 to 16 and A0 (pin 17)`);
    else if (p.pin >= 6 && p.pin <= 11) problems.push(`${where}: GPIO6 to 11 run the ESP8266's flash chip: no role can use them`);
    else if (p.pin === 1 || p.pin === 3) problems.push(`${where}: GPIO1 and 3 are the console fobsync talks over`);
    else if (kind === "analog" && p.pin !== 17) problems.push(`${where}: the ESP8266's one ADC is A0 (pin 17)`);
    else if (kind !== "analog" && p.pin === 17) problems.push(`${where}: A0 (pin 17) is the ADC only`);
    else if (kind === "input" && p.pin === 16) problems.push(`${where}: GPIO16 has no edge interrupt: Espruino cannot watch it`);
    else if (kind === "input" && p.pull === "down") problems.push(`${where}: the ESP8266 has no internal pull-down: set pull "none" and fit an external resistor`);
    else if (kind === "output" && (p.pin === 0 || p.pin === 2 || p.pin === 15)) problems.push(`${where}: a boot-mode pin (0 and 2 high, 15 low at reset): a relay there can press a fob button at power-up, or stop the board booting`);
  }
  return problems;
}
