/**
 * The Espruino upload as REPL lines: the bundle cut into chunks, each chunk a
 * `require("Storage").write(".bootcde", <bytes>, offset[, total])` call. The
 * first call creates the file with its final size; the others fill it in.
 *
 * `<bytes>` is an expression the board turns into exactly the chunk's bytes,
 * in the shortest encoding the board can decode (docs/flash.md):
 *
 *   heatshrink  require("heatshrink").decompress(atob("<base64 of the compressed chunk>"))
 *   base64      atob("<base64 of the chunk>")
 *   literal     "<chunk as a string literal, other bytes as \xNN>"
 *
 * Each chunk is compressed on its own, so it decodes without the others.
 * To keep the framing small, a line defines a helper per encoding used
 * (`FSh`, `FSb`, `FSl`) before its first chunk, and each chunk line is one
 * short helper call.
 */
import { heatshrinkCompress } from "./espruino-heatshrink";

/** Storage file Espruino runs at boot. */
export const BOOT_FILE = ".bootcde";

/** Bytes of bundle per Storage.write call (a heatshrink line in flight takes 230 JsVars on the real interpreter: docs/flash.md). */
export const DEFAULT_CHUNK_BYTES = 1024;

/** How one chunk's bytes travel. */
export type ChunkEncoding = "heatshrink" | "base64" | "literal";

/** Every encoding, most compact first. */
export const CHUNK_ENCODINGS: readonly ChunkEncoding[] = ["heatshrink", "base64", "literal"];

/** The decoders a board has (both exist only on builds without SAVE_ON_FLASH). */
export interface BoardDecoders {
  /** `typeof atob == "function"`. */
  atob: boolean;
  /** `require("heatshrink")` loads. */
  heatshrink: boolean;
}

/** The encodings a board with these decoders can take (the literal always). */
export function encodingsFor(decoders: BoardDecoders): ChunkEncoding[] {
  const out: ChunkEncoding[] = [];
  if (decoders.atob && decoders.heatshrink) out.push("heatshrink");
  if (decoders.atob) out.push("base64");
  out.push("literal");
  return out;
}

/**
 * A JavaScript string literal holding exactly these bytes: the quote that
 * occurs less often in the chunk is used, backslashes and that quote escaped,
 * control and non-ASCII bytes as `\xNN`. Espruino strings are byte strings,
 * so the board stores exactly the bytes given.
 */
export function jsByteLiteral(bytes: Uint8Array): string {
  let dq = 0;
  let sq = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x22) dq++;
    else if (bytes[i] === 0x27) sq++;
  }
  const quote = dq <= sq ? 0x22 : 0x27;
  let out = String.fromCharCode(quote);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === quote || b === 0x5c) out += "\\" + String.fromCharCode(b);
    else if (b === 0x0a) out += "\\n";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += "\\x" + b.toString(16).padStart(2, "0");
  }
  return out + String.fromCharCode(quote);
}

/** Name and decoding expression (of its data argument `d`) of each encoding's helper on the board. */
const HELPERS: Record<ChunkEncoding, { name: string; decode: string }> = {
  heatshrink: { name: "FSh", decode: `require("heatshrink").decompress(atob(d))` },
  base64: { name: "FSb", decode: "atob(d)" },
  literal: { name: "FSl", decode: "d" },
};

/** The string literal a chunk travels as, in `encoding` (what the helper's `d` receives). */
export function chunkArgument(bytes: Uint8Array, encoding: ChunkEncoding): string {
  switch (encoding) {
    case "literal":
      return jsByteLiteral(bytes);
    case "base64":
      return `"${Buffer.from(bytes).toString("base64")}"`;
    case "heatshrink":
      return `"${Buffer.from(heatshrinkCompress(bytes)).toString("base64")}"`;
  }
}

/**
 * The helper definitions for `encodings`, one REPL line: each is
 * `function(d,o,s){return require("Storage").write(<file>,<decode d>,o,s)}`,
 * so a chunk line `FSh("...",1024)` does exactly what the full call would.
 * They live in RAM only; the `load()` that ends a flash clears them.
 */
export function helperLine(file: string, encodings: readonly ChunkEncoding[]): string {
  const defs = encodings.map((e) => `${HELPERS[e].name}=function(d,o,s){return require("Storage").write(${JSON.stringify(file)},${HELPERS[e].decode},o,s)}`);
  return defs.join(";") + "\n";
}

export interface UploadLine {
  /** The REPL line, ending in `\n`. */
  text: string;
  /** Bundle bytes this line carries (0 for the helper definitions). */
  payload: number;
  /** How the line's chunk travels; null for the helper definitions. */
  encoding: ChunkEncoding | null;
}

export interface WriteLinesOptions {
  file?: string;
  chunkBytes?: number;
  /** Encodings the board can decode (default: the literal only, which every board takes). */
  encodings?: readonly ChunkEncoding[];
}

/**
 * The lines that store `bundle` as `file`, made one at a time so each chunk
 * is compressed while the previous lines are still on the wire: before the
 * first chunk of an encoding, the line defining its helper; then one helper
 * call per chunk, each chunk in the shortest of the allowed encodings. The
 * first call creates the file with its final size (`,0,<total>`), the others
 * write at their offset.
 */
export function storageWriteLines(bundle: Uint8Array, opts: WriteLinesOptions = {}): Generator<UploadLine> {
  const file = opts.file ?? BOOT_FILE;
  const chunkBytes = opts.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const encodings = opts.encodings ?? ["literal"];
  checkUpload(bundle, chunkBytes);
  if (encodings.length === 0) throw new Error("no encoding to upload with");
  return lazyLines(bundle, file, chunkBytes, encodings);
}

/** Throw a clear error for a bundle or chunk size that cannot be uploaded (checked before talking to the board). */
export function checkUpload(bundle: Uint8Array, chunkBytes = DEFAULT_CHUNK_BYTES): void {
  if (bundle.length === 0) throw new Error("the bundle is empty");
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) throw new Error(`chunk size must be a positive whole number of bytes, got ${chunkBytes}`);
}

function* lazyLines(bundle: Uint8Array, file: string, chunkBytes: number, encodings: readonly ChunkEncoding[]): Generator<UploadLine> {
  const defined = new Set<ChunkEncoding>();
  for (let off = 0; off < bundle.length; off += chunkBytes) {
    const piece = bundle.subarray(off, Math.min(bundle.length, off + chunkBytes));
    const where = off === 0 ? `,0,${bundle.length}` : `,${off}`;
    const [encoding, arg] = shortest(piece, encodings);
    if (!defined.has(encoding)) {
      defined.add(encoding);
      yield { text: helperLine(file, [encoding]), payload: 0, encoding: null };
    }
    yield { text: `${HELPERS[encoding].name}(${arg}${where})\n`, payload: piece.length, encoding };
  }
}

function shortest(piece: Uint8Array, encodings: readonly ChunkEncoding[]): [ChunkEncoding, string] {
  let best: [ChunkEncoding, string] | null = null;
  for (const e of encodings) {
    const arg = chunkArgument(piece, e);
    if (best === null || arg.length < best[1].length) best = [e, arg];
  }
  return best!;
}
