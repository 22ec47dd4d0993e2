/**
 * Room in an Espruino board's Storage, and what else runs at its boot,
 * looked at before anything is written (`fobsync flash`, `recipes install`,
 * `test-fob --calibrate`):
 * - the board lists its files with their sizes and `getStats()` (free bytes,
 *   and the trash deleted files leave until Storage compacts);
 * - files Espruino runs at boot besides `.bootcde` (`.boot0`-`.boot3`, the
 *   Web IDE's `.bootrst`, which runs even after `reset()`, and `.varimage`,
 *   a program kept with `save()`) are removed by `flash` unless asked to keep;
 * - the new files need their bytes plus a 32-byte header each (measured on
 *   2v29: a 100,000-byte file took 100,032). Espruino compacts by itself
 *   when free and trash bytes together suffice (src/jsflash.c), and fobsync
 *   compacts first so that no upload stalls halfway; when even that, with
 *   what the write replaces, cannot make room, it refuses before writing,
 *   with the numbers, so no half-written program is ever left to run.
 */
import { CliError, EXIT } from "../common/errors";

/** What Espruino runs at boot besides `.bootcde`. */
export const FOREIGN_BOOT_FILES = [".boot0", ".boot1", ".boot2", ".boot3", ".bootrst", ".varimage"];

/** What each foreign boot file is, said when it is removed. */
export const FOREIGN_BOOT_MEANING: { [name: string]: string } = {
  ".boot0": "boot code run before .bootcde",
  ".boot1": "boot code run before .bootcde",
  ".boot2": "boot code run before .bootcde",
  ".boot3": "boot code run before .bootcde",
  ".bootrst": "code the Web IDE stores to run at boot and after every reset()",
  ".varimage": "a program kept with save()",
};

/** A Storage file's header on Espruino 2v29 (size and name), bytes. */
export const FILE_HEADER_BYTES = 32;

export interface BoardStorage {
  /** The Espruino version the board reports (`process.env.VERSION`). */
  version: string;
  files: { name: string; bytes: number }[];
  freeBytes: number;
  trashBytes: number;
  totalBytes: number;
}

export interface StoragePlan {
  /** Foreign boot files to erase (not kept). */
  remove: string[];
  /** Foreign boot files kept (`--keep`). */
  kept: string[];
  /** Files the write replaces, erased first to make room (empty when there is room already). */
  eraseFirst: string[];
  /** Compact Storage before writing (the room is in its trash). */
  compact: boolean;
  /** Bytes the writes take, headers included. */
  needed: number;
}

/** The REPL line that asks for the files, their sizes and the stats; its answer's pattern cannot match its own echo. */
export function storageQuery(n: number): { line: string; pattern: RegExp } {
  return { line: `print("FS"+"ST${n} "+${STORAGE_EXPRESSION})\n`, pattern: new RegExp(`FSST${n} (\\{[^\\r\\n]*\\})\\r?\\n`) };
}

/** The expression whose value is the board's Storage as JSON (one line): `parseStorageAnswer` reads it. */
export const STORAGE_EXPRESSION = `(function(){var s=require("Storage");return JSON.stringify({v:process.env.VERSION,f:s.list().map(function(x){var d=s.read(x);return [x,d===undefined?0:d.length]}),s:s.getStats()})})()`;

export function parseStorageAnswer(json: string): BoardStorage {
  const a = JSON.parse(json) as { v: string; f: [string, number][]; s: { freeBytes: number; trashBytes: number; totalBytes: number } };
  return { version: String(a.v), files: a.f.map(([name, bytes]) => ({ name, bytes })), freeBytes: a.s.freeBytes, trashBytes: a.s.trashBytes, totalBytes: a.s.totalBytes };
}

/** A file's room in Storage: its bytes rounded up to 4, plus its header. */
function room(bytes: number): number {
  return Math.ceil(bytes / 4) * 4 + FILE_HEADER_BYTES;
}

/**
 * How to write `writes` onto `board`: which foreign boot files go (none when
 * `keepForeign`), what to erase first and whether to compact. A CliError
 * (exit 1) with the numbers when the board cannot hold them; nothing was
 * written then.
 */
export function planStorage(board: BoardStorage, writes: { name: string; bytes: number }[], keepForeign: boolean): StoragePlan {
  const present = (name: string) => board.files.find((f) => f.name === name);
  const foreign = FOREIGN_BOOT_FILES.filter((n) => present(n));
  const remove = keepForeign ? [] : foreign;
  const kept = keepForeign ? foreign : [];
  const needed = writes.reduce((sum, w) => sum + room(w.bytes), 0);
  const replaced = [...new Set([...writes.map((w) => w.name), ...remove])].filter((n) => present(n));
  const replacedRoom = replaced.reduce((sum, n) => sum + room(present(n)!.bytes), 0);
  const removedRoom = remove.reduce((sum, n) => sum + room(present(n)!.bytes), 0);
  if (needed <= board.freeBytes) return { remove, kept, eraseFirst: [], compact: false, needed };
  if (needed <= board.freeBytes + board.trashBytes + removedRoom) return { remove, kept, eraseFirst: [], compact: true, needed };
  if (needed <= board.freeBytes + board.trashBytes + replacedRoom) return { remove, kept, eraseFirst: replaced.filter((n) => remove.indexOf(n) < 0), compact: true, needed };
  throw new CliError(
    "storage-full",
    `the board's Storage cannot hold ${needed} bytes: ${board.freeBytes} are free, ${board.trashBytes} more after compacting, ${replacedRoom} in the files this replaces (of ${board.totalBytes}); nothing was written`,
    EXIT.failed,
    `remove files you do not need (the board has ${board.files.length}: require("Storage").list() names them), or empty it with require("Storage").eraseAll(); then try again`,
  );
}
