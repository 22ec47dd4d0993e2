/**
 * Which files of an Espruino release go where on the chip (`--from` a folder,
 * as Espruino's release zips unpack):
 * - ESP32: `bootloader.bin` at 0x1000, `partitions_espruino.bin` at 0x8000,
 *   `espruino_esp32.bin` at 0x10000 (Espruino's ESP32 README);
 * - ESP8266 (4 MB): the combined image (`espruino_<version>_esp8266_4mb_combined_4096.bin`) at 0x0.
 * A folder with neither set, or with both, is refused in one line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { usageError } from "../common/errors";

export type EspChip = "ESP32" | "ESP8266";

export interface ImagePart {
  name: string;
  address: number;
  data: Uint8Array;
}

export interface EspruinoImage {
  chip: EspChip;
  parts: ImagePart[];
}

const ESP32_PARTS = [
  { name: "bootloader.bin", address: 0x1000 },
  { name: "partitions_espruino.bin", address: 0x8000 },
  { name: "espruino_esp32.bin", address: 0x10000 },
];
const ESP8266_COMBINED = /^espruino_.*esp8266.*combined.*\.bin$/i;

/** The release files in `dir`, with their offsets; a clear usage error when they are not all there. */
export function espruinoImageFrom(dir: string): EspruinoImage {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw usageError(`--from ${dir} is not a folder: unpack Espruino's release zip and give its folder`);
  const names = readdirSync(dir);
  const esp32 = ESP32_PARTS.filter((p) => names.includes(p.name));
  const combined = names.filter((n) => ESP8266_COMBINED.test(n));
  if (esp32.length > 0 && combined.length > 0) throw usageError(`${dir} holds both ESP32 files and an ESP8266 image: give a folder with one board's files`);
  if (combined.length > 1) throw usageError(`${dir} holds ${combined.length} ESP8266 combined images (${combined.join(", ")}): keep the one for your board`);
  if (combined.length === 1) return { chip: "ESP8266", parts: [{ name: combined[0], address: 0, data: read(dir, combined[0]) }] };
  if (esp32.length === ESP32_PARTS.length) return { chip: "ESP32", parts: esp32.map((p) => ({ ...p, data: read(dir, p.name) })) };
  const missing = ESP32_PARTS.filter((p) => !names.includes(p.name)).map((p) => p.name);
  throw usageError(
    esp32.length > 0 ? `${dir} lacks ${missing.join(" and ")} of Espruino's ESP32 files` : `${dir} holds no Espruino release files (ESP32: ${ESP32_PARTS.map((p) => p.name).join(", ")}; ESP8266: espruino_..._esp8266_4mb_combined_4096.bin)`,
    "download the release zip for your board from espruino.com/Download and unpack it",
  );
}

function read(dir: string, name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(dir, name)));
}
