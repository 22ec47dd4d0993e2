/**
 * Espruino versions as `process.env.VERSION` reports them: "2v29", or
 * "2v29.277" for a build 277 commits after the release.
 */
export interface EspruinoVersion {
  major: number;
  minor: number;
  /** Commits after the release (0 for the release itself). */
  build: number;
}

/**
 * The oldest Espruino that runs fobsync's bundle: 2v26 added the
 * pretokeniser's compact integers the bundle uses, and 2v26's ESP32 build
 * refused setWatch on the pins the inputs are on (fixed in 2v27).
 */
export const MIN_ESPRUINO_VERSION: EspruinoVersion = { major: 2, minor: 27, build: 0 };

/** The version fobsync's figures (JsVars, timing) were measured on. */
export const REFERENCE_ESPRUINO_VERSION: EspruinoVersion = { major: 2, minor: 29, build: 0 };

/** "2v29.277" -> {2, 29, 277}; null when it is not an Espruino version. */
export function parseVersion(text: string): EspruinoVersion | null {
  const m = /^(\d+)v(\d+)(?:\.(\d+))?/.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]), build: Number(m[3] ?? 0) } : null;
}

export function formatVersion(v: EspruinoVersion): string {
  return `${v.major}v${String(v.minor).padStart(2, "0")}${v.build ? `.${v.build}` : ""}`;
}

/** Negative, zero or positive as `a` is older than, the same as, or newer than `b`. */
export function compareVersions(a: EspruinoVersion, b: EspruinoVersion): number {
  return a.major - b.major || a.minor - b.minor || a.build - b.build;
}
