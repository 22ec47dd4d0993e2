/**
 * Which files of an Espruino release go where on the chip, in either shell
 * (the CLI reads them from a folder or zip, espruino-release-files.ts; the
 * page from the files the user picks):
 * - ESP32: `bootloader.bin` at 0x1000, `partitions_espruino.bin` at 0x8000,
 *   `espruino_esp32.bin` at 0x10000 (Espruino's ESP32 README);
 * - ESP8266 (4 MB): the combined image (`espruino_<version>_esp8266_4mb_combined_4096.bin`) at 0x0.
 * A release zip is read with fflate; its files may sit in a folder inside it.
 * A set of files with neither board's files, or with both, is refused in one line.
 */
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

/** A release's files by their base name, each read when it is needed. */
export type ReleaseFiles = Map<string, () => Uint8Array>;

const ESP32_PARTS = [
  { name: "bootloader.bin", address: 0x1000 },
  { name: "partitions_espruino.bin", address: 0x8000 },
  { name: "espruino_esp32.bin", address: 0x10000 },
];
const ESP8266_COMBINED = /^espruino_.*esp8266.*combined.*\.bin$/i;

/** What a release zip holds, by base name (a release zip keeps its files in a folder of its own); `label` names it in the error. */
export function zipReleaseFiles(label: string, zip: Uint8Array): ReleaseFiles {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (err) {
    throw usageError(`${label} is not a zip that can be read (${(err as Error).message})`, "give the release zip from espruino.com/Download as downloaded, or the files it unpacks to");
  }
  return new Map(Object.entries(entries).filter(([n]) => !n.endsWith("/")).map(([n, data]) => [n.slice(n.lastIndexOf("/") + 1), () => data]));
}

/** The board's files among `files`, with their offsets; `label` names where they came from in the error. */
export function espruinoImageOf(label: string, files: ReleaseFiles): EspruinoImage {
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
