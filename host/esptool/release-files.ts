/**
 * `--from`: a firmware's files as the CLI is given them: a zip as
 * downloaded, the folder it unpacks to, or one image file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { usageError } from "../common/errors";
import { zipReleaseFiles, type ReleaseFiles } from "./chip-image";

export function releaseFilesFrom(from: string): ReleaseFiles {
  if (!existsSync(from)) throw usageError(`--from ${from} does not exist: give the release zip as downloaded, the folder it unpacks to, or the image file`);
  if (statSync(from).isDirectory()) return new Map(readdirSync(from).map((n) => [n, () => new Uint8Array(readFileSync(join(from, n)))]));
  const bytes = new Uint8Array(readFileSync(from));
  // a zip starts with its local file header, "PK\x03\x04"
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) return zipReleaseFiles(`--from ${from}`, bytes);
  if (/\.zip$/i.test(from)) return zipReleaseFiles(`--from ${from}`, bytes);
  return new Map([[basename(from), () => bytes]]);
}
