/**
 * After the install: reset the chip into what it now holds while listening,
 * and wait for Espruino's banner, whose version must be one fobsync runs on.
 * The reset comes after the port is open, so the banner cannot pass unheard.
 * Either shell gives its own link (serialport in the CLI, Web Serial in the page).
 */
import { CliError, EXIT } from "../common/errors";
import { compareVersions, formatVersion, MIN_ESPRUINO_VERSION, parseVersion } from "../espruino/versions";
import type { SerialLink } from "../serial/link";
import { ReplConsole } from "../serial/repl-console";
import { resetThroughRts } from "../serial/board-reset";

/** How long the board may take from its reset to Espruino's banner. */
export const BANNER_MS = 8000;
/** Espruino's banner, its version line (" 2v29.277 (c) 2026 G.Williams"). */
const BANNER = /\s(\d+v\d+(?:\.\d+)?) \(c\) \d{4} G\.Williams/;

export interface BannerWords {
  /** The port, as the user knows it. */
  port: string;
  /** How to see what the board prints (the CLI's doctor --listen, the page's Monitor tab). */
  look: string;
}

/** Reset the board on `link` and wait for the banner: Espruino's version; a clear error when none comes or it is too old. */
export async function resetAndReadBanner(link: SerialLink, words: BannerWords): Promise<string> {
  const c = new ReplConsole(link);
  try {
    c.mark();
    await resetThroughRts(link);
    let version: string;
    try {
      version = (await c.waitFor(BANNER, BANNER_MS, "Espruino's banner after the reset"))[1];
    } catch (err) {
      if (!link.isOpen) throw err;
      throw new CliError(
        "no-banner",
        `the firmware was written and verified, but the board did not print Espruino's banner within ${BANNER_MS / 1000} s`,
        EXIT.noAnswer,
        `press EN/RESET (a board without the auto-reset circuit stays in its ROM loader), then ${words.look}`,
      );
    }
    const v = parseVersion(version);
    if (!v || compareVersions(v, MIN_ESPRUINO_VERSION) < 0) {
      throw new CliError("espruino-too-old", `Espruino ${version} runs on the board, and fobsync needs ${formatVersion(MIN_ESPRUINO_VERSION)} or newer`, EXIT.verifyFailed, "install a newer release from espruino.com/Download");
    }
    return version;
  } finally {
    c.detach();
  }
}
