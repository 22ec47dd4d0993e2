/**
 * Best guesses for USB serial adapters seen on ESP32/ESP8266/Espruino boards,
 * by USB vendor:product id (lower-case hex, 4 digits each).
 */
export interface UsbGuess {
  chip: string;
  boards: string;
}

const KNOWN: Record<string, UsbGuess> = {
  "10c4:ea60": { chip: "Silicon Labs CP210x", boards: "ESP32 DevKit, NodeMCU v1.0 (ESP8266)" },
  "1a86:7523": { chip: "WCH CH340", boards: "NodeMCU v3 (LoLin), low-cost ESP32 boards" },
  "1a86:55d4": { chip: "WCH CH9102", boards: "newer ESP32 DevKit boards" },
  "0403:6001": { chip: "FTDI FT232R", boards: "USB-serial adapter" },
  "0403:6015": { chip: "FTDI FT231X", boards: "USB-serial adapter" },
  "067b:2303": { chip: "Prolific PL2303", boards: "USB-serial adapter" },
  "303a:1001": { chip: "Espressif native USB (serial/JTAG)", boards: "ESP32-S3 / ESP32-C3 without an adapter chip" },
  "0483:5740": { chip: "STM32 virtual COM port", boards: "Espruino Pico / Original" },
};

/** Normalise "0x10C4" / "10c4" to "10c4"; undefined for anything else. */
export function normaliseUsbId(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const hex = id.trim().toLowerCase().replace(/^0x/, "");
  return /^[0-9a-f]{1,4}$/.test(hex) ? hex.padStart(4, "0") : undefined;
}

/** What a port with these ids probably is; undefined when unknown or ids missing. */
export function guessUsb(vendorId: string | undefined, productId: string | undefined): UsbGuess | undefined {
  const v = normaliseUsbId(vendorId);
  const p = normaliseUsbId(productId);
  if (!v || !p) return undefined;
  return KNOWN[`${v}:${p}`];
}
