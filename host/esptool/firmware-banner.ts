/**
 * After an install: reset the chip into what it now holds while listening,
 * and wait for the firmware's banner. The reset comes after the port is open,
 * so the banner cannot pass unheard. Either shell gives its own link
 * (serialport in the CLI, Web Serial in the page). Each firmware's banner says
 * what fobsync needs to know: Espruino's version (2v27 or newer), NodeMCU's
 * build type and modules.
 */
import { CliError, EXIT } from "../common/errors";
import { compareVersions, formatVersion, MIN_ESPRUINO_VERSION, parseVersion } from "../espruino/versions";
import type { SerialLink } from "../serial/link";
import { ReplConsole } from "../serial/repl-console";
import { resetThroughRts } from "../serial/board-reset";

/** How long the board may take from its reset to the banner. */
export const BANNER_MS = 8000;

export interface BannerReading {
  /** As the firmware numbers itself ("2v29", "3.0.0.0"). */
  version: string;
  /** The firmware in words ("Espruino 2v29", "NodeMCU 3.0.0.0 (Lua 5.1.4, float; modules ...)"). */
  text: string;
}

export interface FirmwareBanner {
  /** The firmware, as the user knows it. */
  name: string;
  /** Its banner, up to the end of what `check` reads. */
  pattern: RegExp;
  /** What the banner says: the version, and the firmware in words; a CliError when fobsync cannot run on it. */
  check(m: RegExpExecArray): BannerReading;
}

/** Espruino's banner, its version line (" 2v29.277 (c) 2026 G.Williams"). */
export const ESPRUINO_BANNER: FirmwareBanner = {
  name: "Espruino",
  pattern: /\s(\d+v\d+(?:\.\d+)?) \(c\) \d{4} G\.Williams/,
  check(m) {
    const version = m[1];
    const v = parseVersion(version);
    if (!v || compareVersions(v, MIN_ESPRUINO_VERSION) < 0) {
      throw new CliError("espruino-too-old", `Espruino ${version} runs on the board, and fobsync needs ${formatVersion(MIN_ESPRUINO_VERSION)} or newer`, EXIT.verifyFailed, "install a newer release from espruino.com/Download");
    }
    return { version, text: `Espruino ${version}` };
  },
};

/** The NodeMCU modules fobsync's Lua firmware calls (docs/nodemcu.md section 1; adc too for a fob cell). */
export const NODEMCU_MODULES = ["file", "gpio", "node", "tmr", "uart"];

/**
 * NodeMCU's banner up to its "powered by Lua" line. The ESP8266's lists the build type and the
 * modules ("build type: float", "modules: adc,file,gpio,..."); the ESP32's names neither.
 */
export const NODEMCU_BANNER: FirmwareBanner = {
  name: "NodeMCU",
  pattern: /NodeMCU ([\s\S]*?)powered by (Lua [\d.]+)/,
  check(m) {
    const details = m[1];
    const version = details.split(/\r?\n/)[0].trim();
    const type = /build type: (\w+)/.exec(details)?.[1];
    if (type === "integer") {
      throw new CliError("nodemcu-integer", `NodeMCU ${version} runs on the board as an integer build: fobsync needs the float build (it divides)`, EXIT.verifyFailed, "install NodeMCU's float image (docs/nodemcu.md section 1)");
    }
    const modules = /modules: ([\w,]+)/.exec(details)?.[1].split(",");
    const missing = modules ? NODEMCU_MODULES.filter((n) => !modules.includes(n)) : [];
    if (missing.length > 0) {
      throw new CliError("nodemcu-modules", `NodeMCU ${version} runs on the board without the module${missing.length > 1 ? "s" : ""} fobsync needs: ${missing.join(", ")}`, EXIT.verifyFailed, `build NodeMCU with ${NODEMCU_MODULES.join(", ")} (and adc for a fob's cell), docs/nodemcu.md section 1`);
    }
    return { version, text: `NodeMCU ${version} (${m[2]}${type ? `, ${type}` : ""}${modules ? `; modules ${modules.join(",")}` : ""})` };
  },
};

export interface BannerWords {
  /** How to see what the board prints (the CLI's doctor --listen, the page's Monitor tab). */
  look: string;
}

/** Reset the board on `link` and wait for `banner`: what it says; a clear error when none comes or fobsync cannot run on it. */
export async function resetAndReadBanner(link: SerialLink, banner: FirmwareBanner, words: BannerWords): Promise<BannerReading> {
  const c = new ReplConsole(link);
  try {
    c.mark();
    await resetThroughRts(link);
    let m: RegExpExecArray;
    try {
      m = await c.waitFor(banner.pattern, BANNER_MS, `${banner.name}'s banner after the reset`);
    } catch (err) {
      if (!link.isOpen) throw err;
      throw new CliError(
        "no-banner",
        `the firmware was written and verified, but the board did not print ${banner.name}'s banner within ${BANNER_MS / 1000} s`,
        EXIT.noAnswer,
        `press EN/RESET (a board without the auto-reset circuit stays in its ROM loader), then ${words.look}`,
      );
    }
    return banner.check(m);
  } finally {
    c.detach();
  }
}
