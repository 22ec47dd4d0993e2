import { analyseLua, type LuaBinding } from "./lua-scopes";
import { needsSpace, tokenizeLua, type LuaToken } from "./lua-tokens";

/**
 * The Lua minifier of the NodeMCU build. It keeps the token stream of the
 * input exactly (same operators, parentheses, strings, numbers, field names,
 * globals) and changes only:
 *   - whitespace and comments: dropped, except the separators Lua needs;
 *   - local variable names: renamed to the shortest names that cannot clash
 *     (a new name never captures a global or another local at any place the
 *     variable is used);
 *   - runs of `local a = x` `local b = y` (one name, one value each, no
 *     value using a name declared earlier in the run): one statement,
 *     `local a, b = x, y` (values are evaluated in the same order);
 *   - parentheses around a concatenation that is the left operand of another
 *     (`(a .. b) .. c`, as typescript-to-lua writes a chain): dropped, so the
 *     chain is one CONCAT instruction (`..` is right-associative; string
 *     concatenation gives the same string either way);
 *   - lines: wrapped at `maxLine` characters, never before a `(` (Lua 5.1
 *     reads a line starting with `(` after an expression as ambiguous).
 * So the output runs like the input, on Lua 5.1 and 5.3 (no `__concat`
 * metamethods assumed: the firmware concatenates strings and numbers only).
 */

export interface MinifyOptions {
  /** Longest output line (line-based NodeMCU uploaders type each line at the prompt). Default 200. */
  maxLine?: number;
}

const KEYWORDS = new Set("and break do else elseif end false for function goto if in local nil not or repeat return then true until while".split(" "));
const FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
const REST = FIRST + "0123456789";

/** The n-th short name: a..z, A..Z, _, then two characters, and so on. */
function shortName(n: number): string {
  let name = FIRST[n % FIRST.length];
  n = Math.floor(n / FIRST.length);
  while (n > 0) {
    n--;
    name += REST[n % REST.length];
    n = Math.floor(n / REST.length);
  }
  return name;
}

/** True when some use of `b` lies in [from, to]. */
function usedWithin(b: LuaBinding, from: number, to: number): boolean {
  for (const s of b.sites) if (s >= from && s <= to) return true;
  return false;
}

/**
 * True when `a` and `b` cannot share a name: they are visible at the same
 * place and one is used where the other, declared later or deeper, would
 * hide it (or they are declared at the same place).
 */
function clash(a: LuaBinding, b: LuaBinding): boolean {
  if (a.start === b.start) return true;
  const [outer, inner] = a.start < b.start ? [a, b] : [b, a];
  if (inner.start > outer.end) return false;
  return usedWithin(outer, inner.start, inner.end);
}

/** New names for every binding: most used first, each the first short name no clashing binding took. */
function assignNames(bindings: LuaBinding[], reserved: Set<string>): Map<LuaBinding, string> {
  const names = new Map<LuaBinding, string>();
  const done: LuaBinding[] = [];
  for (const b of bindings) if (b.fixed) {
    names.set(b, b.name);
    done.push(b);
  }
  const order = bindings.filter((b) => !b.fixed).sort((x, y) => y.sites.length - x.sites.length || x.start - y.start);
  for (const b of order) {
    const taken = new Set<string>();
    for (const d of done) if (clash(b, d)) taken.add(names.get(d)!);
    let n = 0;
    let name = shortName(n);
    while (taken.has(name) || reserved.has(name)) name = shortName(++n);
    names.set(b, name);
    done.push(b);
  }
  return names;
}

// luaparse nodes, loosely typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;

/** Call `fn` on every node of the AST below `node`. */
function walk(node: Node, fn: (n: Node) => void): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, fn);
    return;
  }
  if (typeof node.type === "string") fn(node);
  for (const key of Object.keys(node)) if (key !== "range") walk(node[key], fn);
}

/**
 * Offsets of the parenthesis tokens around every concatenation that is the
 * left operand of a concatenation: `(a .. b) .. c` loses its two parentheses.
 */
function redundantConcatParens(ast: Node, tokens: LuaToken[]): Set<number> {
  const at = new Map<number, number>();
  tokens.forEach((t, i) => at.set(t.start, i));
  const drop = new Set<number>();
  walk(ast, (e) => {
    if (e.type !== "BinaryExpression" || e.operator !== ".." || e.left.type !== "BinaryExpression" || e.left.operator !== "..") return;
    const left = e.left;
    if (left.range[0] === e.range[0]) return;
    let open = at.get(left.range[0])! - 1;
    let close = open + 1;
    while (tokens[close].start < left.range[1]) close++;
    while (open >= 0 && tokens[open].text === "(" && tokens[open].start >= e.range[0] && tokens[close]?.text === ")") {
      drop.add(tokens[open].start);
      drop.add(tokens[close].start);
      open--;
      close++;
    }
  });
  return drop;
}

/** True when some identifier inside `node` refers to one of `bindings`. */
function refersTo(node: Node, bindings: Set<LuaBinding>, bindingAt: Map<number, LuaBinding>): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.type === "Identifier" && bindings.has(bindingAt.get(n.range[0])!)) found = true;
  });
  return found;
}

/**
 * The token stream with every mergeable run of single `local` statements
 * written as one: `local a = x local b = y` -> `local a , b = x , y`.
 */
function mergeLocalRuns(ast: Node, bindingAt: Map<number, LuaBinding>, tokens: LuaToken[]): LuaToken[] {
  const at = new Map<number, number>();
  tokens.forEach((t, i) => at.set(t.start, i));
  /** First token index of a run -> the tokens that replace the run, and the index after it. */
  const replace = new Map<number, { tokens: LuaToken[]; next: number }>();
  const single = (st: Node): boolean => st.type === "LocalStatement" && st.variables.length === 1 && st.init.length === 1;
  const emitRun = (run: Node[]): void => {
    if (run.length < 2) return;
    const first = at.get(run[0].range[0])!;
    const names: LuaToken[] = [];
    const values: LuaToken[] = [];
    let next = first;
    run.forEach((st, i) => {
      const local = at.get(st.range[0])!;
      const name = tokens[local + 1];
      if (tokens[local].text !== "local" || tokens[local + 2].text !== "=") throw new Error("Lua minifier: unexpected local statement tokens");
      if (i > 0) {
        names.push({ kind: "op", text: ",", start: -1 });
        values.push({ kind: "op", text: ",", start: -1 });
      }
      names.push(name);
      let j = local + 3;
      while (j < tokens.length && tokens[j].start < st.range[1]) values.push(tokens[j++]);
      next = j;
    });
    replace.set(first, { tokens: [tokens[first], ...names, tokens[first + 2], ...values], next });
  };
  walk(ast, (n) => {
    if (!Array.isArray(n.body)) return;
    let run: Node[] = [];
    const declared = new Set<LuaBinding>();
    for (const st of n.body) {
      if (!single(st)) {
        emitRun(run);
        run = [];
        declared.clear();
        continue;
      }
      if (refersTo(st.init, declared, bindingAt)) {
        emitRun(run);
        run = [];
        declared.clear();
      }
      run.push(st);
      declared.add(bindingAt.get(st.variables[0].range[0])!);
    }
    emitRun(run);
  });
  const out: LuaToken[] = [];
  for (let i = 0; i < tokens.length; ) {
    const r = replace.get(i);
    if (r === undefined) out.push(tokens[i++]);
    else {
      out.push(...r.tokens);
      i = r.next;
    }
  }
  return out;
}

/** Minify Lua source (see above). Throws on Lua that does not parse. */
export function minifyLua(src: string, options: MinifyOptions = {}): string {
  const maxLine = options.maxLine ?? 200;
  const scopes = analyseLua(src);
  const reserved = new Set<string>([...KEYWORDS, ...scopes.globals, "self", "arg"]);
  const names = assignNames(scopes.bindings, reserved);
  const tokens = tokenizeLua(src);
  const dropped = redundantConcatParens(scopes.ast, tokens);
  let out = "";
  let line = 0;
  let prev: LuaToken | undefined;
  for (const t of mergeLocalRuns(scopes.ast, scopes.bindingAt, tokens)) {
    if (dropped.has(t.start)) continue;
    const b = t.kind === "name" ? scopes.bindingAt.get(t.start) : undefined;
    const tok: LuaToken = b !== undefined ? { ...t, text: names.get(b)! } : t;
    if (prev !== undefined) {
      if (line + tok.text.length >= maxLine && tok.text !== "(") {
        out += "\n";
        line = 0;
      } else if (needsSpace(prev, tok)) {
        out += " ";
        line++;
      }
    }
    out += tok.text;
    line += tok.text.length;
    prev = tok;
  }
  return out + "\n";
}
