/**
 * What the demo needs before it starts anything: `socat` (it makes the
 * virtual board's serial port) and the built firmware `dist/espruino/fobsync.js`
 * (what the demo flashes). Either missing is one clear line with the fix and
 * exit 9 (not set up); the demo never falls back to something else.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { BUILD_ID_PLACEHOLDER, buildId } from "../../build/build-info";
import type { FlashBundle } from "../../flash/bundle-source";
import { ESPRUINO_BUNDLE_PATH } from "../../sim/runtime/espruino-backend";
import { CliError, EXIT } from "../errors";

/** The built firmware as the demo flashes it. */
export interface BuiltBundle extends FlashBundle {
  /** Path relative to the package folder, as said to the user. */
  path: string;
}

/** Throw "not set up" unless `socat` runs. `command` is for tests (a name that does not exist). */
export function requireSocat(command = "socat"): void {
  const res = spawnSync(command, ["-V"], { stdio: "ignore" });
  if (res.error) {
    throw new CliError(
      "not-set-up",
      `the demo needs socat to make the virtual board's serial port, and it is not installed: run \`npm run setup\` (or: sudo apt-get install socat)`,
      EXIT.notSetUp,
    );
  }
}

/** The build id and version a bundle carries (`{version:"0.1.0",build:"c383eac4",target:"espruino"}`). */
const BUILD_INFO = /version:"([^"]+)",build:"([0-9a-f]{8})"/;

/**
 * Read the built Espruino bundle `file` (default `dist/espruino/fobsync.js`
 * in `root`, the package folder). Its build id is checked against its
 * contents (the build-info.ts scheme), so a damaged or hand-edited file is
 * refused here rather than at the flash verification.
 */
export function readBuiltBundle(root: string, file = resolve(root, ESPRUINO_BUNDLE_PATH)): BuiltBundle {
  const rel = relative(root, file);
  const relPath = rel.startsWith("..") ? file : rel;
  if (!existsSync(file)) {
    throw new CliError("not-built", `the demo flashes the built firmware ${relPath}, which is missing: run \`npm run build\``, EXIT.notSetUp);
  }
  const text = readFileSync(file, "latin1");
  const info = BUILD_INFO.exec(text);
  const ok = info !== null && buildId(text.replace(`build:"${info[2]}"`, `build:"${BUILD_ID_PLACEHOLDER}"`)) === info[2];
  if (!info || !ok) {
    throw new CliError("not-built", `${relPath} does not carry a valid build id (damaged or edited by hand?): run \`npm run build\``, EXIT.notSetUp);
  }
  return { path: relPath, bytes: Buffer.from(text, "utf8"), version: info[1], build: info[2] };
}
