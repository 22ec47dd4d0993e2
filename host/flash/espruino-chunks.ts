/**
 * The Espruino upload as REPL lines: the bundle cut into chunks, each chunk a
 * `require("Storage").write(".bootcde", "...", offset[, total])` call. The
 * first call creates the file with its final size; the others fill it in.
 */

/** Storage file Espruino runs at boot. */
export const BOOT_FILE = ".bootcde";

/** Bytes of bundle per Storage.write call (a 1 KiB string is about 90 JsVars on the board). */
export const DEFAULT_CHUNK_BYTES = 1024;

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

export interface UploadLine {
  /** The REPL line, ending in `\n`. */
  text: string;
  /** Bundle bytes this line carries. */
  payload: number;
}

/** The Storage.write lines that store `bundle` as `file`. */
export function storageWriteLines(bundle: Uint8Array, file = BOOT_FILE, chunkBytes = DEFAULT_CHUNK_BYTES): UploadLine[] {
  if (bundle.length === 0) throw new Error("the bundle is empty");
  const lines: UploadLine[] = [];
  for (let off = 0; off < bundle.length; off += chunkBytes) {
    const piece = bundle.subarray(off, Math.min(bundle.length, off + chunkBytes));
    const size = off === 0 ? `,0,${bundle.length}` : `,${off}`;
    lines.push({ text: `require("Storage").write(${JSON.stringify(file)},${jsByteLiteral(piece)}${size})\n`, payload: piece.length });
  }
  return lines;
}
