import { parse, type AnyNode } from "acorn";
import { fullAncestor } from "acorn-walk";
import { analyseNames, type NameInfo } from "./espruino-scopes";
import { TOKEN_TEXTS } from "./espruino-tokens";

/**
 * The alias pass (after terser, before the build id is stamped): inside the
 * bundle's `(()=>{...})()` wrapper, one `const` per repeated string, in the
 * spirit of Closure Compiler's alias-strings / alias-externals:
 *
 *   x.length, y.length  ->  x[A], y[A]     (built-in member names read by name)
 *   "edge" ... "edge"    ->  B ... B        (string literals)
 *   const A="length",B="edge";             (first statement of the wrapper)
 *
 * `Math` (read by name everywhere) gets one too: `const C=Math`.
 *
 * A name read as a member and used as a literal shares one alias. The costs
 * are counted as the PRETOKENISED file counts them (espruino-tokens.ts): a
 * string literal is `len + 2` bytes, `.name` is `1 + len`, `[A]` is
 * `2 + |A|`, an identifier its length, the declaration `|A| + len + 4` per
 * alias plus 1 for `const`/`;`. An alias is kept only when it saves bytes;
 * the shortest names go to the aliases used most. terser leaves no
 * one-character name unused, so the pass frees some: a local name used in
 * few places (never a global) is renamed everywhere to an unused
 * two-character name, when the one-character alias gains more than the
 * rename costs (espruino-scopes.ts resolves every name first). The plan with
 * the most bytes saved wins; the figures are exact (tested against
 * `pretokenise`). The build's rename pass (espruino-rename.ts) then hands out
 * every local name again by use, aliases included: the renames here decide
 * which aliases pay (without them the bundle is 29 bytes larger).
 *
 * Meaning is preserved:
 * - alias names are fresh: no identifier anywhere in the file has that name
 *   (bindings and references, any scope), so nothing can shadow an alias and
 *   no alias shadows a name the code uses; words Espruino tokenises (`of`,
 *   `if`, `do`, `in`...) are never used;
 * - `x[A](...)` is a method call as `x.name(...)` is (same `this`); member
 *   names are aliased only where they are READ (never an assignment, update
 *   or `delete` target) and only for members of ECMAScript built-ins
 *   (`ALIASABLE_MEMBERS`): Espruino API and protocol names stay readable by
 *   name in the bundle (build.test.ts reads them there);
 * - data records keep their literals: an object literal whose values are
 *   all constants (the baked board's pins `{r:"fob1.unlock",i:16,c:"high"}`)
 *   reads in the bundle as it was written (19 bytes on the 12,899-byte bundle);
 * - never touched: object-literal and class keys, `require("...")`
 *   arguments (EspruinoTools and Espruino look modules up by that text),
 *   directive prologues (`"ram"`, `"compiled"` at the top of a function),
 *   strings that are not 8-bit (they are not pretokenised);
 * - the const is the wrapper's first statement, so it is set before any
 *   other code of the bundle runs, and `s += "x"` on a string another
 *   variable also holds copies (jsparse.c appends in place only when the
 *   string has one reference), so sharing one string is safe.
 */

/**
 * Member names of ECMAScript built-ins (String, Array, Math, Object, Number,
 * Function, JSON) that may be aliased. Names of 3 characters or fewer
 * (`max`, `min`, `pop`, `map`...) are not listed: `[A]` saves at most one
 * byte a use over `.max`, and those are Espruino API names the build test
 * reads by name.
 */
export const ALIASABLE_MEMBERS: readonly string[] = [
  // String.prototype
  "length", "charAt", "charCodeAt", "indexOf", "lastIndexOf", "substring", "substr", "slice", "split", "toUpperCase",
  "toLowerCase", "trim", "replace", "startsWith", "endsWith", "includes", "padStart", "padEnd", "repeat",
  // Array.prototype
  "push", "shift", "unshift", "join", "concat", "splice", "sort", "reverse", "filter", "forEach",
  "reduce", "some", "every", "find", "findIndex", "fill",
  // Math, Number, Object, Function, JSON
  "floor", "round", "ceil", "random", "sqrt", "toString", "toFixed", "keys", "assign",
  "hasOwnProperty", "call", "apply", "bind", "stringify", "parse",
];

/**
 * Global objects that may be aliased (`const X=Math`): namespace objects of
 * ECMAScript that nothing reassigns. Global FUNCTIONS are not aliased: the
 * virtual board and tests may replace a global (timers, pins) after load, and
 * an alias would keep the old one.
 */
export const ALIASABLE_GLOBALS: readonly string[] = ["Math", "JSON"];

export interface Alias {
  /** The const's name. */
  name: string;
  /** What it holds: a string, or a global object (`const X=Math`). */
  kind: "string" | "global";
  /** The string, or the global's name. */
  value: string;
  /** `x.value` reads rewritten to `x[name]`. */
  memberUses: number;
  /** `"value"` literals (or references of the global) rewritten to `name`. */
  literalUses: number;
  /** Pretokenised bytes this alias saves, its share of the declaration included. */
  saved: number;
}

export interface AliasResult {
  /** The rewritten source (the input itself when nothing pays). */
  code: string;
  /** Aliases made, most used first. */
  aliases: Alias[];
  /** One-character names the file used, renamed everywhere to free them for aliases. */
  renamed: Rename[];
  /** Pretokenised bytes saved in all (the `const ...;` statement and the renames included). */
  saved: number;
}

export interface Rename {
  from: string;
  to: string;
  occurrences: number;
}

export interface AliasOptions {
  /** Member names that may be aliased; default `ALIASABLE_MEMBERS`. */
  members?: readonly string[];
  /** Global objects that may be aliased where the file never declares their name; default `ALIASABLE_GLOBALS`. */
  globals?: readonly string[];
  /**
   * Leave the literals of data records alone: object literals whose values
   * are all constants, such as the baked board's pins `{r:"fob1.unlock",i:16,c:"high"}`,
   * so they read in the bundle as they were written (default true).
   */
  keepRecords?: boolean;
  /** Free one-character names for the aliases by renaming names the file uses (default true). */
  freeShortNames?: boolean;
}

/** Characters an identifier may start with, then continue with. */
export const FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$";
export const NEXT = FIRST + "0123456789";
/** Words that must not name an alias: Espruino's tokens and the reserved words of JavaScript. */
export const RESERVED = new Set([
  ...TOKEN_TEXTS,
  "enum", "await", "implements", "package", "protected", "interface", "private", "public", "yield", "import", "export",
  "arguments", "eval", "as", "get", "set", "let", "async", "from",
]);
const WORD_CHAR = /[A-Za-z0-9_$]/;

interface Group {
  /** A string, or the name of a global object (`global`). */
  kind: "string" | "global";
  value: string;
  /** [start, end) of `.name` (from the dot) for member uses. */
  members: [number, number][];
  /** [start, end) of each literal, or of each reference of the global. */
  literals: { start: number; end: number }[];
}

/**
 * Alias repeated built-in member names and string literals of a bundle whose
 * only statement is `(()=>{...})()` (terser's output for the Espruino build).
 * Returns the input unchanged when it has another shape or when no alias pays.
 */
export function aliasRepeatedStrings(code: string, options: AliasOptions = {}): AliasResult {
  const unchanged: AliasResult = { code, aliases: [], renamed: [], saved: 0 };
  const ast = parse(code, { ecmaVersion: "latest", sourceType: "script" }) as AnyNode;
  const body = wrapperBody(ast);
  if (!body) return unchanged;
  const members = new Set(options.members ?? ALIASABLE_MEMBERS);
  const keepRecords = options.keepRecords ?? true;
  const groups = new Map<string, Group>();
  const group = (kind: Group["kind"], value: string): Group => {
    const key = kind + ":" + value;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { kind, value, members: [], literals: [] }));
    return g;
  };
  fullAncestor(ast, (node, _state, ancestors) => {
    const parent = ancestors[ancestors.length - 2] as AnyNode | undefined;
    if (node.type === "MemberExpression" && !node.computed && !node.optional && node.property.type === "Identifier" &&
        node.object.type !== "Super" && members.has(node.property.name) && !isWriteTarget(node, parent)) {
      group("string", node.property.name).members.push([dotBefore(code, node.property.start), node.property.end]);
    }
    if (node.type === "Literal" && typeof node.value === "string" && isEightBit(node.value) && !mustStayLiteral(node, parent) &&
        !(keepRecords && isRecordValue(node, parent, ancestors[ancestors.length - 3] as AnyNode | undefined))) {
      group("string", node.value).literals.push({ start: node.start, end: node.end });
    }
  });
  const names = analyseNames(ast);
  for (const name of options.globals ?? ALIASABLE_GLOBALS) {
    const info = names.get(name);
    if (info && info.free && !info.declared && !info.occurrences.some((o) => o.shorthand)) group("global", name).literals.push(...info.occurrences);
  }
  const plan = bestPlan([...groups.values()], names, options.freeShortNames ?? true);
  if (plan.saved <= 0) return unchanged;

  const edits: [number, number, string][] = [];
  for (const r of plan.renamed) {
    for (const o of names.get(r.from)!.occurrences) edits.push([o.start, o.end, o.shorthand ? r.from + ":" + r.to : r.to]);
  }
  for (const a of plan.aliases) {
    const g = groups.get(a.kind + ":" + a.value)!;
    for (const [s, e] of g.members) edits.push([s, e, "[" + a.name + "]"]);
    for (const { start: s, end: e } of g.literals) {
      const before = s > 0 && WORD_CHAR.test(code[s - 1]) ? " " : "";
      const after = e < code.length && WORD_CHAR.test(code[e]) ? " " : "";
      edits.push([s, e, before + a.name + after]);
    }
  }
  const declaration = "const " + plan.aliases.map((a) => a.name + "=" + (a.kind === "string" ? JSON.stringify(a.value) : a.value)).join(",") + ";";
  edits.push([body.insertAt, body.insertAt, declaration]);
  edits.sort((x, y) => y[0] - x[0]);
  let out = code;
  for (const [s, e, text] of edits) out = out.slice(0, s) + text + out.slice(e);
  parse(out, { ecmaVersion: "latest", sourceType: "script" }); // throws if an edit broke the syntax
  return { code: out, aliases: plan.aliases, renamed: plan.renamed, saved: plan.saved };
}

interface Plan {
  aliases: Alias[];
  renamed: Rename[];
  /** Net pretokenised bytes saved: aliases, minus 1 for `const ;`, minus the renames. */
  saved: number;
}

/**
 * The best plan over k = 0, 1, 2... one-character names: the file's unused
 * ones first, then those freed by renaming a name the file uses, cheapest
 * (fewest occurrences) first. A name can be freed only when it is never free
 * (never a global), and it is renamed everywhere to a two-character name the
 * file does not use: the same bindings, the same references.
 */
function bestPlan(groups: Group[], names: Map<string, NameInfo>, freeShortNames: boolean): Plan {
  const used = new Set(names.keys());
  const long: string[] = [];
  for (const a of FIRST) for (const b of NEXT) if (!used.has(a + b) && !RESERVED.has(a + b)) long.push(a + b);
  const short: { name: string; cost: number }[] = [];
  for (const c of FIRST) {
    const info = names.get(c);
    if (!info) short.push({ name: c, cost: 0 });
    else if (freeShortNames && !info.free) short.push({ name: c, cost: info.occurrences.reduce((n, o) => n + (o.shorthand ? 3 : 1), 0) });
  }
  short.sort((a, b) => a.cost - b.cost || (a.name < b.name ? -1 : 1));
  let best: Plan = { aliases: [], renamed: [], saved: 0 };
  for (let k = 0; k <= short.length; k++) {
    const renameCount = short.slice(0, k).filter((s) => s.cost > 0).length;
    const targets = long.slice(long.length - renameCount);
    const aliases = choose(groups, [...short.slice(0, k).map((s) => s.name), ...long.slice(0, long.length - renameCount)]);
    if (aliases.length === 0) continue;
    const renamed: Rename[] = [];
    let cost = 0;
    for (const s of short.slice(0, k)) {
      if (s.cost === 0 || !aliases.some((a) => a.name === s.name)) continue;
      renamed.push({ from: s.name, to: targets[renamed.length], occurrences: names.get(s.name)!.occurrences.length });
      cost += s.cost;
    }
    const saved = aliases.reduce((n, a) => n + a.saved, 0) - 1 - cost;
    if (saved > best.saved) best = { aliases, renamed, saved };
  }
  return best;
}

/** Pretokenised bytes of a string literal holding `value` (8-bit: EspruinoTools' raw string token). */
export function literalBytes(value: string): number {
  if (value.length === 0) return 2;
  return value.length < 256 ? value.length + 2 : value.length + 3;
}

/** Saving of one alias named `name` over its group, its declaration `name=<value>,` deducted. */
function saving(g: Group, name: string): number {
  const s = g.kind === "string" ? literalBytes(g.value) : g.value.length;
  const perMember = 1 + g.value.length - (2 + name.length);
  const perLiteral = s - name.length;
  return g.members.length * perMember + g.literals.length * perLiteral - (name.length + 2 + s);
}

/**
 * Names for the profitable groups: most uses first get the shortest names;
 * groups that do not pay with the name they get are dropped and the names
 * handed out again, until every alias left pays.
 */
function choose(groups: Group[], names: string[]): Alias[] {
  let live = groups.filter((g) => g.members.length + g.literals.length >= 2);
  live.sort((a, b) => b.members.length + b.literals.length - (a.members.length + a.literals.length) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  for (;;) {
    const kept = live.filter((g, i) => i < names.length && saving(g, names[i]) > 0);
    if (kept.length === live.length) break;
    live = kept;
  }
  return live.map((g, i) => ({
    name: names[i],
    kind: g.kind,
    value: g.value,
    memberUses: g.members.length,
    literalUses: g.literals.length,
    saved: saving(g, names[i]),
  }));
}

/** The body of the wrapper `(()=>{...})()` / `(function(){...})()`, and where the declaration goes. */
function wrapperBody(ast: AnyNode): { insertAt: number } | null {
  if (ast.type !== "Program" || ast.body.length !== 1) return null;
  const stmt = ast.body[0];
  if (stmt.type !== "ExpressionStatement" || stmt.expression.type !== "CallExpression") return null;
  const call = stmt.expression;
  const fn = call.callee;
  if (call.arguments.length !== 0) return null;
  if (fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression") return null;
  if (fn.body.type !== "BlockStatement" || fn.params.length !== 0) return null;
  let insertAt = fn.body.start + 1;
  for (const s of fn.body.body) {
    if (s.type === "ExpressionStatement" && s.directive !== undefined) insertAt = s.end;
    else break;
  }
  return { insertAt };
}

/** A string value of an object literal whose every value is a literal (a data record). */
function isRecordValue(node: AnyNode, parent: AnyNode | undefined, grandparent: AnyNode | undefined): boolean {
  if (!parent || parent.type !== "Property" || parent.value !== node || !grandparent || grandparent.type !== "ObjectExpression") return false;
  return grandparent.properties.every((p) => p.type === "Property" && p.value.type === "Literal");
}

/** Is this member expression written (assigned, updated, deleted, a for-in/of target)? */
function isWriteTarget(node: AnyNode, parent: AnyNode | undefined): boolean {
  if (!parent) return false;
  if (parent.type === "AssignmentExpression") return parent.left === node;
  if (parent.type === "UpdateExpression") return true;
  if (parent.type === "UnaryExpression") return parent.operator === "delete";
  if (parent.type === "ForInStatement" || parent.type === "ForOfStatement") return parent.left === node;
  return false;
}

/** Literals that must keep their text: keys, require() arguments, directives. */
function mustStayLiteral(node: AnyNode, parent: AnyNode | undefined): boolean {
  if (!parent) return true;
  if ((parent.type === "Property" || parent.type === "MethodDefinition" || parent.type === "PropertyDefinition") && parent.key === node) return true;
  if (parent.type === "CallExpression" && parent.callee.type === "Identifier" && parent.callee.name === "require") return true;
  if (parent.type === "ExpressionStatement" && parent.directive !== undefined) return true;
  if (parent.type === "ImportExpression" || parent.type === "ImportDeclaration" || parent.type === "ExportAllDeclaration" || parent.type === "ExportNamedDeclaration") return true;
  return false;
}

/** Where the `.` before a member name is (terser writes none, but whitespace is allowed). */
function dotBefore(code: string, propertyStart: number): number {
  let i = propertyStart - 1;
  while (i >= 0 && /\s/.test(code[i])) i--;
  if (code[i] !== ".") throw new Error(`alias: no '.' before the member name at ${propertyStart}`);
  return i;
}

function isEightBit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) return false;
  return true;
}
