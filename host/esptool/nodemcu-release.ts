/**
 * Which files of a NodeMCU build go where on the chip. NodeMCU publishes no
 * releases to flash: the user builds one with the modules fobsync needs
 * (docs/nodemcu.md section 1), with the cloud builder or the Docker build.
 * - ESP8266: the one image the build gives (`nodemcu-release-<n>-modules-<date>-float.bin`) at 0x0;
 *   an integer build is refused (fobsync divides);
 * - ESP32 (`dev-esp32` branch, ESP-IDF): `bootloader.bin` at 0x1000, the
 *   partition table (`partition-table.bin` or `partitions.bin`) at 0x8000, `NodeMCU.bin` at 0x10000.
 */
import { usageError } from "../common/errors";
import { APP_IMAGE_MAGIC, type ChipImage, type ReleaseFiles } from "./chip-image";

const ESP32_APP = "NodeMCU.bin";
const ESP32_TABLES = ["partition-table.bin", "partitions.bin"];
const ESPRUINO_FILE = /^(espruino_.*\.bin|partitions_espruino\.bin)$/i;

/** The build's files among `files`, with their offsets; `label` names where they came from in the error. */
export function nodemcuImageOf(label: string, files: ReleaseFiles): ChipImage {
  const names = [...files.keys()];
  const bins = names.filter((n) => /\.bin$/i.test(n));
  if (bins.some((n) => ESPRUINO_FILE.test(n))) throw usageError(`${label} holds Espruino's files, not a NodeMCU build`, "for Espruino: fobsync install-espruino");
  if (names.includes(ESP32_APP)) {
    const table = ESP32_TABLES.find((t) => names.includes(t));
    const missing = [...(names.includes("bootloader.bin") ? [] : ["bootloader.bin"]), ...(table ? [] : [ESP32_TABLES.join(" or ")])];
    if (missing.length > 0) throw usageError(`${label} lacks ${missing.join(" and ")} of NodeMCU's ESP32 build`, "give the build's bootloader.bin, partition table and NodeMCU.bin together (ESP-IDF's build folder)");
    return {
      chip: "ESP32",
      parts: [
        { name: "bootloader.bin", address: 0x1000, data: files.get("bootloader.bin")!() },
        { name: table!, address: 0x8000, data: files.get(table!)!() },
        { name: ESP32_APP, address: 0x10000, data: files.get(ESP32_APP)!() },
      ],
    };
  }
  if (bins.length !== 1) {
    throw usageError(
      bins.length === 0 ? `${label} holds no NodeMCU build (ESP8266: one nodemcu-...-float.bin; ESP32: bootloader.bin, partition-table.bin, NodeMCU.bin)` : `${label} holds ${bins.length} images (${bins.join(", ")}): give the one NodeMCU build for your ESP8266`,
      "build NodeMCU with the modules fobsync needs (docs/nodemcu.md section 1)",
    );
  }
  const name = bins[0];
  if (/integer/i.test(name)) throw usageError(`${name} is NodeMCU's integer build: fobsync needs the float build (it divides)`, "take the float image the cloud builder gives with it");
  const data = files.get(name)!();
  if (data[0] !== APP_IMAGE_MAGIC) throw usageError(`${name} is not an ESP8266 firmware image (it does not start with 0x${APP_IMAGE_MAGIC.toString(16).toUpperCase()})`);
  return { chip: "ESP8266", parts: [{ name, address: 0, data }] };
}
