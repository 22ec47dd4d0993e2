/**
 * What goes on a chip: its parts at their flash offsets, from a release's
 * files (espruino-release.ts, nodemcu-release.ts say which file goes where).
 * Either shell gives the files: the CLI from a folder, zip or file
 * (release-files.ts), the page from what the user picks.
 */
import { unzipSync } from "fflate";
import { usageError } from "../common/errors";

export type EspChip = "ESP32" | "ESP8266";

export interface ImagePart {
  name: string;
  address: number;
  data: Uint8Array;
}

export interface ChipImage {
  chip: EspChip;
  parts: ImagePart[];
}

/** A release's files by their base name, each read when it is needed. */
export type ReleaseFiles = Map<string, () => Uint8Array>;

/** An app image starts with this byte (Espressif's image header). */
export const APP_IMAGE_MAGIC = 0xe9;

/** What a zip holds, by base name (a release zip keeps its files in a folder of its own); `label` names it in the error. */
export function zipReleaseFiles(label: string, zip: Uint8Array): ReleaseFiles {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (err) {
    throw usageError(`${label} is not a zip that can be read (${(err as Error).message})`, "give the release zip as downloaded, or the files it unpacks to");
  }
  return new Map(Object.entries(entries).filter(([n]) => !n.endsWith("/")).map(([n, data]) => [n.slice(n.lastIndexOf("/") + 1), () => data]));
}
