/**
 * The page's first step, "Put Espruino on the board", as ESPHome Web does it:
 * the release the user downloaded (the zip, or its .bin files) is written over
 * Web Serial by the same core as `fobsync install-espruino` (esptool-js,
 * host/esptool/write-chip.ts), each part checked by MD5 on the chip,
 * then the board is reset and its Espruino banner read.
 */
import { zipReleaseFiles, type ChipImage, type ReleaseFiles } from "../../esptool/chip-image";
import { espruinoImageOf } from "../../esptool/espruino-release";
import { ESPRUINO_BANNER, resetAndReadBanner, type BannerReading } from "../../esptool/firmware-banner";
import { writeChipImage, type EsptoolPort, type InstallResult, type PortPresence } from "../../esptool/write-chip";
import { openWebSerialLink, type WebSerialPort } from "../transports/web-serial-link";

/** The port as the page names it in what it says. */
const PORT_NAME = "the board's port";
/** The rate esptool-js writes at once its stub runs, as the CLI's default (it goes back to 115200 when the adapter cannot). */
const WRITE_BAUD = 460800;

/** A Web Serial port as both esptool-js and the page's link use it, with the browser's disconnect event. */
export type InstallPort = WebSerialPort & EsptoolPort & Partial<Pick<EventTarget, "addEventListener">>;

export interface PageInstall {
  result: InstallResult;
  /** What the banner says runs. */
  runs: BannerReading;
}

/** The release from the files the user chose: one zip as downloaded, or the .bin files it unpacks to. */
export async function releaseFromPicked(files: File[]): Promise<ChipImage> {
  const zips = files.filter((f) => /\.zip$/i.test(f.name));
  if (zips.length === 1 && files.length === 1) return espruinoImageOf(zips[0].name, zipReleaseFiles(zips[0].name, new Uint8Array(await zips[0].arrayBuffer())));
  const picked: ReleaseFiles = new Map();
  for (const f of files) {
    const bytes = new Uint8Array(await f.arrayBuffer());
    picked.set(f.name, () => bytes);
  }
  return espruinoImageOf(files.length === 1 ? files[0].name : "the files chosen", picked);
}

/** Install `image` on `port` (closed before and after), then reset the board and read Espruino's banner. */
export async function installFromPage(
  port: InstallPort,
  image: ChipImage,
  opts: { erase: boolean; noReset: boolean; onProgress(written: number, total: number): void; onLog(text: string): void; onBanner(): void },
): Promise<PageInstall> {
  const result = await writeChipImage({
    port,
    presence: presenceOf(port),
    words: {
      port: PORT_NAME,
      firmware: "Espruino",
      again: (erase) => `Install Espruino again${erase ? " with \u201cErase the whole flash first\u201d ticked" : ""}`,
      noReset: "tick \u201cI put the board in download mode myself\u201d",
      release: (chip) => `choose Espruino's ${chip} release`,
    },
    baud: WRITE_BAUD,
    image,
    erase: opts.erase,
    noReset: opts.noReset,
    onLog: opts.onLog,
    onProgress: opts.onProgress,
  });
  opts.onBanner();
  const link = await openWebSerialLink(port, 115200);
  try {
    return { result, runs: await resetAndReadBanner(link, ESPRUINO_BANNER, { look: "connect (step 2) and read what it prints in the Monitor tab" }) };
  } finally {
    await link.close();
  }
}

/** Web Serial's `disconnect` event on the port, as the install core hears a port go away. */
function presenceOf(port: InstallPort): PortPresence {
  let gone = false;
  const handlers: Array<() => void> = [];
  port.addEventListener?.("disconnect", () => {
    gone = true;
    for (const fn of handlers) fn();
  });
  return { onGone: (fn) => void handlers.push(fn), wentAway: () => gone };
}
