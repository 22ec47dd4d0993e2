/** `fobsync install-nodemcu --port P --from IMAGE|FOLDER`: the user's NodeMCU build on a bare board (install-firmware.ts). */
import { nodemcuImageOf } from "../../esptool/nodemcu-release";
import { NODEMCU_BANNER, NODEMCU_MODULES } from "../../esptool/firmware-banner";
import { installCommand } from "./install-firmware";

export const installNodemcuCommand = installCommand({
  command: "install-nodemcu",
  firmware: "NodeMCU",
  from: `your NodeMCU build with the modules fobsync needs (${NODEMCU_MODULES.join(", ")}; docs/nodemcu.md): ESP8266 the float image (nodemcu-...-float.bin), ESP32 the build's bootloader.bin, partition-table.bin and NodeMCU.bin (a folder or zip)`,
  erases: "NodeMCU's file system",
  helpText:
    "\nExamples, with a NodeMCU build from the cloud builder (nodemcu-build.com) and the board on /dev/ttyUSB0:\n  fobsync install-nodemcu --port /dev/ttyUSB0 --from ./nodemcu-release-6-modules-2026-12-01-float.bin\n  fobsync install-nodemcu --erase --port /dev/ttyUSB0 --from ./nodemcu-esp32-build\n" +
    "Then: fobsync flash --target nodemcu --port /dev/ttyUSB0. Exit 2 for files that do not fit the chip, an integer build or a chip's own USB (nothing written), 5 when the ROM loader does not answer, 6 when the chip's MD5 differs or the banner shows an integer build or a missing module, 3 when the port goes away.",
  imageOf: nodemcuImageOf,
  banner: NODEMCU_BANNER,
  next: (path) => `fobsync flash --target nodemcu --port ${path}`,
});
