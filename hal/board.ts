import { FOB_BUTTONS, MAX_FOBS, type DeviceBoard, type PinAssignment, type RoleKind } from "./board-device";

export { FOB_BUTTONS, MAX_FOBS, fobCount, findPin, isWired, wiredKind, type DeviceBoard, type DevicePin, type PinAssignment, type RoleKind } from "./board-device";

/**
 * The board description: which pin plays which role, as data. The types and
 * the role helpers; the helpers the firmware uses live in `board-device.ts`
 * (re-exported here), the only part compiled into the NodeMCU bundle: the
 * role tables below, the shipped profiles (`board-profiles.ts`) and
 * `validateBoard` (`board-validate.ts`) are host-side (typescript-to-lua
 * bundles whole modules).
 *
 * Roles:
 *   fob<N>.unlock | fob<N>.lock | fob<N>.boot   outputs: a relay/opto/open-drain pin across a fob button
 *   fob<N>.battery                              analog: the fob's cell through a divider
 *   ignition.klr | ignition.kl15                inputs: ignition position 1 (KL R) / 2 (KL 15) via optocoupler
 *   lock.feedback                               input: lock actuator or lock LED (active = locked)
 *   door                                        input: door contact (active = a door open)
 *   hazard                                      input: hazard/indicator lamp (active = lamps lit), a car's answer
 *   rf                                          input: 315/433 MHz receiver data (active = a fob transmits)
 * N is 1..4; every fob has unlock and lock, boot is optional.
 *
 * `pin` is the number the target's GPIO API takes (Espruino: GPIO number;
 * NodeMCU ESP32: GPIO number; NodeMCU ESP8266: the D-index).
 */
export interface BoardDescription extends DeviceBoard {
  title: string;
  /** esp32 | esp8266 | ... */
  mcu: string;
  pins: PinAssignment[];
}

export const SIGNAL_ROLES = ["ignition.klr", "ignition.kl15", "lock.feedback", "door", "hazard", "rf"];

/** The kind of a role name, or "" for a name that is not a role. */
export function roleKind(role: string): RoleKind | "" {
  for (const s of SIGNAL_ROLES) if (s === role) return "input";
  const n = fobNumber(role);
  if (n < 1) return "";
  const part = role.substring(5);
  if (part === "battery") return "analog";
  for (const b of FOB_BUTTONS) if (b === part) return "output";
  return "";
}

/** "fob2.lock" -> 2; 0 when the name is not fob<1..4>.<something>. */
export function fobNumber(role: string): number {
  if (role.substring(0, 3) !== "fob" || role.substring(4, 5) !== ".") return 0;
  const c = role.charCodeAt(3) - 48;
  return c >= 1 && c <= MAX_FOBS ? c : 0;
}
