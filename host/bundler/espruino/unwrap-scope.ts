/**
 * The firmware's names at the top level, each with a `$` in front, instead of
 * inside the wrapper function.
 *
 * Espruino gives every function defined inside another function a link to
 * the scope it was made in (one JsVar each); a function defined at the top
 * level has none. The wrapper (`(()=>{...})()`, bundle-sources.ts) made every
 * one of the firmware's functions pay it: about 95 JsVars after boot, measured
 * on the interpreter. Without it, the firmware's bindings are globals, and a
 * line typed at the console could overwrite one (`n=1` would replace a
 * function the backstop calls) or a name could shadow one of Espruino's own
 * (`E`, `D5`). Every top-level binding therefore starts with `$`, which no
 * name of Espruino's does, and which a person does not type by accident.
 *
 * The pass takes terser's output (one arrow function called at once, its
 * locals mangled), renames every binding of the arrow's own scope (its
 * declarations and every use, shorthand properties written out) and gives the
 * arrow's body as the program.
 */
import { parse, type Node } from "acorn";
import { full } from "acorn-walk";
import { analyze } from "eslint-scope";

/** What every top-level name of the firmware starts with. */
export const TOP_LEVEL_PREFIX = "$";

interface Positioned {
  type: string;
  start: number;
  end: number;
}

export function unwrapScope(code: string): string {
  const ast = parse(code, { ecmaVersion: 2022, sourceType: "script", ranges: true }) as unknown as { body: Positioned[] };
  const arrow = wrapperOf(ast.body);
  const manager = analyze(ast as never, { ecmaVersion: 2022, sourceType: "script" });
  const scope = manager.acquire(arrow as never);
  if (!scope) throw new Error("unwrap-scope: no scope for the wrapper");
  // the new names must not be a name of an inner scope (it would shadow them) or a global the bundle uses;
  // among the top-level names themselves, "$" + name is one to one
  const taken = new Set<string>();
  for (const s of manager.scopes) if (s !== scope) for (const v of s.variables) taken.add(v.name);
  for (const r of manager.globalScope!.through) taken.add(r.identifier.name);
  /** Each identifier to rewrite, by its start offset: the text it becomes. */
  const edits = new Map<number, { end: number; text: string }>();
  const shorthand = shorthandValues(ast as unknown as Node);
  for (const v of scope.variables) {
    if (v.name === "arguments") continue;
    const renamed = TOP_LEVEL_PREFIX + v.name;
    if (taken.has(renamed)) throw new Error(`unwrap-scope: ${renamed} is already a name inside the bundle or a global it uses`);
    const ids = [...v.identifiers, ...v.references.map((r) => r.identifier)] as unknown as Positioned[];
    for (const id of ids) {
      const prop = shorthand.get(id.start);
      edits.set(id.start, { end: id.end, text: prop ? `${v.name}:${renamed}` : renamed });
    }
  }
  const body = arrow.body as Positioned;
  let out = "";
  let at = body.start + 1; // inside the braces
  for (const start of [...edits.keys()].sort((a, b) => a - b)) {
    const e = edits.get(start)!;
    out += code.slice(at, start) + e.text;
    at = e.end;
  }
  return out + code.slice(at, body.end - 1);
}

/** The arrow function of `(()=>{...})()`, the program's one statement. */
function wrapperOf(body: Positioned[]): Positioned & { body: Positioned } {
  const call = (body.length === 1 && body[0].type === "ExpressionStatement" ? (body[0] as unknown as { expression: Positioned & { callee?: Positioned; arguments?: unknown[] } }).expression : null);
  const fn = call?.type === "CallExpression" && call.arguments?.length === 0 ? (call.callee as Positioned & { body: Positioned; params: unknown[] }) : null;
  if (!fn || (fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression") || fn.params.length !== 0 || fn.body.type !== "BlockStatement") {
    throw new Error("unwrap-scope: the bundle is not one wrapper function called at once");
  }
  return fn;
}

/** The value identifiers of shorthand properties (`{a}`), by start offset. */
function shorthandValues(ast: Node): Map<number, true> {
  const found = new Map<number, true>();
  full(ast, (node) => {
    const p = node as unknown as { type: string; shorthand?: boolean; value?: Positioned };
    if (p.type === "Property" && p.shorthand && p.value?.type === "Identifier") found.set(p.value.start, true);
  });
  return found;
}
