/**
 * Which files of an Espruino release go where on the chip:
 * - ESP32: `bootloader.bin` at 0x1000, `partitions_espruino.bin` at 0x8000,
 *   `espruino_esp32.bin` at 0x10000 (Espruino's ESP32 README);
 * - ESP8266 (4 MB): the combined image (`espruino_<version>_esp8266_4mb_combined_4096.bin`) at 0x0.
 * A set of files with neither board's files, or with both, is refused in one line.
 */
import { usageError } from "../common/errors";
import type { ChipImage, ReleaseFiles } from "./chip-image";

const ESP32_PARTS = [
  { name: "bootloader.bin", address: 0x1000 },
  { name: "partitions_espruino.bin", address: 0x8000 },
  { name: "espruino_esp32.bin", address: 0x10000 },
];
const ESP8266_COMBINED = /^espruino_.*esp8266.*combined.*\.bin$/i;

/** The board's files among `files`, with their offsets; `label` names where they came from in the error. */
export function espruinoImageOf(label: string, files: ReleaseFiles): ChipImage {
  const names = [...files.keys()];
  const esp32 = ESP32_PARTS.filter((p) => names.includes(p.name));
  const combined = names.filter((n) => ESP8266_COMBINED.test(n));
  if (esp32.length > 0 && combined.length > 0) throw usageError(`${label} holds both ESP32 files and an ESP8266 image: give one board's files`);
  if (combined.length > 1) throw usageError(`${label} holds ${combined.length} ESP8266 combined images (${combined.join(", ")}): keep the one for your board`);
  if (combined.length === 1) return { chip: "ESP8266", parts: [{ name: combined[0], address: 0, data: files.get(combined[0])!() }] };
  if (esp32.length === ESP32_PARTS.length) return { chip: "ESP32", parts: esp32.map((p) => ({ ...p, data: files.get(p.name)!() })) };
  const missing = ESP32_PARTS.filter((p) => !names.includes(p.name)).map((p) => p.name);
  throw usageError(
    esp32.length > 0 ? `${label} lacks ${missing.join(" and ")} of Espruino's ESP32 files` : `${label} holds no Espruino release files (ESP32: ${ESP32_PARTS.map((p) => p.name).join(", ")}; ESP8266: espruino_..._esp8266_4mb_combined_4096.bin)`,
    "download the release zip for your board from espruino.com/Download",
  );
}
