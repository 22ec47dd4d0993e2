import { byteString, bytesOf } from "./espruino-codecs";

/**
 * Espruino's `require("Storage")` in memory: files are byte strings (one
 * char per byte, as on the device). It outlives `reset()`, `load()` and power
 * cycles of the virtual board, like flash does. `.bootcde` is the file
 * Espruino runs at boot.
 */
export class EspruinoStorage {
  private files: { [name: string]: string } = {};
  /** Bytes deleted and replaced files still take until `compact()`. */
  private trash = 0;

  /** @param totalBytes the Storage area: 896 KB on an ESP32 since 2v26 (boards/ESP32.py, 224 pages of 4 KB). */
  constructor(private readonly totalBytes = 896 * 1024) {}

  /**
   * `write(name, data[, offset, size])`: without offset the file becomes
   * `data`; with `size` a new file of `size` bytes (0xFF) is created first;
   * with `offset` the bytes are written into the existing file. `data` is a
   * byte string, or an ArrayBuffer/typed array/array whose bytes are written
   * (what `require("heatshrink").decompress` returns).
   */
  write(name: unknown, data: unknown, offset?: unknown, size?: unknown): boolean {
    const file = checkName(name);
    const text = typeof data === "object" && data !== null ? byteString(bytesOf(data)) : String(data);
    if (offset === undefined) {
      this.create(file, text.length);
      this.files[file] = text;
      return true;
    }
    const at = Number(offset);
    if (size !== undefined) {
      this.create(file, Number(size));
      this.files[file] = "\xff".repeat(Number(size));
    }
    const existing = this.files[file];
    if (existing === undefined) throw new Error(`Storage: file ${file} does not exist (give a size on the first write)`);
    if (!(at >= 0) || at + text.length > existing.length) throw new Error(`Storage: write of ${text.length} bytes at ${at} does not fit in ${file} (${existing.length} bytes)`);
    this.files[file] = existing.slice(0, at) + text + existing.slice(at + text.length);
    return true;
  }

  read(name: unknown, offset?: unknown, length?: unknown): string | undefined {
    const text = this.files[checkName(name)];
    if (text === undefined) return undefined;
    const from = offset === undefined ? 0 : Number(offset);
    return length === undefined ? text.slice(from) : text.slice(from, from + Number(length));
  }

  readJSON(name: unknown): unknown {
    const text = this.read(name);
    return text === undefined ? undefined : JSON.parse(text);
  }

  writeJSON(name: unknown, value: unknown): boolean {
    return this.write(name, JSON.stringify(value));
  }

  erase(name: unknown): void {
    const file = checkName(name);
    if (this.files[file] !== undefined) this.trash += room(this.files[file].length);
    delete this.files[file];
  }

  /** `getStats()` as 2v29 reports it (each file takes its bytes rounded up to 4 plus a 32-byte header). */
  getStats(): { totalBytes: number; freeBytes: number; fileBytes: number; fileCount: number; trashBytes: number; trashCount: number } {
    const names = Object.keys(this.files);
    const fileBytes = names.reduce((sum, n) => sum + room(this.files[n].length), 0);
    return { totalBytes: this.totalBytes, freeBytes: this.totalBytes - fileBytes - this.trash, fileBytes, fileCount: names.length, trashBytes: this.trash, trashCount: this.trash > 0 ? 1 : 0 };
  }

  /** `compact()`: the trash is taken back. */
  compact(): void {
    this.trash = 0;
  }

  /**
   * A new file of `size` bytes replaces any of that name (its room becomes
   * trash); when free bytes are short Espruino compacts by itself if free and
   * trash together suffice, else it refuses (src/jsflash.c).
   */
  private create(file: string, size: number): void {
    this.erase(file);
    const stats = this.getStats();
    if (room(size) <= stats.freeBytes) return;
    if (room(size) <= stats.freeBytes + stats.trashBytes) return this.compact();
    throw new Error(`Not enough free space in Storage for ${file} (${size} bytes)`);
  }

  list(pattern?: unknown): string[] {
    const names = Object.keys(this.files).sort();
    return pattern instanceof RegExp || (pattern && typeof (pattern as RegExp).test === "function")
      ? names.filter((n) => (pattern as RegExp).test(n))
      : names;
  }

  eraseAll(): void {
    this.files = {};
    this.trash = 0;
  }
}

/** Espruino file names: 1..28 characters. */
function checkName(name: unknown): string {
  const file = String(name);
  if (file.length < 1 || file.length > 28) throw new Error(`Storage: bad file name '${file}'`);
  return file;
}

/** A file's room in Storage: its bytes rounded up to 4, plus its 32-byte header. */
function room(bytes: number): number {
  return Math.ceil(bytes / 4) * 4 + 32;
}
