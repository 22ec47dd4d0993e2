/**
 * The files on an Espruino board, told apart: fobsync's own (its firmware,
 * recipes, cell calibrations, and their staged copies), another program's
 * boot files (they run at every boot, before fobsync), and everything else.
 * `fobsync recipes --port` and `fobsync doctor --listen` both say them so.
 */
import { RECIPE_FILE } from "../../firmware/recipes/recipe-text";
import { CALIBRATION_FILE } from "../../firmware/calibration-file";
import { BOOT_FILE } from "./espruino-chunks";
import { FOREIGN_BOOT_FILES, FOREIGN_BOOT_MEANING, type BoardStorage } from "./espruino-storage-space";

/**
 * The new firmware is uploaded into this file, checked there, and only then
 * copied into `.bootcde` by the board itself, in one line: a cable pulled,
 * a port gone or a corrupted line during the upload leaves the firmware the
 * board had booting (a cut `.bootcde` would boot nothing).
 */
export const NEW_FIRMWARE_FILE = "fobsync.new";

/**
 * Any other file is written under this prefix first, checked there, and only
 * then copied into its own name by the board in one line, as the firmware
 * is: a cable pulled mid-write leaves the file it had (a recipe the firmware
 * lists is never half written). Espruino's 28-character names leave room for
 * it: a recipe's is at most 27.
 */
export const STAGING_PREFIX = "~";

/** The recipe a file holds (`fr.<name>`), or null for any other file. */
export function recipeNameOf(file: string): string | null {
  return file.startsWith(RECIPE_FILE) ? file.slice(RECIPE_FILE.length) : null;
}

/** fobsync's own file, or a staged copy of one a write left behind. */
export function isFobsyncFile(name: string): boolean {
  const own = (n: string) => n === BOOT_FILE || n === NEW_FIRMWARE_FILE || n.startsWith(RECIPE_FILE) || new RegExp(`^${CALIBRATION_FILE}\\d$`).test(n);
  return own(name) || (name.startsWith(STAGING_PREFIX) && own(name.slice(STAGING_PREFIX.length)));
}

export interface OtherFiles {
  /** Another program's boot files: they run at every boot, before fobsync. */
  foreign: { name: string; bytes: number }[];
  /** Files that are neither fobsync's nor run at boot. */
  others: { name: string; bytes: number }[];
}

export function otherFiles(st: BoardStorage): OtherFiles {
  return {
    foreign: st.files.filter((f) => FOREIGN_BOOT_FILES.includes(f.name)),
    others: st.files.filter((f) => !isFobsyncFile(f.name) && !FOREIGN_BOOT_FILES.includes(f.name)),
  };
}

/** One line per file besides fobsync's, a boot file's as a warning, then the room left. */
export function otherFilesInWords(st: BoardStorage): { text: string; tone: "warn" | "plain" | "dim" }[] {
  const { foreign, others } = otherFiles(st);
  return [
    ...foreign.map((f) => ({ text: `also runs at boot: ${f.name} (${FOREIGN_BOOT_MEANING[f.name]}, ${f.bytes} bytes): fobsync flash removes it`, tone: "warn" as const })),
    ...others.map((f) => ({ text: `other file: ${f.name} (${f.bytes} bytes)`, tone: "plain" as const })),
    { text: `Storage: ${st.freeBytes} bytes free of ${st.totalBytes}, ${st.trashBytes} in deleted files until it compacts`, tone: "dim" as const },
  ];
}
