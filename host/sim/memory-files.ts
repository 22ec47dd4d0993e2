import type { FileStore } from "../../hal/contracts";

/** A board's file store held in memory (the in-process core's flash): reads see later writes to `files`. */
export function memoryFiles(files: { [name: string]: string }): FileStore {
  return {
    list: (prefix) => Object.keys(files).filter((n) => n.startsWith(prefix)).sort().map((n) => n.slice(prefix.length)),
    read: (name) => (Object.hasOwn(files, name) ? files[name] : undefined),
  };
}
