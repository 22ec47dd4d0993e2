/**
 * The warning for an ESP32 whose Wi-Fi or Bluetooth is on, said wherever a
 * command learns it (`flash`, `doctor`): the firmware cannot close them for
 * good (Espruino restores Wi-Fi after the code runs, and the BLE console is
 * on by default), and each is a console anyone in range can reach, which
 * presses the fobs. The one step that closes them is `flash --lock-radios`
 * (the page: a box in its Firmware step).
 */
export function radiosProblem(on: string): string {
  return `the board has ${on} on: anyone in range can reach its console, which presses your fobs.`;
}

/** The CLI's one step that closes them. */
export function lockRadiosStep(port: string): string {
  return `Switch it off for good: fobsync flash --lock-radios --port ${port} (the chip stores it, erases its saved code and restarts; the flash puts fobsync back).`;
}

/** "Wi-Fi", "Bluetooth", "Wi-Fi and Bluetooth", or "" for none. */
export function radioNames(r: { wifi: boolean; ble: boolean } | null): string {
  return r ? [r.wifi ? "Wi-Fi" : "", r.ble ? "Bluetooth" : ""].filter((x) => x !== "").join(" and ") : "";
}

/** The radios a version line's `radios=` field names ("wifi", "ble", "wifi+ble"), in words; "" when none is on or the board cannot tell. */
export function radiosOnInWords(field: string | undefined): string {
  if (field === undefined) return "";
  const on = field.split("+");
  return radioNames({ wifi: on.includes("wifi"), ble: on.includes("ble") });
}
