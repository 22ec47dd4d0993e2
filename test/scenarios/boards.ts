import { type BoardDescription, type PinAssignment } from "../../hal/board";
import { ESP32_RELAY8, ESP32_RELAY8_4FOBS } from "../../hal/board-profiles";

/** Extra board profiles the scenarios need, derived from the default one. */

const without = (roles: string[]): PinAssignment[] => ESP32_RELAY8.pins.filter((p) => !roles.includes(p.role));

/** The default board with no ignition input: the firmware runs in degraded mode (the user acks). */
export const NO_IGNITION_BOARD: BoardDescription = {
  ...ESP32_RELAY8,
  id: "esp32-relay8-noign",
  title: "ESP32 + relays, 2 fobs, no ignition input",
  pins: without(["ignition.klr", "ignition.kl15"]),
};

/** Eight relays on four 2-button fobs (unlock, lock): the shipped profile. */
export const FOUR_FOB_BOARD: BoardDescription = ESP32_RELAY8_4FOBS;

/** The default board without the lock-feedback input: the firmware cannot see the locks cycle. */
export const NO_FEEDBACK_BOARD: BoardDescription = {
  ...ESP32_RELAY8,
  id: "esp32-relay8-nofb",
  title: "ESP32 + relays, 2 fobs, no lock feedback",
  pins: without(["lock.feedback"]),
};
