import { roleKind, type BoardDescription, type PinAssignment } from "./board";

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
    { role: "hazard", pin: 26, active: "low", pull: "up", debounceMs: 20, part: "PC817 across a hazard/indicator lamp, 1 kOhm series" },
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

/**
 * Espruino on an ESP8266 (NodeMCU v3 or Wemos D1 mini, 4 MB) + 4-channel
 * relay board: two 2-button fobs (unlock, lock), the ignition, lock feedback
 * and an RF receiver, the fob 1 cell on the one ADC (A0, pin 17; the dev
 * board's own 220k/100k divider makes it 0-3.2 V). Pins are GPIO numbers.
 * What the chip leaves: GPIO6-11 run the flash, 1 and 3 the console, 16 has
 * no edge interrupt (no setWatch), and 0, 2, 15 set the boot mode at reset
 * (0 and 2 high, 15 low): the lock feedback on GPIO0 and the receiver on
 * GPIO15 keep those levels while idle. No door input (none left): the door
 * steps are acked. Espruino 2v29 gives an ESP8266 1,600 JsVars.
 */
export const ESP8266_RELAY4: BoardDescription = {
  id: "esp8266-relay4",
  title: "ESP8266 NodeMCU / D1 mini + 4-channel relay board, 2 fobs (unlock, lock)",
  mcu: "esp8266",
  maxPressMs: 20000,
  pins: [
    { role: "fob1.unlock", pin: 5, active: "low", drive: "push-pull", part: "relay IN1 (D1), NO/COM across the unlock pads" },
    { role: "fob1.lock", pin: 4, active: "low", drive: "push-pull", part: "relay IN2 (D2), NO/COM across the lock pads" },
    { role: "fob2.unlock", pin: 14, active: "low", drive: "push-pull", part: "relay IN3 (D5), NO/COM across the unlock pads" },
    { role: "fob2.lock", pin: 12, active: "low", drive: "push-pull", part: "relay IN4 (D6), NO/COM across the lock pads" },
    { role: "ignition.klr", pin: 13, active: "low", pull: "up", debounceMs: 50, part: "PC817 from KL R (D7), 6.8 kOhm 1 W series" },
    { role: "lock.feedback", pin: 0, active: "low", pull: "up", debounceMs: 20, part: "PC817 across the lock indicator LED (D3, the FLASH button's pin: power the board up with the LED dark)" },
    { role: "rf", pin: 15, active: "high", pull: "none", debounceMs: 5, part: "433.92/315 MHz receiver module DATA (D8; its 10 kOhm pull-down keeps the boot mode)" },
    { role: "fob1.battery", pin: 17, scale: 1000, part: "fob 1 cell to A0 (the dev board's 220k/100k divider), fob GND to board GND" },
  ],
};

export const BOARD_PROFILES: BoardDescription[] = [ESP32_RELAY8, ESP32_RELAY8_4FOBS, ESP8266_RELAY4];
