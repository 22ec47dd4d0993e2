/**
 * A Lua 5.1-5.3 tokenizer for the minifier: every token with its source
 * offset, comments and whitespace dropped. Strings (quoted and long
 * brackets) are kept byte for byte as written.
 */

export interface LuaToken {
  /** "name", "number", "string" or "op" (operators, punctuation and keywords are told apart by the caller). */
  kind: "name" | "number" | "string" | "op";
  text: string;
  /** Offset of the first character in the source. */
  start: number;
}

/** Operators, longest first so the scan takes the longest match. */
const OPERATORS = ["...", "..", "==", "~=", "<=", ">=", "//", "::", "<<", ">>", "+", "-", "*", "/", "%", "^", "#", "&", "~", "|", "<", ">", "=", "(", ")", "{", "}", "[", "]", ";", ":", ",", "."];

const isNameStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isNameChar = (c: string): boolean => /[A-Za-z0-9_]/.test(c);

/** Length of the long bracket opener at `i` (`[[`, `[==[`), or 0 when there is none. */
function longBracket(src: string, i: number): number {
  const m = /^\[(=*)\[/.exec(src.substring(i, i + 64));
  return m ? m[0].length : 0;
}

/** Tokenize `src`; throws on an unfinished string or comment, or a character Lua does not know. */
export function tokenizeLua(src: string): LuaToken[] {
  const tokens: LuaToken[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (src.startsWith("--", i)) {
      const open = longBracket(src, i + 2);
      if (open > 0) {
        const close = "]" + "=".repeat(open - 2) + "]";
        const end = src.indexOf(close, i + 2 + open);
        if (end < 0) throw new Error(`unfinished long comment at offset ${i}`);
        i = end + close.length;
      } else {
        const nl = src.indexOf("\n", i);
        i = nl < 0 ? src.length : nl + 1;
      }
      continue;
    }
    const start = i;
    if (isNameStart(c)) {
      while (i < src.length && isNameChar(src[i])) i++;
      tokens.push({ kind: "name", text: src.substring(start, i), start });
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      const m = /^(0[xX][0-9a-fA-F]*(\.[0-9a-fA-F]*)?([pP][+-]?[0-9]+)?|[0-9]*\.?[0-9]*([eE][+-]?[0-9]+)?)/.exec(src.substring(i));
      i += m![0].length;
      if (i < src.length && isNameChar(src[i])) throw new Error(`malformed number at offset ${start}`);
      tokens.push({ kind: "number", text: src.substring(start, i), start });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === "\n") throw new Error(`unfinished string at offset ${start}`);
        i += src[i] === "\\" ? 2 : 1;
      }
      if (i >= src.length) throw new Error(`unfinished string at offset ${start}`);
      i++;
      tokens.push({ kind: "string", text: src.substring(start, i), start });
      continue;
    }
    const open = c === "[" ? longBracket(src, i) : 0;
    if (open > 0) {
      const close = "]" + "=".repeat(open - 2) + "]";
      const end = src.indexOf(close, i + open);
      if (end < 0) throw new Error(`unfinished long string at offset ${i}`);
      i = end + close.length;
      tokens.push({ kind: "string", text: src.substring(start, i), start });
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op === undefined) throw new Error(`unexpected character '${c}' at offset ${i}`);
    i += op.length;
    tokens.push({ kind: "op", text: op, start });
  }
  return tokens;
}

/** Character pairs that would fuse into another token if written without a space. */
const FUSING = ["--", "..", ".0", "==", "<=", ">=", "~=", "[[", "[=", "//", "::", "<<", ">>"];

/** True when `a` then `b` must be separated by whitespace to lex back as the same two tokens. */
export function needsSpace(a: LuaToken, b: LuaToken): boolean {
  const last = a.text[a.text.length - 1];
  const first = b.text[0];
  if (isNameChar(last) && isNameChar(first)) return true;
  if (a.kind === "number" && (first === "." || isNameChar(first))) return true;
  const pair = last + (/[0-9]/.test(first) ? "0" : first);
  return FUSING.includes(pair);
}
