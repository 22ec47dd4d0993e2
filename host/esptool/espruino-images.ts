/**
 * Which files of an Espruino release go where on the chip (`--from` a folder,
 * as Espruino's release zips unpack):
 * - ESP32: `bootloader.bin` at 0x1000, `partitions_espruino.bin` at 0x8000,
 *   `espruino_esp32.bin` at 0x10000 (Espruino's ESP32 README);
 * - ESP8266 (4 MB): the combined image (`espruino_<version>_esp8266_4mb_combined_4096.bin`) at 0x0.
 * `--from` takes the release zip as downloaded too (read with fflate); its
 * files may sit in a folder inside it. A folder or zip with neither set, or
 * with both, is refused in one line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { unzipSync } from "fflate";
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

/** The release files in `from` (a folder, or the release zip), with their offsets; a clear usage error when they are not all there. */
export function espruinoImageFrom(from: string): EspruinoImage {
  if (!existsSync(from)) throw usageError(`--from ${from} does not exist: give the release zip from espruino.com/Download, or the folder it unpacks to`);
  if (!statSync(from).isDirectory()) return imageFrom(from, zipFiles(from));
  const dir = from;
  return imageFrom(dir, new Map(readdirSync(dir).map((n) => [n, () => read(dir, n)])));
}

/** A zip's files by their base name (a release zip keeps them in a folder of its own). */
function zipFiles(path: string): Map<string, () => Uint8Array> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(readFileSync(path)));
  } catch (err) {
    throw usageError(`--from ${path} is neither a folder nor a zip that can be read (${(err as Error).message})`);
  }
  return new Map(Object.entries(entries).filter(([n]) => !n.endsWith("/")).map(([n, data]) => [basename(n), () => data]));
}

function imageFrom(dir: string, files: Map<string, () => Uint8Array>): EspruinoImage {
  const names = [...files.keys()];
  const esp32 = ESP32_PARTS.filter((p) => names.includes(p.name));
  const combined = names.filter((n) => ESP8266_COMBINED.test(n));
  if (esp32.length > 0 && combined.length > 0) throw usageError(`${dir} holds both ESP32 files and an ESP8266 image: give a folder with one board's files`);
  if (combined.length > 1) throw usageError(`${dir} holds ${combined.length} ESP8266 combined images (${combined.join(", ")}): keep the one for your board`);
  if (combined.length === 1) return { chip: "ESP8266", parts: [{ name: combined[0], address: 0, data: files.get(combined[0])!() }] };
  if (esp32.length === ESP32_PARTS.length) return { chip: "ESP32", parts: esp32.map((p) => ({ ...p, data: files.get(p.name)!() })) };
  const missing = ESP32_PARTS.filter((p) => !names.includes(p.name)).map((p) => p.name);
  throw usageError(
    esp32.length > 0 ? `${dir} lacks ${missing.join(" and ")} of Espruino's ESP32 files` : `${dir} holds no Espruino release files (ESP32: ${ESP32_PARTS.map((p) => p.name).join(", ")}; ESP8266: espruino_..._esp8266_4mb_combined_4096.bin)`,
    "download the release zip for your board from espruino.com/Download and unpack it",
  );
}

function read(dir: string, name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(dir, name)));
}
