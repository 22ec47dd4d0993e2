import { parse, type AnyNode } from "acorn";
import { full } from "acorn-walk";
import { analyseNames } from "./espruino-scopes";

/**
 * The keyword pass (after terser): terser writes `true` as `!0`, `false` as
 * `!1` and `undefined` as `void 0`, the shortest forms in plain text. In the
 * PRETOKENISED file they are not: `true`, `false` and `undefined` are one
 * byte each (Espruino's LEX_R_TRUE / LEX_R_FALSE / LEX_R_UNDEFINED tokens),
 * `!0` is two bytes (`!`, raw int 0), `!1` three (`!`, raw int8 1) and
 * `void 0` two. Same values: `!0 === true`, `!1 === false`, `void 0 === undefined`.
 *
 * `void 0` is left alone when the file declares a name `undefined` anywhere
 * (it could shadow the global); Espruino reads `undefined` as a keyword anyway.
 */

export interface KeywordResult {
  code: string;
  /** Rewrites made: `!0`, `!1`, `void 0`. */
  trues: number;
  falses: number;
  undefineds: number;
  /** Pretokenised bytes saved (1 per `!0` and `void 0`, 2 per `!1`). */
  saved: number;
}

const WORD_CHAR = /[A-Za-z0-9_$]/;

export function keywordConstants(code: string): KeywordResult {
  const ast = parse(code, { ecmaVersion: "latest", sourceType: "script" }) as AnyNode;
  const undefinedInfo = analyseNames(ast).get("undefined");
  const undefinedIsGlobal = !undefinedInfo || !undefinedInfo.declared;
  const edits: [number, number, string][] = [];
  let trues = 0;
  let falses = 0;
  let undefineds = 0;
  full(ast, (node) => {
    if (node.type !== "UnaryExpression" || node.argument.type !== "Literal") return;
    const raw = node.argument.raw;
    if (node.operator === "!" && (raw === "0" || raw === "1")) {
      edits.push([node.start, node.end, raw === "0" ? "true" : "false"]);
      if (raw === "0") trues++;
      else falses++;
    } else if (node.operator === "void" && raw === "0" && undefinedIsGlobal) {
      edits.push([node.start, node.end, "undefined"]);
      undefineds++;
    }
  });
  edits.sort((a, b) => b[0] - a[0]);
  let out = code;
  for (const [s, e, word] of edits) {
    const before = s > 0 && WORD_CHAR.test(out[s - 1]) ? " " : "";
    const after = e < out.length && WORD_CHAR.test(out[e]) ? " " : "";
    out = out.slice(0, s) + before + word + after + out.slice(e);
  }
  if (edits.length > 0) parse(out, { ecmaVersion: "latest", sourceType: "script" });
  return { code: out, trues, falses, undefineds, saved: trues + 2 * falses + undefineds };
}
