/**
 * `fobsync install-espruino` and `fobsync install-nodemcu`: put a firmware on
 * a bare ESP32 or ESP8266 with Espressif's esptool-js (host/esptool/), verified
 * by MD5 on the chip, then reset the board and read the firmware's banner, and
 * point to `fobsync flash`. The two differ only in their files and banner.
 */
import type { CommandModule, OptionSpec } from "../command-module";
import { addOptions } from "../command-module";
import { CliError, EXIT } from "../../common/errors";
import type { ChipImage, ReleaseFiles } from "../../esptool/chip-image";
import { BANNER_MS, resetAndReadBanner, type BannerReading, type FirmwareBanner } from "../../esptool/firmware-banner";
import { releaseFilesFrom } from "../../esptool/release-files";
import { writeChipImage, type InstallResult, type InstallWords } from "../../esptool/write-chip";
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

/** What sets one firmware's install command apart. */
export interface FirmwareInstall {
  command: string;
  firmware: "Espruino" | "NodeMCU";
  /** What --from takes, for the help and the error. */
  from: string;
  /** What --erase also removes. */
  erases: string;
  /** The help's examples and exit codes. */
  helpText: string;
  imageOf(label: string, files: ReleaseFiles): ChipImage;
  banner: FirmwareBanner;
  /** `fobsync flash` for this firmware on `path`. */
  next(path: string): string;
}

export function installCommand(f: FirmwareInstall): CommandModule<InstallOptions> {
  const options: OptionSpec[] = [
    PORT_OPTION,
    { flags: "--from <zip|folder|file>", description: f.from },
    { flags: "--baud <rate>", description: "the rate to write at once esptool's stub runs (the ROM loader talks at 115200); when the chip stops answering at it (an adapter that cannot do it), esptool-js goes on at 115200", default: 460800, parse: parseBaud },
    { flags: "--erase", description: `erase the whole flash first (${f.erases} and anything saved go too); without it, they are kept` },
    { flags: "--no-reset", description: "do not reset the board into its ROM loader through DTR/RTS: hold BOOT and press EN/RESET yourself first" },
  ];
  return {
    name: f.command,
    summary: `put ${f.firmware} on a bare ESP32 or ESP8266 (esptool-js), verified by MD5 on the chip`,
    configure(cmd) {
      addOptions(cmd, options);
      cmd.addHelpText("after", f.helpText);
    },
    async run(opts, { out, signal }) {
      const path = requirePort(opts.port, f.command);
      if (opts.from === undefined) throw new CliError("usage", `${f.command} needs --from: ${f.from}`, EXIT.usage);
      const image = f.imageOf(opts.from, releaseFilesFrom(opts.from));
      out.emit(
        { type: "image", chip: image.chip, parts: image.parts.map((p) => ({ name: p.name, address: p.address, bytes: p.data.length })) },
        `${f.firmware} for an ${image.chip}: ${image.parts.map((p) => `${p.name} at 0x${p.address.toString(16)} (${p.data.length} bytes)`).join(", ")}`,
        "dim",
      );
      const progress = new ProgressView(out, process.stderr);
      const port = new WebSerialOverLink(path, await usbIdsOf(path));
      let result: InstallResult;
      try {
        result = await writeChipImage({
          port,
          presence: port,
          words: cliWords(f, path),
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
      let runs: BannerReading;
      try {
        out.emit({ type: "waiting", for: `${f.firmware.toLowerCase()}-banner`, ms: BANNER_MS }, `resetting the board; waiting for ${f.firmware}'s banner (up to ${BANNER_MS / 1000} s)...`, "dim");
        runs = await resetAndReadBanner(link, f.banner, { look: `fobsync doctor --listen 3000 --port ${path} shows what it runs` });
      } finally {
        await link.close();
      }
      out.emit({ type: f.firmware.toLowerCase(), version: runs.version, port: path }, `${runs.text} runs on the board. Next: ${f.next(path)}`, "ok");
      return EXIT.ok;
    },
  };
}

/** The CLI's words for the steps an install failure leads to. */
function cliWords(f: FirmwareInstall, path: string): InstallWords {
  return {
    port: path,
    firmware: f.firmware,
    again: (erase) => `run fobsync ${f.command}${erase ? " --erase" : ""} --port ${path} again`,
    noReset: "add --no-reset",
    release: (chip) => `give ${f.firmware}'s ${chip} files with --from`,
  };
}
