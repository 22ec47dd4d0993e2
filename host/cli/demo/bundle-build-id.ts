/**
 * The build id a built Espruino bundle carries, read from the file itself.
 *
 * Plain JavaScript (the minified source): the id is the quoted 8-hex-digit
 * string that, put back to the placeholder, hashes to itself (the
 * build-info.ts scheme), so a damaged or edited file has none.
 *
 * Pretokenised (what `npm run build:espruino` ships since the bundle is in
 * EspruinoTools' token form): the bytes must read back as tokens (else the
 * file is damaged), and the id is the string next to the version in the
 * baked build info (`{…:"0.1.0",…:"01996b43",…:"espruino"}`): the hash was
 * taken over the plain source, which the token form does not reproduce byte
 * for byte. The flash then verifies the board boots that id.
 */
import { BUILD_ID_PLACEHOLDER, buildId } from "../../bundler/build-info";
import { detokenise, hasTokens } from "../../bundler/espruino/pretokenise";

/** Quoted 8-hex-digit strings (property names may be mangled, so no key is relied on). */
const QUOTED_ID = /["'`]([0-9a-f]{8})["'`]/g;

/** In plain source: the id whose text hashes to itself, or null. */
function hashedId(text: string): string | null {
  for (const m of text.matchAll(QUOTED_ID)) {
    const at = m.index + 1;
    const original = text.slice(0, at) + BUILD_ID_PLACEHOLDER + text.slice(at + 8);
    if (buildId(original) === m[1]) return m[1];
  }
  return null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** In pretokenised bytes: the id beside `version` in the build info, or null (also for bytes that are not tokens). */
function infoId(bytes: string, version: string): string | null {
  let source: string;
  try {
    source = detokenise(bytes);
  } catch {
    return null;
  }
  const info = new RegExp(`["'\`]${escapeRegExp(version)}["'\`],[\\w$]+:["'\`]([0-9a-f]{8})["'\`],[\\w$]+:["'\`]espruino["'\`]`).exec(source);
  return info ? info[1] : null;
}

/** The build id of a bundle file's content (latin1, one char per byte), or null when it carries none. */
export function bundleBuildId(content: string, version: string): string | null {
  return hasTokens(content) ? infoId(content, version) : hashedId(content);
}
