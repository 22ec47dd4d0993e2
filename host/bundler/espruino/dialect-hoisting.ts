/**
 * The dialect gate's hoisting rule. Espruino does not hoist function
 * declarations: a declaration takes effect when execution reaches it, so a
 * call (or any use) that runs before it finds nothing ("f" is not defined) or
 * an outer binding of the same name ("Function "u" not found!"). This finds,
 * with eslint-scope's bindings, every use of a declared function that can run
 * before the declaration:
 *
 *   a use in statement i of the list that declares the function at statement d,
 *   with i < d, unless statements i .. d-1 are all function declarations
 *   (then nothing runs between them, as after terser's `hoist_funs`).
 *
 * Nor does it hoist `var`: `x = 1; var x` assigns an outer `x` (a global, or
 * whatever the enclosing scopes hold under that name). `earlyVarUses` finds
 * every use of a `var` in its own function placed before the declaration.
 */
import type { Node } from "acorn";
import { full } from "acorn-walk";
import { analyze } from "eslint-scope";

/** A use of a function that can run before its declaration. */
export interface EarlyUse {
  name: string;
  /** Where the use is (0-based offset). */
  offset: number;
  /** Where the declaration is. */
  declaredAt: number;
}

interface Positioned {
  type: string;
  start: number;
  end: number;
}

/** Every use of a declared function placed before its declaration can run, in file order. */
export function earlyFunctionUses(ast: Node): EarlyUse[] {
  const lists = statementListsOf(ast);
  const manager = analyze(ast as never, { ecmaVersion: 2022, sourceType: "script" });
  const found: EarlyUse[] = [];
  for (const scope of manager.scopes) {
    for (const ref of scope.references) {
      const def = ref.resolved?.defs[0];
      if (!def || def.type !== "FunctionName") continue;
      const decl = def.node as unknown as Positioned;
      const list = lists.get(decl);
      const use = (ref.identifier as unknown as Positioned).start;
      if (list && runsBefore(list, decl, use)) found.push({ name: ref.identifier.name, offset: use, declaredAt: decl.start });
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** Every use of a `var` variable, in the function that declares it, placed before its declaration. */
export function earlyVarUses(ast: Node): EarlyUse[] {
  const manager = analyze(ast as never, { ecmaVersion: 2022, sourceType: "script" });
  const found: EarlyUse[] = [];
  for (const scope of manager.scopes) {
    for (const ref of scope.references) {
      const variable = ref.resolved;
      const def = variable?.defs[0];
      if (!variable || !def || def.type !== "Variable" || (def.parent as unknown as { kind: string }).kind !== "var") continue;
      if (ref.from.variableScope !== variable.scope.variableScope) continue; // a nested function runs later
      const declared = (def.name as unknown as Positioned).start;
      const use = (ref.identifier as unknown as Positioned).start;
      if (use < declared) found.push({ name: ref.identifier.name, offset: use, declaredAt: declared });
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** Whether a use at `offset`, in `list`, can run before `decl` (a statement of `list`) is reached. */
function runsBefore(list: Positioned[], decl: Positioned, offset: number): boolean {
  const d = list.indexOf(decl);
  const i = list.findIndex((s) => s.start <= offset && offset < s.end);
  if (i < 0 || i >= d) return false;
  for (let k = i; k < d; k++) if (list[k].type !== "FunctionDeclaration") return true;
  return false;
}

/** Each function declaration mapped to the statement list it stands in. */
function statementListsOf(ast: Node): Map<Positioned, Positioned[]> {
  const lists = new Map<Positioned, Positioned[]>();
  const note = (list: Positioned[]) => {
    for (const s of list) if (s.type === "FunctionDeclaration") lists.set(s, list);
  };
  full(ast, (node) => {
    const n = node as unknown as { type: string; body?: unknown; consequent?: unknown };
    if ((n.type === "Program" || n.type === "BlockStatement" || n.type === "StaticBlock") && Array.isArray(n.body)) note(n.body as Positioned[]);
    if (n.type === "SwitchCase") note(n.consequent as Positioned[]);
  });
  return lists;
}
