/** Is an executable named `name` on PATH? (No process is spawned.) */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export function commandOnPath(name: string, pathVar: string | undefined): boolean {
  for (const dir of (pathVar ?? "").split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}
