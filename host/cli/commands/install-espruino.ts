/** `fobsync install-espruino --port P --from ZIP|FOLDER`: Espruino's release on a bare board (install-firmware.ts). */
import { espruinoImageOf } from "../../esptool/espruino-release";
import { ESPRUINO_BANNER } from "../../esptool/firmware-banner";
import { installCommand } from "./install-firmware";

export const installEspruinoCommand = installCommand({
  command: "install-espruino",
  firmware: "Espruino",
  from: "Espruino's release for your board (espruino.com/Download): the zip as downloaded or the folder it unpacks to (ESP32: bootloader.bin, partitions_espruino.bin, espruino_esp32.bin; ESP8266: the 4 MB combined image)",
  erases: "Espruino's Storage",
  helpText:
    "\nExamples, with Espruino's release for your board (espruino.com/Download) unpacked in ./espruino_2v29_esp32 and the board on /dev/ttyUSB0:\n  fobsync install-espruino --port /dev/ttyUSB0 --from ./espruino_2v29_esp32\n  fobsync install-espruino --erase --port /dev/ttyUSB0 --from ./espruino_2v29_esp32\n" +
    "Then: fobsync flash --port /dev/ttyUSB0. Exit 2 for files that do not fit the chip or a chip's own USB (ESP32-S2/S3/C3/C6; nothing written), 5 when the ROM loader does not answer, 6 when the chip's MD5 differs or the Espruino is older than 2v27, 3 when the port goes away.",
  imageOf: espruinoImageOf,
  banner: ESPRUINO_BANNER,
  next: (path) => `fobsync flash --port ${path}`,
});
