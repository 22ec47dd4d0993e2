/**
 * The NodeMCU upload as Lua REPL lines (docs/flash.md, NodeMCU section).
 *
 * A file is written through an open file object `_f` by a helper `_w` that
 * fails loudly when the file system refuses a write:
 *
 *   _f=file.open("new_fobsync.lua","w")
 *   function _w(s) if not _f:write(s) then error("write failed") end end
 *   _w'<at most LINE_LIMIT characters of escaped bytes>'      (one line per chunk)
 *   _f:close() _f=nil
 *
 * The chunks are Lua 5.1 string literals (5.1 has no `\xNN`): the rarer quote
 * of the chunk delimits it, backslash and that quote are escaped, LF and CR
 * are `\n` and `\r`, every other byte outside printable ASCII is a three-digit
 * decimal escape `\ddd` (always three digits, so a digit after it cannot join it).
 */

/** NodeMCU keeps at most 255 characters of a console line (input.c, LUA_MAXINPUT 256); lines stay well under. */
export const LINE_LIMIT = 240;

/** The escaped form of one byte inside a literal delimited by `quote`. */
function escapeByte(b: number, quote: number): string {
  if (b === quote || b === 0x5c) return "\\" + String.fromCharCode(b);
  if (b === 0x0a) return "\\n";
  if (b === 0x0d) return "\\r";
  if (b >= 0x20 && b < 0x7f) return String.fromCharCode(b);
  return "\\" + String(b).padStart(3, "0");
}

/** The quote that occurs less often in the bytes (double quote on a tie). */
function rarerQuote(bytes: Uint8Array): number {
  let dq = 0;
  let sq = 0;
  for (const b of bytes) {
    if (b === 0x22) dq++;
    else if (b === 0x27) sq++;
  }
  return dq <= sq ? 0x22 : 0x27;
}

/** A Lua 5.1 string literal holding exactly these bytes. */
export function luaByteLiteral(bytes: Uint8Array): string {
  const quote = rarerQuote(bytes);
  let out = String.fromCharCode(quote);
  for (const b of bytes) out += escapeByte(b, quote);
  return out + String.fromCharCode(quote);
}

export interface UploadLine {
  /** The REPL line without its line end. */
  text: string;
  /** File bytes it carries. */
  payload: number;
}

/** The `_w"..."` lines that carry `bytes`, each at most `limit` characters. */
export function writeLines(bytes: Uint8Array, limit = LINE_LIMIT): UploadLine[] {
  if (limit < 16 || limit > 254) throw new Error(`line limit must be 16..254 characters, got ${limit}`);
  const lines: UploadLine[] = [];
  let start = 0;
  while (start < bytes.length) {
    // Grow the chunk while its literal surely fits: count both quotes as escaped
    // (the quote is chosen per chunk afterwards, so the real line is never longer).
    let end = start;
    let size = 4; // _w and the two quotes
    while (end < bytes.length) {
      const b = bytes[end];
      const grow = b === 0x22 || b === 0x27 ? 2 : escapeByte(b, 0x22).length;
      if (size + grow > limit) break;
      size += grow;
      end++;
    }
    if (end === start) end = start + 1;
    const piece = bytes.subarray(start, end);
    lines.push({ text: "_w" + luaByteLiteral(piece), payload: piece.length });
    start = end;
  }
  return lines;
}

/** Lua the host types, each a single line shorter than `LINE_LIMIT`. */
export const LUA = {
  /** Open `name` for writing as `_f`, define `_w`. */
  open: (name: string) => `_f=file.open(${JSON.stringify(name)},"w") function _w(s) if not (_f and _f:write(s)) then error("write to ${name} failed") end end`,
  close: () => `_f:close() _f=nil`,
  /** Close whatever upload is open and remove the given files (best effort, after a failure). */
  removeFiles: (names: string[]) => `if _f then _f:close() _f=nil end ${names.map((n) => `file.remove(${JSON.stringify(n)})`).join(" ")}`,
  /**
   * Define `_s(name)`: print `FSSUM<tab><length><tab><a><tab><b>`, the file's Adler-32
   * halves computed in Lua with arithmetic only (no bit or crypto module needed,
   * exact in integer and float builds); `tmr.wdclr` keeps an ESP8266's watchdog quiet.
   */
  checksumHelper: () =>
    `function _s(n) local f,a,b,l=file.open(n),1,0,0 while f do local s=f:read(256) if not s then f:close() break end l=l+#s ` +
    `for i=1,#s do a=(a+s:byte(i))%65521 b=(b+a)%65521 end if tmr.wdclr then tmr.wdclr() end end print("FSSUM",l,a,b) end`,
  checksum: (name: string) => `_s(${JSON.stringify(name)})`,
  /** What the board is: `FSENV <esp32|esp8266> <compile 0|1> <lfs-fobsync 0|1> <free bytes>`. */
  environment: () =>
    `print("FSENV",gpio.config and "esp32" or "esp8266",node.compile and 1 or 0,(node.LFS and node.LFS.get and node.LFS.get("fobsync")) and 1 or 0,(file.fsinfo()),node.heap(),fs and 1 or 0)`,
  /** Tell a running firmware to end any session and release every switch. */
  abortFirmware: () => `if fs then fs("abort") end`,
  /** `node.compile` without debug information: NAME.lua -> NAME.lc. */
  compile: (name: string) => `node.stripdebug(3) node.compile(${JSON.stringify(name)}) print("FS".."COMPILED",file.exists(${JSON.stringify(name.replace(/\.lua$/, ".lc"))}))`,
  /** Define `_r(from, to)`: replace `to` by `from`. */
  renameHelper: () => `function _r(a,b) file.remove(b) file.rename(a,b) end`,
  /** Remove `removes` and replace each final name by its temporary file in ONE line: the board does all of it or none. */
  commit: (removes: string[], renames: Array<[string, string]>) =>
    [
      ...removes.map((n) => `file.remove(${JSON.stringify(n)})`),
      ...renames.map(([from, to]) => `_r(${JSON.stringify(from)},${JSON.stringify(to)})`),
      `print("FS".."COMMIT",${renames.map(([, to]) => `file.exists(${JSON.stringify(to)})`).join(" and ")})`,
    ].join(" "),
  restart: () => "node.restart()",
};

/** Adler-32 halves as `_s` computes them on the board: length, a, b. */
export function adler32Parts(bytes: Uint8Array): { length: number; a: number; b: number } {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return { length: bytes.length, a, b };
}

/** The same as one Adler-32 value, hex (for reports). */
export function adler32Hex(parts: { a: number; b: number }): string {
  return ((parts.b * 65536 + parts.a) >>> 0).toString(16).padStart(8, "0");
}
