import { type BoardDescription, type PinAssignment } from "../../hal/board";
import { ESP32_RELAY8 } from "../../hal/board-profiles";

/** The default board without some roles. */
export function without(...roles: string[]): BoardDescription {
  return { ...ESP32_RELAY8, pins: ESP32_RELAY8.pins.filter((p) => !roles.includes(p.role)) };
}

/** The default board with fob3 and fob4 (unlock, lock) added: four fobs. */
export function fourFobs(): BoardDescription {
  const extra: PinAssignment[] = [
    { role: "fob3.unlock", pin: 23, active: "low", drive: "push-pull" },
    { role: "fob3.lock", pin: 25, active: "low", drive: "push-pull" },
    { role: "fob4.unlock", pin: 26, active: "low", drive: "push-pull" },
    { role: "fob4.lock", pin: 13, active: "low", drive: "push-pull" },
  ];
  return { ...ESP32_RELAY8, id: "four-fobs", pins: [...ESP32_RELAY8.pins, ...extra] };
}
