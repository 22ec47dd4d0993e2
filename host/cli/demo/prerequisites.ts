/**
 * What the demo needs before it starts anything: `socat` (it makes the
 * virtual board's serial port) and the built firmware `dist/espruino/fobsync.js`
 * (what the demo flashes). Either missing is one clear line with the fix and
 * exit 9 (not set up); the demo never falls back to something else.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
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

/** Quoted 8-hex-digit strings: the build id is one of them (property names may be mangled, so no key is relied on). */
const QUOTED_ID = /["'`]([0-9a-f]{8})["'`]/g;

/**
 * The bundle's build id: the quoted 8-hex-digit string that, put back to the
 * placeholder, hashes to itself (the build-info.ts scheme). Null when none does.
 */
export function findBuildId(text: string): string | null {
  for (const m of text.matchAll(QUOTED_ID)) {
    const at = m.index + 1;
    const original = text.slice(0, at) + BUILD_ID_PLACEHOLDER + text.slice(at + 8);
    if (buildId(original) === m[1]) return m[1];
  }
  return null;
}

/** The `version` of the package.json in `root`. */
function packageVersion(root: string): string {
  try {
    return String((JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: unknown }).version ?? "?");
  } catch {
    return "?";
  }
}

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
  const build = findBuildId(text);
  if (build === null) {
    throw new CliError("not-built", `${relPath} does not carry a valid build id (damaged or edited by hand?): run \`npm run build\``, EXIT.notSetUp);
  }
  return { path: relPath, bytes: Buffer.from(text, "utf8"), version: packageVersion(root), build };
}
