/**
 * `--from`: Espruino's release as the CLI is given it, the zip as downloaded
 * or the folder it unpacks to (espruino-release.ts says which files go where).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { usageError } from "../common/errors";
import { espruinoImageOf, zipReleaseFiles, type EspruinoImage } from "./espruino-release";

/** The release files in `from` (a folder, or the release zip), with their offsets; a clear usage error when they are not all there. */
export function espruinoImageFrom(from: string): EspruinoImage {
  if (!existsSync(from)) throw usageError(`--from ${from} does not exist: give the release zip from espruino.com/Download, or the folder it unpacks to`);
  if (!statSync(from).isDirectory()) return espruinoImageOf(from, zipReleaseFiles(`--from ${from}`, new Uint8Array(readFileSync(from))));
  return espruinoImageOf(from, new Map(readdirSync(from).map((n) => [n, () => new Uint8Array(readFileSync(join(from, n)))])));
}
