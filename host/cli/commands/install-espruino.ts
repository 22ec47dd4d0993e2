/**
 * `fobsync install-espruino --port P --from DIR`: put Espruino on a bare ESP32
 * or ESP8266 with Espressif's esptool-js (host/esptool/), then wait for
 * Espruino's banner, and point to `fobsync flash`.
 */
import type { CommandModule, OptionSpec } from "../command-module";
import { addOptions } from "../command-module";
import { CliError, EXIT } from "../../common/errors";
import { espruinoImageFrom } from "../../esptool/espruino-release-files";
import { BANNER_MS, resetAndReadBanner } from "../../esptool/espruino-banner";
import { installEspruino, type InstallResult, type InstallWords } from "../../esptool/install-espruino";
import { WebSerialOverLink } from "../../esptool/web-serial-over-link";
import { ProgressView } from "../../flash/progress-view";
import { PORT_OPTION, parseBaud, requirePort } from "../../serial/cli-options";
import { openSerialLink } from "../../serial/serialport-link";
import { usbIdsOf } from "../../ports/this-machine";

interface InstallOptions {
  port?: string;
  from?: string;
  baud: number;
  erase?: boolean;
  reset: boolean;
}

const OPTIONS: OptionSpec[] = [
  PORT_OPTION,
  { flags: "--from <zip|folder>", description: "Espruino's release for your board, the zip as downloaded or the folder it unpacks to (ESP32: bootloader.bin, partitions_espruino.bin, espruino_esp32.bin; ESP8266: the 4 MB combined image)" },
  { flags: "--baud <rate>", description: "the rate to write at once esptool's stub runs (the ROM loader talks at 115200); when the chip stops answering at it (an adapter that cannot do it), esptool-js goes on at 115200", default: 460800, parse: parseBaud },
  { flags: "--erase", description: "erase the whole flash first (Espruino's Storage and anything saved go too); without it, Storage is kept" },
  { flags: "--no-reset", description: "do not reset the board into its ROM loader through DTR/RTS: hold BOOT and press EN/RESET yourself first" },
];

export const installEspruinoCommand: CommandModule<InstallOptions> = {
  name: "install-espruino",
  summary: "put Espruino on a bare ESP32 or ESP8266 (esptool-js), verified by MD5 on the chip",
  configure(cmd) {
    addOptions(cmd, OPTIONS);
    cmd.addHelpText(
      "after",
      "\nExamples, with Espruino's release for your board (espruino.com/Download) unpacked in ./espruino_2v29_esp32 and the board on /dev/ttyUSB0:\n  fobsync install-espruino --port /dev/ttyUSB0 --from ./espruino_2v29_esp32\n  fobsync install-espruino --erase --port /dev/ttyUSB0 --from ./espruino_2v29_esp32\n" +
        "Then: fobsync flash --port /dev/ttyUSB0. Exit 2 for files that do not fit the chip or a chip's own USB (ESP32-S2/S3/C3/C6; nothing written), 5 when the ROM loader does not answer, 6 when the chip's MD5 differs, 3 when the port goes away.",
    );
  },
  async run(opts, { out, signal }) {
    const path = requirePort(opts.port, "install-espruino");
    if (opts.from === undefined) throw new CliError("usage", "install-espruino needs --from <zip|folder>: Espruino's release for your board (espruino.com/Download), the zip or the folder it unpacks to", EXIT.usage);
    const image = espruinoImageFrom(opts.from);
    out.emit(
      { type: "image", chip: image.chip, parts: image.parts.map((p) => ({ name: p.name, address: p.address, bytes: p.data.length })) },
      `Espruino for an ${image.chip}: ${image.parts.map((p) => `${p.name} at 0x${p.address.toString(16)} (${p.data.length} bytes)`).join(", ")}`,
      "dim",
    );
    const progress = new ProgressView(out, process.stderr);
    const port = new WebSerialOverLink(path, await usbIdsOf(path));
    let result: InstallResult;
    try {
      result = await installEspruino({
        port,
        presence: port,
        words: cliWords(path),
        baud: opts.baud,
        image,
        erase: opts.erase === true,
        noReset: !opts.reset,
        signal,
        onLog: (text) => {
          if (text.trim() !== "") out.emit({ type: "esptool", text: text.trim() }, text.trim(), "dim");
        },
        onProgress: (written, total) => progress.update({ phase: "upload", sent: written, total }),
      });
    } finally {
      progress.stopBar();
    }
    out.emit(
      { type: "installed", chip: result.chip, mac: result.mac, parts: result.parts },
      `written and verified by MD5 on the chip (${result.chip}, MAC ${result.mac}): ${result.parts.map((p) => p.name).join(", ")}`,
      "ok",
    );
    const link = await openSerialLink({ path, baudRate: 115200 });
    let version: string;
    try {
      out.emit({ type: "waiting", for: "espruino-banner", ms: BANNER_MS }, `resetting the board; waiting for Espruino's banner (up to ${BANNER_MS / 1000} s)...`, "dim");
      version = await resetAndReadBanner(link, { port: path, look: `fobsync doctor --listen 3000 --port ${path} shows what it runs` });
    } finally {
      await link.close();
    }
    out.emit({ type: "espruino", version, port: path }, `Espruino ${version} runs on the board. Next: fobsync flash --port ${path}`, "ok");
    return EXIT.ok;
  },
};

/** The CLI's words for the steps an install failure leads to. */
function cliWords(path: string): InstallWords {
  return {
    port: path,
    again: (erase) => `run fobsync install-espruino${erase ? " --erase" : ""} --port ${path} again`,
    noReset: "add --no-reset",
    release: (chip) => `give Espruino's ${chip} release (the zip or its folder) with --from`,
  };
}
