import type { FileStore } from "../contracts";

/** Espruino's Storage module, the parts the file store uses. */
interface EspruinoStorage {
  list(): string[];
  read(name: string): string | undefined;
}
declare function require(module: "Storage"): EspruinoStorage;

/**
 * The board's files in Espruino Storage. `read` gives the string Storage
 * returns, which on a board points into flash: reading a recipe copies
 * nothing into RAM until the firmware splits it.
 */
export function espruinoFiles(): FileStore {
  return { list: listFiles, read: readFile };
}

function listFiles(prefix: string): string[] {
  const names: string[] = [];
  for (const name of require("Storage").list()) if (name.substring(0, prefix.length) === prefix) names.push(name.substring(prefix.length));
  return names;
}

function readFile(name: string): string | undefined {
  return require("Storage").read(name);
}
