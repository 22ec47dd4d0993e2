import { accessSync, constants, statfsSync, statSync, type Stats } from "node:fs";
import { dirname, resolve } from "node:path";
import { usageError } from "./errors";

/**
 * Paths a command will write, checked before it starts any work (a session
 * must not run for a minute and then fail to save its log): one clear line
 * and exit 2 when the path cannot be written. Nothing is created here.
 */

/** File systems where a new file or folder is not what the user meant (and `mkdir -p` misbehaves). */
const SPECIAL_FILE_SYSTEMS: { [magic: number]: string } = {
  0x9fa0: "proc",
  0x62656572: "sysfs",
  0x1cd1: "devpts",
  0x64626720: "debugfs",
  0x27e0eb: "cgroup",
  0x63677270: "cgroup2",
};

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The nearest existing ancestor of `path` (itself included). */
function nearestExisting(path: string): { path: string; stat: Stats } {
  let p = resolve(path);
  for (;;) {
    const stat = statOrNull(p);
    if (stat) return { path: p, stat };
    const up = dirname(p);
    if (up === p) throw usageError(`cannot find any folder of ${path}`);
    p = up;
  }
}

/** A folder new files can go in: an existing writable directory on an ordinary file system. */
function checkFolderForNew(folder: string, stat: Stats, what: string, path: string): void {
  if (!stat.isDirectory()) throw usageError(`${what} ${path}: ${folder} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw usageError(`${what} ${path}: the folder ${folder} is not writable`);
  }
  const kind = SPECIAL_FILE_SYSTEMS[Number(statfsSync(folder).type)];
  if (kind) throw usageError(`${what} ${path}: ${folder} is on the ${kind} file system, not a place for files`);
}

/** `file` can be written: an existing writable regular file (or a device such as /dev/null), or a new one in a folder that can be made. */
export function checkWritableFile(file: string, what: string): void {
  const stat = statOrNull(file);
  if (stat) {
    if (stat.isDirectory()) throw usageError(`${what} ${file} is a folder, not a file`);
    if (!stat.isFile() && !stat.isCharacterDevice() && !stat.isFIFO()) throw usageError(`${what} ${file} is not a regular file`);
    try {
      accessSync(file, constants.W_OK);
    } catch {
      throw usageError(`${what} ${file} is not writable (permission denied)`);
    }
    return;
  }
  const parent = nearestExisting(dirname(resolve(file)));
  checkFolderForNew(parent.path, parent.stat, what, file);
}

/** `dir` can hold new files: an existing writable folder, or one that can be made under an existing writable folder. */
export function checkOutputFolder(dir: string, what: string): void {
  const stat = statOrNull(dir);
  if (stat) return checkFolderForNew(resolve(dir), stat, what, dir);
  const parent = nearestExisting(dir);
  checkFolderForNew(parent.path, parent.stat, what, dir);
}
