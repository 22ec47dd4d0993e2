/**
 * Put Espruino on a bare ESP32 or ESP8266 with Espressif's esptool-js, over
 * fobsync's serial link (web-serial-over-link.ts): the ROM loader is reached
 * by the usual DTR/RTS reset, the chip is identified, its files are written
 * compressed at their offsets, each is checked by MD5 on the chip, and the
 * chip is reset into what it now holds. Every failure is a CliError that
 * says what the board holds afterwards; nothing half-written is reported as fine.
 */
import { createHash } from "node:crypto";
import { ESPLoader, Transport } from "esptool-js";
import { CliError, EXIT } from "../common/errors";
import type { EspruinoImage } from "./espruino-images";
import { WebSerialOverLink, type WebSerialInfo } from "./web-serial-over-link";

export interface InstallOptions {
  port: string;
  /** The rate to write at once the stub runs (the ROM talks at 115200; esptool-js goes back to it when the chip stops answering at this one). */
  baud: number;
  image: EspruinoImage;
  /** Erase the whole flash first (Storage, and any saved code, go too). */
  erase: boolean;
  info?: WebSerialInfo;
  /** The ROM loader's and esptool-js's own lines. */
  onLog(text: string): void;
  onProgress(written: number, total: number): void;
  /** Connect without the DTR/RTS reset (the board was put in download mode by hand, or has no such circuit). */
  noReset?: boolean;
  /** Ctrl-C or a signal: the install stops at once and says what the board holds. */
  signal?: AbortSignal;
}

export interface InstallResult {
  chip: string;
  mac: string;
  parts: { name: string; address: number; bytes: number; md5: string }[];
}

/** esptool-js's Transport prints its trace lines with console.log whatever its `tracing`: here only when asked. */
class QuietTransport extends Transport {
  override trace(message: string): void {
    if (this.tracing) super.trace(message);
  }
}

const md5 = (data: Uint8Array): string => createHash("md5").update(data).digest("hex");

export async function installEspruino(opts: InstallOptions): Promise<InstallResult> {
  const port = new WebSerialOverLink(opts.port, opts.info ?? {});
  const transport = new QuietTransport(port as unknown as ConstructorParameters<typeof Transport>[0], false);
  const loader = new ESPLoader({
    transport,
    baudrate: opts.baud,
    romBaudrate: 115200,
    terminal: { clean: () => undefined, writeLine: (t: string) => opts.onLog(t), write: (t: string) => opts.onLog(t) },
  });
  let writing = false;
  // the port going away ends the install at once; esptool-js would wait for its timeouts first
  const gone = new Promise<never>((_, reject) => {
    port.onGone(() => reject(portGone(opts.port)));
    opts.signal?.addEventListener("abort", () => reject(interrupted(writing)), { once: true });
  });
  gone.catch(() => undefined);
  const work = run();
  work.catch(() => undefined); // when the port went away first, esptool-js fails later, unheard
  try {
    return await Promise.race([work, gone]);
  } catch (err) {
    if (err instanceof CliError && err.code === "aborted") throw err;
    if (!writing) throw port.wentAway() ? portGone(opts.port) : err;
    throw port.wentAway() ? halfWritten(opts.port, portGone(opts.port)) : halfWritten(opts.port, err);
  } finally {
    await transport.disconnect().catch(() => undefined);
  }

  async function run(): Promise<InstallResult> {
    let description: string;
    try {
      description = await loader.main(opts.noReset ? "no_reset" : "default_reset");
    } catch (err) {
      if (err instanceof CliError || port.wentAway()) throw err;
      throw noSync(opts.port, err);
    }
    const chip = loader.chip.CHIP_NAME;
    if (chip !== opts.image.chip) {
      throw new CliError("wrong-chip", `the board is an ${description}; the files given are for an ${opts.image.chip}: nothing was written`, EXIT.usage, `give the folder of Espruino's ${chip} release`);
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
    await loader.after("hard_reset");
    return { chip: description, mac, parts: opts.image.parts.map((p) => ({ name: p.name, address: p.address, bytes: p.data.length, md5: md5(p.data) })) };
  }
}

function interrupted(writing: boolean): CliError {
  return writing
    ? new CliError("aborted", "interrupted while the firmware was written: the board holds a half-written firmware and will not start", EXIT.aborted, "run fobsync install-espruino again (hold BOOT while you press EN/RESET if it does not connect)")
    : new CliError("aborted", "interrupted before anything was written", EXIT.aborted);
}

function portGone(port: string): CliError {
  return new CliError("port-disconnected", `${port} went away`, EXIT.portNotFound);
}

function noSync(port: string, err: unknown): CliError {
  return new CliError(
    "no-sync",
    `no answer from the chip's ROM loader on ${port} (${err instanceof Error ? err.message : String(err)})`,
    EXIT.noAnswer,
    "hold the BOOT (IO0) button while you press EN/RESET, then run again (add --no-reset if the board has no auto-reset circuit); use a data cable (charge-only cables have no data lines); a CH340 or CP210x adapter needs its driver; on Linux your user needs the dialout group (fobsync doctor checks it)",
  );
}

/** A failure once writing began: the board holds a half-written firmware, and says so. */
function halfWritten(port: string, err: unknown): CliError {
  const text = err instanceof Error ? err.message : String(err);
  if (/MD5 of file does not match/.test(text)) {
    return new CliError("verify-md5", "the chip's flash does not hold what was written (its MD5 differs): the board is NOT ready", EXIT.verifyFailed, `run fobsync install-espruino --erase --port ${port}; if it fails again, the flash chip or the supply is at fault`);
  }
  if (err instanceof CliError && err.code === "port-disconnected") {
    return new CliError("port-disconnected", `${port} went away while the firmware was written: the board holds a half-written firmware and will not start`, EXIT.portNotFound, "plug it back in, hold BOOT while you press EN/RESET, and run fobsync install-espruino again");
  }
  return new CliError("write-failed", `writing the firmware failed (${text}): the board holds a half-written firmware and will not start`, EXIT.failed, `run fobsync install-espruino --port ${port} again (hold BOOT while you press EN/RESET if it does not connect)`);
}
