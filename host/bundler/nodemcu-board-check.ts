import { roleKind, type BoardDescription } from "../../hal/board";

/**
 * The NodeMCU pin limits, checked on the host when a board is built for
 * NodeMCU, so the device code does not carry them. `pin` is the GPIO number
 * on the ESP32 and the D-index (`gpio.mode` numbering) on the ESP8266.
 *   ESP32: GPIO34-39 are input only, without pull resistors; the ADC the
 *   firmware reads is ADC1 (GPIO32-39; ADC2 is taken by the radio).
 *   ESP8266: D0..D12; no pull-down; D0 has no interrupt (no input role);
 *   A0 is the only ADC (one analog role at most).
 * Returns every problem as a sentence; empty when the board fits.
 */
export function nodeMcuBoardProblems(board: BoardDescription): string[] {
  const problems: string[] = [];
  const esp32 = board.mcu === "esp32";
  if (!esp32 && board.mcu !== "esp8266") return [`NodeMCU builds are for mcu "esp32" or "esp8266", not "${board.mcu}"`];
  let analogRoles = 0;
  for (const p of board.pins) {
    const kind = roleKind(p.role);
    const where = `${p.role} (pin ${p.pin})`;
    if (esp32) {
      if (kind === "output" && p.pin >= 34) problems.push(`${where}: GPIO34-39 are input only on the ESP32`);
      if (kind === "input" && p.pin >= 34 && p.pull !== undefined && p.pull !== "none") problems.push(`${where}: GPIO34-39 have no pull resistors; use pull "none" and an external resistor`);
      if (kind === "analog" && !(p.pin >= 32 && p.pin <= 39)) problems.push(`${where}: battery inputs must be on ADC1 (GPIO32-39)`);
    } else {
      if (kind !== "analog" && p.pin > 12) problems.push(`${where}: the ESP8266 has pins D0..D12`);
      if (kind === "input" && p.pull === "down") problems.push(`${where}: the ESP8266 has no pull-down; use pull "none" and an external resistor`);
      if (kind === "input" && p.pin === 0) problems.push(`${where}: D0 has no interrupt on the ESP8266`);
      if (kind === "analog") analogRoles++;
    }
  }
  if (analogRoles > 1) problems.push(`the ESP8266 has one ADC (A0): ${analogRoles} battery roles`);
  return problems;
}
