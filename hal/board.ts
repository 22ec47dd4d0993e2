import type { Drive, Pull } from "./contracts";

/**
 * The board description: which pin plays which role, as data.
 *
 * Roles:
 *   fob<N>.unlock | fob<N>.lock | fob<N>.boot   outputs: a relay/opto/open-drain pin across a fob button
 *   fob<N>.battery                              analog: the fob's cell through a divider
 *   ignition.klr | ignition.kl15                inputs: ignition position 1 (KL R) / 2 (KL 15) via optocoupler
 *   lock.feedback                               input: lock actuator or lock LED (active = locked)
 *   door                                        input: door contact (active = a door open)
 *   rf                                          input: 315/433 MHz receiver data (active = a fob transmits)
 * N is 1..4; every fob has unlock and lock, boot is optional.
 *
 * `pin` is the number the target's GPIO API takes (Espruino: GPIO number;
 * NodeMCU ESP32: GPIO number; NodeMCU ESP8266: the D-index).
 */
export interface PinAssignment {
  role: string;
  pin: number;
  /** Digital roles: which electrical level means on/active. */
  active?: "high" | "low";
  /** Outputs. */
  drive?: Drive;
  /** Inputs. */
  pull?: Pull;
  debounceMs?: number;
  /** Analog: battery mV = pin mV * scale / 1000 (a 1:1 divider is 2000). */
  scale?: number;
  /** What sits on the pin, for people and the wiring diagram ("relay IN1", "PC817, 6.8 kOhm 1 W from KL R"). */
  part?: string;
}

export interface BoardDescription {
  id: string;
  title: string;
  /** esp32 | esp8266 | ... */
  mcu: string;
  /** Absolute ceiling on any press, whatever a recipe or command asks. */
  maxPressMs: number;
  pins: PinAssignment[];
}

export const FOB_BUTTONS = ["unlock", "lock", "boot"];
export const SIGNAL_ROLES = ["ignition.klr", "ignition.kl15", "lock.feedback", "door", "rf"];
export const MAX_FOBS = 4;

export type RoleKind = "output" | "input" | "analog";

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

export function findPin(board: BoardDescription, role: string): PinAssignment | undefined {
  for (const p of board.pins) if (p.role === role) return p;
  return undefined;
}

export function isWired(board: BoardDescription, role: string): boolean {
  return findPin(board, role) !== undefined;
}

/** Number of fobs wired (fob1..fobN all with unlock and lock). */
export function fobCount(board: BoardDescription): number {
  let n = 0;
  while (n < MAX_FOBS && isWired(board, "fob" + (n + 1) + ".unlock") && isWired(board, "fob" + (n + 1) + ".lock")) n++;
  return n;
}

/**
 * Every problem with a description, as human sentences; empty when valid.
 * Rejects: unknown roles, a role or a pin used twice, digital roles without
 * polarity, bad debounce/scale, fobs not numbered 1..N, a fob without unlock
 * or lock, no fob at all, maxPressMs out of range.
 */
export function validateBoard(board: BoardDescription): string[] {
  const errors: string[] = [];
  const pins: number[] = [];
  const roles: string[] = [];
  if (!board.id) errors.push("board has no id");
  if (!(board.maxPressMs >= 100 && board.maxPressMs <= 60000)) errors.push("maxPressMs must be 100..60000, got " + board.maxPressMs);
  for (const p of board.pins) {
    const kind = roleKind(p.role);
    if (kind === "") errors.push("unknown role '" + p.role + "' (pin " + p.pin + ")");
    if (!(p.pin >= 0 && p.pin <= 48 && Math.floor(p.pin) === p.pin)) errors.push("role " + p.role + ": pin must be a GPIO number 0..48, got " + p.pin);
    if (pins.indexOf(p.pin) >= 0) errors.push("pin " + p.pin + " is used twice (" + p.role + ")");
    if (roles.indexOf(p.role) >= 0) errors.push("role " + p.role + " is assigned twice");
    pins.push(p.pin);
    roles.push(p.role);
    if (kind === "output" || kind === "input") {
      if (p.active !== "high" && p.active !== "low") errors.push("role " + p.role + ": active must be \"high\" or \"low\"");
    }
    if (kind === "input") {
      const d = p.debounceMs;
      if (d === undefined || !(d >= 0 && d <= 1000)) errors.push("role " + p.role + ": debounceMs must be 0..1000");
    }
    if (kind === "analog") {
      const s = p.scale;
      if (s === undefined || !(s >= 1000 && s <= 20000)) errors.push("role " + p.role + ": scale must be 1000..20000 (battery mV per 1000 pin mV)");
    }
  }
  const n = fobCount(board);
  if (n === 0) errors.push("no fob wired: fob1.unlock and fob1.lock are required");
  for (const r of roles) {
    const f = fobNumber(r);
    if (f > n) errors.push("role " + r + ": fob" + f + " is not complete or fobs are not numbered 1.." + n + " (each fob needs unlock and lock)");
  }
  return errors;
}

/**
 * Default profile: ESP32 DevKitC + 8-channel relay board (inputs active low),
 * two 3-button fobs, ignition and feedback through PC817 optocouplers pulled
 * up to 3.3 V (read LOW when on), a 433/315 MHz receiver, fob cells on ADC1.
 */
export const ESP32_RELAY8: BoardDescription = {
  id: "esp32-relay8",
  title: "ESP32 DevKitC + 8-channel relay board, 2 fobs",
  mcu: "esp32",
  maxPressMs: 20000,
  pins: [
    { role: "fob1.unlock", pin: 16, active: "low", drive: "push-pull", part: "relay IN1, NO/COM across the unlock pads" },
    { role: "fob1.lock", pin: 17, active: "low", drive: "push-pull", part: "relay IN2, NO/COM across the lock pads" },
    { role: "fob1.boot", pin: 18, active: "low", drive: "push-pull", part: "relay IN3, NO/COM across the boot pads" },
    { role: "fob2.unlock", pin: 19, active: "low", drive: "push-pull", part: "relay IN4, NO/COM across the unlock pads" },
    { role: "fob2.lock", pin: 21, active: "low", drive: "push-pull", part: "relay IN5, NO/COM across the lock pads" },
    { role: "fob2.boot", pin: 22, active: "low", drive: "push-pull", part: "relay IN6, NO/COM across the boot pads" },
    { role: "ignition.klr", pin: 34, active: "low", pull: "none", debounceMs: 50, part: "PC817 from KL R, 6.8 kOhm 1 W series, 10 kOhm pull-up to 3.3 V" },
    { role: "ignition.kl15", pin: 35, active: "low", pull: "none", debounceMs: 50, part: "PC817 from KL 15, 6.8 kOhm 1 W series, 10 kOhm pull-up to 3.3 V" },
    { role: "lock.feedback", pin: 32, active: "low", pull: "up", debounceMs: 20, part: "PC817 across the lock indicator LED, 1 kOhm series" },
    { role: "door", pin: 33, active: "low", pull: "up", debounceMs: 50, part: "PC817 from the door contact, 6.8 kOhm 1 W series" },
    { role: "rf", pin: 27, active: "high", pull: "down", debounceMs: 5, part: "433.92/315 MHz receiver module DATA (match the car's band)" },
    { role: "fob1.battery", pin: 36, scale: 2000, part: "fob 1 cell via 100k/100k divider to ADC1_CH0 (VP), fob GND to board GND" },
    { role: "fob2.battery", pin: 39, scale: 2000, part: "fob 2 cell via 100k/100k divider to ADC1_CH3 (VN), fob GND to board GND" },
  ],
};

/** The 8 relays on four 2-button fobs (unlock, lock): all 4 keys of a ZKE car wired at once. */
export const ESP32_RELAY8_4FOBS: BoardDescription = {
  id: "esp32-relay8-4fobs",
  title: "ESP32 DevKitC + 8-channel relay board, 4 fobs (unlock, lock)",
  mcu: "esp32",
  maxPressMs: 20000,
  pins: ([
    { role: "fob1.unlock", pin: 16, active: "low", drive: "push-pull", part: "relay IN1, NO/COM across the unlock pads" },
    { role: "fob1.lock", pin: 17, active: "low", drive: "push-pull", part: "relay IN2, NO/COM across the lock pads" },
    { role: "fob2.unlock", pin: 18, active: "low", drive: "push-pull", part: "relay IN3, NO/COM across the unlock pads" },
    { role: "fob2.lock", pin: 19, active: "low", drive: "push-pull", part: "relay IN4, NO/COM across the lock pads" },
    { role: "fob3.unlock", pin: 21, active: "low", drive: "push-pull", part: "relay IN5, NO/COM across the unlock pads" },
    { role: "fob3.lock", pin: 22, active: "low", drive: "push-pull", part: "relay IN6, NO/COM across the lock pads" },
    { role: "fob4.unlock", pin: 23, active: "low", drive: "push-pull", part: "relay IN7, NO/COM across the unlock pads" },
    { role: "fob4.lock", pin: 25, active: "low", drive: "push-pull", part: "relay IN8, NO/COM across the lock pads" },
  ] as PinAssignment[]).concat(ESP32_RELAY8.pins.filter((p) => roleKind(p.role) === "input")),
};

export const BOARD_PROFILES: BoardDescription[] = [ESP32_RELAY8, ESP32_RELAY8_4FOBS];
