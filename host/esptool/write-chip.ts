/**
 * Write a firmware (Espruino, NodeMCU) on a bare ESP32 or ESP8266 with
 * Espressif's esptool-js, in either shell: the CLI hands it fobsync's serial
 * link dressed as a Web Serial port (web-serial-over-link.ts), the page the
 * browser's own. The ROM loader is reached by the usual DTR/RTS reset, the
 * chip is identified, its files are written compressed at their offsets, and
 * each is checked by MD5 on the chip. The chip is left in esptool's stub: the
 * banner wait resets it while it listens (firmware-banner.ts). Every failure
 * is a CliError that says what the board holds afterwards, in the words of the
 * shell (InstallWords); nothing half-written is reported as fine.
 */
import { ESPLoader, Transport } from "esptool-js";
import { md5 as md5Digest } from "@noble/hashes/legacy.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { CliError, EXIT } from "../common/errors";
import type { ChipImage } from "./chip-image";

/** A Web Serial `SerialPort`, as esptool-js's Transport takes it. */
export type EsptoolPort = ConstructorParameters<typeof Transport>[0];

/** Whether the port is still there: a port that goes away ends the install at once (esptool-js would wait for its timeouts first). */
export interface PortPresence {
  onGone(fn: () => void): void;
  wentAway(): boolean;
}

/** How a shell words the steps a failure leads to. */
export interface InstallWords {
  /** The port, as the user knows it. */
  port: string;
  /** Run the install again, with the whole flash erased first when `erase`. */
  again(erase?: boolean): string;
  /** Connect without the DTR/RTS reset (for a board without the auto-reset circuit). */
  noReset: string;
  /** Give the firmware's files for `chip`. */
  release(chip: string): string;
  /** The firmware, as the user knows it (Espruino, NodeMCU). */
  firmware: string;
}

export interface InstallOptions {
  port: EsptoolPort;
  presence: PortPresence;
  words: InstallWords;
  /** The rate to write at once the stub runs (the ROM talks at 115200; esptool-js goes back to it when the chip stops answering at this one). */
  baud: number;
  image: ChipImage;
  /** Erase the whole flash first (Storage, and any saved code, go too). */
  erase: boolean;
  /** The ROM loader's and esptool-js's own lines. */
  onLog(text: string): void;
  onProgress(written: number, total: number): void;
  /** Connect without the DTR/RTS reset (the board was put in download mode by hand, or has no such circuit). */
  noReset?: boolean;
  /** Ctrl-C, a signal, or the page's Stop: the install stops at once and says what the board holds. */
  signal?: AbortSignal;
}

export interface InstallResult {
  chip: string;
  mac: string;
  parts: { name: string; address: number; bytes: number; md5: string }[];
}

/** Espressif's USB vendor id: a chip's own USB (ESP32-S2, S3, C3, C6), never a USB-serial adapter's. */
export const ESPRESSIF_USB_VENDOR = 0x303a;

/** esptool-js's Transport prints its trace lines with console.log whatever its `tracing`: here only when asked. */
class QuietTransport extends Transport {
  override trace(message: string): void {
    if (this.tracing) super.trace(message);
  }
}

const md5 = (data: Uint8Array): string => bytesToHex(md5Digest(data));

export async function writeChipImage(opts: InstallOptions): Promise<InstallResult> {
  const { words } = opts;
  refuseNativeUsb(opts.port, words);
  const transport = new QuietTransport(opts.port, false);
  const loader = new ESPLoader({
    transport,
    baudrate: opts.baud,
    romBaudrate: 115200,
    terminal: { clean: () => undefined, writeLine: (t: string) => opts.onLog(t), write: (t: string) => opts.onLog(t) },
  });
  let writing = false;
  const gone = new Promise<never>((_, reject) => {
    opts.presence.onGone(() => reject(portGone(words.port, writing)));
    opts.signal?.addEventListener("abort", () => reject(interrupted(writing, words)), { once: true });
  });
  gone.catch(() => undefined);
  const work = run();
  work.catch(() => undefined); // when the port went away first, esptool-js fails later, unheard
  try {
    return await Promise.race([work, gone]);
  } catch (err) {
    if (err instanceof CliError && err.code === "aborted") throw err;
    if (!writing) throw opts.presence.wentAway() ? portGone(words.port, false) : err;
    throw opts.presence.wentAway() ? halfWritten(words, portGone(words.port, true)) : halfWritten(words, err);
  } finally {
    await transport.disconnect().catch(() => undefined);
  }

  async function run(): Promise<InstallResult> {
    let description: string;
    try {
      description = await loader.main(opts.noReset ? "no_reset" : "default_reset");
    } catch (err) {
      if (err instanceof CliError || opts.presence.wentAway()) throw err;
      throw noSync(words, err);
    }
    const chip = loader.chip.CHIP_NAME;
    if (chip !== opts.image.chip) {
      throw new CliError("wrong-chip", `the board is an ${description}; the files given are for an ${opts.image.chip}: nothing was written`, EXIT.usage, words.release(chip));
    }
    const mac = await loader.chip.readMac(loader);
    writing = true;
    if (opts.erase) await loader.eraseFlash();
    const sizes = opts.image.parts.map((p) => p.data.length);
    const total = sizes.reduce((a, b) => a + b, 0);
    await loader.writeFlash({
      fileArray: opts.image.parts.map((p) => ({ data: p.data, address: p.address })),
      flashMode: "keep",
      flashFreq: "keep",
      flashSize: "keep",
      eraseAll: false,
      compress: true,
      calculateMD5Hash: md5,
      reportProgress: (i: number, written: number, size: number) => opts.onProgress(sizes.slice(0, i).reduce((a, b) => a + b, 0) + Math.min(written, size), total),
    });
    writing = false;
    // the chip stays in the stub; the banner wait resets it while it listens
    await loader.after("no_reset_stub");
    return { chip: description, mac, parts: opts.image.parts.map((p) => ({ name: p.name, address: p.address, bytes: p.data.length, md5: md5(p.data) })) };
  }
}

/**
 * A chip's own USB re-enumerates at each reset (the port goes away and comes back, often under
 * another name), and no ESP32 or ESP8266 has one: refused before the port is opened.
 */
function refuseNativeUsb(port: EsptoolPort, words: InstallWords): void {
  const info = port.getInfo();
  if (info.usbVendorId !== ESPRESSIF_USB_VENDOR) return;
  const id = `${hex4(info.usbVendorId)}:${hex4(info.usbProductId ?? 0)}`;
  throw new CliError(
    "native-usb",
    `${words.port} is a chip's own USB (USB id ${id}: an ESP32-S2, S3, C3 or C6), which goes away and comes back at every reset; fobsync puts ${words.firmware} on ESP32 and ESP8266 boards only: nothing was written`,
    EXIT.usage,
    "use an ESP32 or ESP8266 board with a USB-serial chip (CP210x, CH340, CH9102 or FTDI beside the module)",
  );
}

const hex4 = (n: number): string => n.toString(16).padStart(4, "0");

function interrupted(writing: boolean, words: InstallWords): CliError {
  return writing
    ? new CliError("aborted", "interrupted while the firmware was written: the board holds a half-written firmware and will not start", EXIT.aborted, `${words.again()} (hold BOOT while you press EN/RESET if it does not connect)`)
    : new CliError("aborted", "interrupted before anything was written", EXIT.aborted);
}

function portGone(port: string, writing: boolean): CliError {
  return writing
    ? new CliError("port-disconnected", `${port} went away`, EXIT.portNotFound)
    : new CliError("port-disconnected", `${port} went away before anything was written (unplugged, or a board whose USB comes back under another name at each reset)`, EXIT.portNotFound, "plug it back in and run again; fobsync ports shows the name it has now");
}

function noSync(words: InstallWords, err: unknown): CliError {
  return new CliError(
    "no-sync",
    `no answer from the chip's ROM loader on ${words.port} (${err instanceof Error ? err.message : String(err)})`,
    EXIT.noAnswer,
    `hold the BOOT (IO0) button while you press EN/RESET, then run again (${words.noReset} if the board has no auto-reset circuit); use a data cable (charge-only cables have no data lines); a CH340 or CP210x adapter needs its driver; on Linux your user needs the dialout group (fobsync doctor checks it)`,
  );
}

/** A failure once writing began: the board holds a half-written firmware, and says so. */
function halfWritten(words: InstallWords, err: unknown): CliError {
  const text = err instanceof Error ? err.message : String(err);
  if (/MD5 of file does not match/.test(text)) {
    return new CliError("verify-md5", "the chip's flash does not hold what was written (its MD5 differs): the board is NOT ready", EXIT.verifyFailed, `${words.again(true)}; if it fails again, the flash chip or the supply is at fault`);
  }
  if (err instanceof CliError && err.code === "port-disconnected") {
    return new CliError("port-disconnected", `${words.port} went away while the firmware was written: the board holds a half-written firmware and will not start`, EXIT.portNotFound, `plug it back in, hold BOOT while you press EN/RESET, and ${lowerFirst(words.again())}`);
  }
  return new CliError("write-failed", `writing the firmware failed (${text}): the board holds a half-written firmware and will not start`, EXIT.failed, `${words.again()} (hold BOOT while you press EN/RESET if it does not connect)`);
}

const lowerFirst = (s: string): string => s[0].toLowerCase() + s.slice(1);
