/**
 * What the demo needs before it starts anything: `socat` (it makes the
 * virtual board's serial port) and the built firmware `dist/espruino/fobsync.js`
 * (what the demo flashes). Either missing is one clear line with the fix and
 * exit 9 (not set up); the demo never falls back to something else.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { FlashBundle } from "../../flash/bundle-source";
import { ESPRUINO_BUNDLE_PATH } from "../../sim/runtime/espruino-backend";
import { CliError, EXIT } from "../../common/errors";
import { bundleBuildId } from "./bundle-build-id";

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
 * in `root`, the package folder) and the build id it carries
 * (bundle-build-id.ts): a file without one is refused here, before anything
 * starts, rather than at the flash verification.
 */
export function readBuiltBundle(root: string, file = resolve(root, ESPRUINO_BUNDLE_PATH)): BuiltBundle {
  const rel = relative(root, file);
  const relPath = rel.startsWith("..") ? file : rel;
  if (!existsSync(file)) {
    throw new CliError("not-built", `the demo flashes the built firmware ${relPath}, which is missing: run \`npm run build\``, EXIT.notSetUp);
  }
  const bytes = readFileSync(file);
  const version = packageVersion(root);
  const build = bundleBuildId(bytes.toString("latin1"), version);
  if (build === null) {
    throw new CliError("not-built", `${relPath} carries no build id this fobsync can read (stale, damaged or edited by hand?): run \`npm run build\``, EXIT.notSetUp);
  }
  return { path: relPath, bytes, version, build };
}
