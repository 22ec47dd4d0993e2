import { ESP32_RELAY8, type BoardDescription, type PinAssignment } from "../../hal/board";

/** Extra board profiles the scenarios need, derived from the default one. */

const without = (roles: string[]): PinAssignment[] => ESP32_RELAY8.pins.filter((p) => !roles.includes(p.role));

/** The default board with no ignition input: the firmware runs in degraded mode (the user acks). */
export const NO_IGNITION_BOARD: BoardDescription = {
  ...ESP32_RELAY8,
  id: "esp32-relay8-noign",
  title: "ESP32 + relays, 2 fobs, no ignition input",
  pins: without(["ignition.klr", "ignition.kl15"]),
};

/** Eight relays on four 2-button fobs (unlock, lock), inputs as on the default board. */
export const FOUR_FOB_BOARD: BoardDescription = {
  ...ESP32_RELAY8,
  id: "esp32-relay8-4fobs",
  title: "ESP32 + 8 relays, 4 fobs (unlock, lock)",
  pins: [
    ...[16, 17, 18, 19, 21, 22, 23, 25].map((pin, i): PinAssignment => ({
      role: `fob${Math.floor(i / 2) + 1}.${i % 2 === 0 ? "unlock" : "lock"}`,
      pin,
      active: "low",
      drive: "push-pull",
      part: `relay IN${i + 1}`,
    })),
    ...without(["fob1.unlock", "fob1.lock", "fob1.boot", "fob2.unlock", "fob2.lock", "fob2.boot", "fob1.battery", "fob2.battery"]),
  ],
};

/** The default board without the lock-feedback input: the firmware cannot see the locks cycle. */
export const NO_FEEDBACK_BOARD: BoardDescription = {
  ...ESP32_RELAY8,
  id: "esp32-relay8-nofb",
  title: "ESP32 + relays, 2 fobs, no lock feedback",
  pins: without(["lock.feedback"]),
};
