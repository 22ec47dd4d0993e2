import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Version and build id baked into every firmware bundle (Espruino JS and
 * NodeMCU Lua use the same scheme, so `fobsync version` compares like with like).
 *
 * Build id scheme: the bundle is produced with the placeholder
 * `BUILD_ID_PLACEHOLDER` where the id goes; the id is the first 8 hex digits
 * of the SHA-256 of that text (UTF-8); then the placeholder is replaced by the
 * id. Same sources + same board => same id; any change in code or board => a new id.
 */

/** Stands where the build id goes until the id is known. 8 characters, like the id, so sizes do not shift. */
export const BUILD_ID_PLACEHOLDER = "@@BUILD@";

/** Repository root (this file is host/bundler/build-info.ts). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The `version` field of package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version?: unknown };
  if (typeof pkg.version !== "string" || pkg.version === "") throw new Error("package.json has no version");
  return pkg.version;
}

/** Short build id of a bundle's source text: first 8 hex digits of its SHA-256. */
export function buildId(sourceText: string): string {
  return createHash("sha256").update(sourceText, "utf8").digest("hex").slice(0, 8);
}

/**
 * Replace the placeholder in `textWithPlaceholder` by the build id of that text.
 * Throws when the placeholder does not occur exactly once (the id would be
 * missing or ambiguous).
 */
export function stampBuildId(textWithPlaceholder: string): { text: string; build: string } {
  const first = textWithPlaceholder.indexOf(BUILD_ID_PLACEHOLDER);
  if (first < 0) throw new Error(`build id placeholder ${BUILD_ID_PLACEHOLDER} not found in the bundle`);
  if (textWithPlaceholder.indexOf(BUILD_ID_PLACEHOLDER, first + 1) >= 0) {
    throw new Error(`build id placeholder ${BUILD_ID_PLACEHOLDER} occurs more than once in the bundle`);
  }
  const build = buildId(textWithPlaceholder);
  return { text: textWithPlaceholder.replace(BUILD_ID_PLACEHOLDER, build), build };
}
