import * as acorn from "acorn";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createContext, runInContext } from "node:vm";

/**
 * Espruino pretokenisation, as EspruinoTools does it before saving code to a
 * board (`node_modules/espruino/plugins/pretokenise.js`, run here unchanged in
 * a vm context): reserved words and operators become single bytes 138..,
 * string literals `0xD1 <len> <bytes>`, integers `0xD3`/`0xD4 <b>`/`0xD5 <lo> <hi>`.
 * Espruino 2v29's lexer reads these bytes directly and keeps function code in
 * this form in RAM. The result is a latin1 string (one byte per character).
 *
 * `detokenise` is what the virtual Espruino runtime applies before running a
 * file: it reads the bytes as Espruino's lexer (jslex.c) does, NOT with
 * EspruinoTools' `untokenise`, which reads `0xD4`/`0xD5` integers unsigned
 * (`-1` would come back as `255`); jslex.c reads them as signed. And
 * `assertRoundTrip` proves for a given source that the bytes shipped mean the
 * same program: same token sequence, same values.
 */

/** Token bytes from 138 (LEX_OPERATOR_START), in jslex.c / pretokenise.js order. */
export const TOKEN_TEXTS = [
  "==", "===", "!=", "!==", "<=", "<<", "<<=", ">=", ">>", ">>>", ">>=", ">>>=", "+=", "-=", "++", "--", "*=", "/=", "%=", "&=", "&&",
  "|=", "||", "^=", "=>",
  "if", "else", "do", "while", "for", "break", "continue", "function", "return", "var", "let", "const", "this", "throw", "try",
  "catch", "finally", "true", "false", "null", "undefined", "new", "in", "instanceof", "switch", "case", "default", "delete",
  "typeof", "void", "debugger", "class", "extends", "super", "static", "of",
];
const LEX_OPERATOR_START = 138;
const LEX_RAW_STRING8 = 0xd1;
const LEX_RAW_STRING16 = 0xd2;
const LEX_RAW_INT0 = 0xd3;
const LEX_RAW_INT8 = 0xd4;
const LEX_RAW_INT16 = 0xd5;

interface PretokenisePlugin {
  tokenise(code: string): string;
}

let plugin: PretokenisePlugin | undefined;

/** The EspruinoTools plugin, loaded once, configured for Espruino 2v29 (strings and integers tokenised). */
function load(): PretokenisePlugin {
  if (plugin) return plugin;
  const file = createRequire(import.meta.url).resolve("espruino/plugins/pretokenise.js");
  const espruino = {
    Plugins: {} as { Pretokenise?: PretokenisePlugin },
    Config: { PRETOKENISE: 1, add: () => undefined },
    Core: {
      Env: { getBoardData: () => ({ VERSION: "2v29" }) },
      Config: { add: () => undefined },
      Utils: { toJSONishString: (s: string) => JSON.stringify(s), atob: (s: string) => Buffer.from(s, "base64").toString("latin1") },
    },
    addProcessor: () => undefined,
  };
  const ctx = createContext({ acorn, console, Espruino: espruino });
  runInContext(readFileSync(file, "utf8"), ctx, { filename: file });
  if (!espruino.Plugins.Pretokenise) throw new Error("EspruinoTools pretokenise plugin did not register");
  plugin = espruino.Plugins.Pretokenise;
  return plugin;
}

/** Pretokenise JavaScript source for Espruino 2v29. */
export function pretokenise(source: string): string {
  return load().tokenise(source);
}

/** Does `code` hold token bytes (>= 0x80)? Plain ASCII source does not. */
export function hasTokens(code: string): boolean {
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) >= 0x80) return true;
  return false;
}

const WORD = /[A-Za-z0-9_$]/;

/**
 * Back to JavaScript source, reading the bytes as Espruino's lexer does:
 * operator/keyword bytes as their text (a space where two words would merge),
 * raw strings as string literals, raw integers SIGNED (int8/int16).
 * Plain source is returned as is.
 */
export function detokenise(code: string): string {
  if (!hasTokens(code)) return code;
  let out = "";
  let lastToken = false;
  /** Append a token's text; a space only where a token and a word would merge. */
  const put = (text: string) => {
    if (out !== "" && WORD.test(out[out.length - 1]) && WORD.test(text[0])) out += " ";
    out += text;
    lastToken = true;
  };
  for (let i = 0; i < code.length; i++) {
    const ch = code.charCodeAt(i);
    if (ch < 0x80) {
      if (lastToken && out !== "" && WORD.test(out[out.length - 1]) && WORD.test(code[i])) out += " ";
      out += code[i];
      lastToken = false;
    } else if (ch === LEX_RAW_STRING8) {
      const len = code.charCodeAt(i + 1);
      put(JSON.stringify(code.substring(i + 2, i + 2 + len)));
      i += 1 + len;
    } else if (ch === LEX_RAW_STRING16) {
      const len = code.charCodeAt(i + 1) | (code.charCodeAt(i + 2) << 8);
      put(JSON.stringify(code.substring(i + 3, i + 3 + len)));
      i += 2 + len;
    } else if (ch === LEX_RAW_INT0) {
      put("0");
    } else if (ch === LEX_RAW_INT8) {
      put(String((code.charCodeAt(i + 1) << 24) >> 24));
      i += 1;
    } else if (ch === LEX_RAW_INT16) {
      put(String(((code.charCodeAt(i + 1) | (code.charCodeAt(i + 2) << 8)) << 16) >> 16));
      i += 2;
    } else if (ch >= LEX_OPERATOR_START && ch < LEX_OPERATOR_START + TOKEN_TEXTS.length) {
      put(TOKEN_TEXTS[ch - LEX_OPERATOR_START]);
    } else {
      throw new Error(`byte 0x${ch.toString(16)} at ${i} is not an Espruino token`);
    }
  }
  return out;
}

/** Token sequence of a source text: type label and value (or raw text), for comparing programs. */
function tokenSequence(source: string): string[] {
  const out: string[] = [];
  for (const t of acorn.tokenizer(source, { ecmaVersion: "latest" })) {
    const value = (t as { value?: unknown }).value;
    out.push(t.type.label + ":" + (value !== undefined ? String(value) : source.slice(t.start, t.end)));
  }
  return out;
}

/** Throws unless `detokenise(shipped)` is the same program as `source`, token for token. */
export function assertRoundTrip(source: string, shipped: string): void {
  const a = tokenSequence(source);
  const b = tokenSequence(detokenise(shipped));
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) throw new Error(`pretokenised bundle differs from its source at token ${i}: ${a[i]} / ${b[i]}`);
  }
}
