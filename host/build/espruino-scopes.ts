import type { AnyNode } from "acorn";

/**
 * Name resolution for the bundle passes: every place an identifier name
 * occurs as a binding or a reference, and whether the name is ever FREE (a
 * reference no enclosing scope declares: a global such as `E`, `print`, `D5`).
 *
 * By name (`analyseNames`, espruino-alias.ts): a name that is never free can
 * be renamed everywhere at once to a name the file does not use at all,
 * without changing what any reference resolves to. By variable
 * (`analyseBindings`, espruino-rename.ts): each declared variable with the
 * scope declaring it and the scope of each of its occurrences.
 *
 * Scopes as ES2015 defines them: functions (parameters, `var`, and a function
 * expression's own name), blocks (`let`, `const`, `class`, and function
 * declarations in a block, counted block-scoped: stricter than Annex B, so a
 * reference is never wrongly found bound), `for` heads, `switch` bodies and
 * `catch` clauses. Patterns (destructuring, defaults, rest) are refused: the
 * dialect gate refuses them in the bundle anyway.
 */

export interface NameOccurrence {
  start: number;
  end: number;
  /** The value of a shorthand property `{n}`: renaming it must keep the key (`{n:m}`). */
  shorthand: boolean;
}

export interface NameInfo {
  occurrences: NameOccurrence[];
  /** Some reference to this name is not declared by any enclosing scope. */
  free: boolean;
  /** Some scope declares this name. */
  declared: boolean;
}

/** A scope of the script: `parent` null for the global scope. */
export interface Scope {
  names: Set<string>;
  parent: Scope | null;
}

/** One declared variable: its name, the scope declaring it, every occurrence (the declaration included) with the scope it is in. */
export interface Binding {
  name: string;
  scope: Scope;
  occurrences: (NameOccurrence & { scope: Scope })[];
}

/** Every variable of a parsed script, and every free name (a global it reads). */
export interface Bindings {
  bindings: Binding[];
  free: Set<string>;
}

/** Every identifier name of a parsed script: where it occurs, and whether it is ever free. */
export function analyseNames(program: AnyNode): Map<string, NameInfo> {
  const info = new Map<string, NameInfo>();
  const entry = (name: string): NameInfo => {
    let e = info.get(name);
    if (!e) info.set(name, (e = { occurrences: [], free: false, declared: false }));
    return e;
  };
  const walked = walkNames(program);
  for (const o of walked.occurrences) {
    const e = entry(o.name);
    e.occurrences.push({ start: o.start, end: o.end, shorthand: o.shorthand });
    if (!o.binding) e.free = true;
  }
  for (const sc of walked.scopes) for (const name of sc.names) entry(name).declared = true;
  return info;
}

/** Every variable of a parsed script (espruino-rename.ts renames them), in order of first occurrence. */
export function analyseBindings(program: AnyNode): Bindings {
  const bindings = new Map<Scope, Map<string, Binding>>();
  const free = new Set<string>();
  const out: Binding[] = [];
  for (const o of walkNames(program).occurrences) {
    const occurrence = { start: o.start, end: o.end, shorthand: o.shorthand, scope: o.scope };
    if (!o.binding) {
      free.add(o.name);
      continue;
    }
    let inScope = bindings.get(o.binding);
    if (!inScope) bindings.set(o.binding, (inScope = new Map()));
    let b = inScope.get(o.name);
    if (!b) {
      inScope.set(o.name, (b = { name: o.name, scope: o.binding, occurrences: [] }));
      out.push(b);
    }
    b.occurrences.push(occurrence);
  }
  return { bindings: out, free };
}

interface WalkedOccurrence extends NameOccurrence {
  name: string;
  /** The scope the occurrence is in. */
  scope: Scope;
  /** The scope declaring the name it resolves to, null when free. */
  binding: Scope | null;
}

/** Walk a script: every identifier occurrence, resolved, and every scope. */
function walkNames(program: AnyNode): { occurrences: WalkedOccurrence[]; scopes: Scope[] } {
  const occurrences: WalkedOccurrence[] = [];
  const scopes: Scope[] = [];
  const newScope = (parent: Scope | null, names: string[] = []): Scope => {
    const sc: Scope = { names: new Set(names), parent };
    scopes.push(sc);
    return sc;
  };
  const occur = (id: AnyNode, scope: Scope, shorthand = false): void => {
    if (id.type !== "Identifier") throw new Error(`scopes: unsupported binding ${id.type} at ${id.start}`);
    occurrences.push({ name: id.name, start: id.start, end: id.end, shorthand, scope, binding: resolve(scope, id.name) });
  };

  const visitFunction = (fn: Extract<AnyNode, { type: "FunctionDeclaration" | "FunctionExpression" | "ArrowFunctionExpression" }>, outer: Scope): void => {
    let scope = outer;
    if (fn.type === "FunctionExpression" && fn.id) {
      scope = newScope(outer, [fn.id.name]);
      occur(fn.id, scope);
    } else if (fn.type === "FunctionDeclaration" && fn.id) {
      occur(fn.id, outer);
    }
    const inner = newScope(scope);
    for (const p of fn.params) declare(inner, p);
    for (const p of fn.params) occur(p, inner);
    if (fn.body.type === "BlockStatement") {
      hoistVars(fn.body.body, inner);
      declareLexical(fn.body.body, inner);
      for (const s of fn.body.body) visit(s, inner);
    } else {
      visit(fn.body, inner);
    }
  };

  const visit = (node: AnyNode, scope: Scope): void => {
    switch (node.type) {
      case "Identifier":
        occur(node, scope);
        return;
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        visitFunction(node, scope);
        return;
      case "BlockStatement": {
        const s = newScope(scope);
        declareLexical(node.body, s);
        for (const st of node.body) visit(st, s);
        return;
      }
      case "ForStatement":
      case "ForInStatement":
      case "ForOfStatement": {
        const s = newScope(scope);
        const head = node.type === "ForStatement" ? node.init : node.left;
        if (head && head.type === "VariableDeclaration" && head.kind !== "var") for (const d of head.declarations) declare(s, d.id);
        for (const child of children(node)) visit(child, s);
        return;
      }
      case "SwitchStatement": {
        visit(node.discriminant, scope);
        const s = newScope(scope);
        declareLexical(node.cases.flatMap((c) => c.consequent), s);
        for (const c of node.cases) visit(c, s);
        return;
      }
      case "CatchClause": {
        const s = newScope(scope);
        if (node.param) {
          declare(s, node.param);
          occur(node.param, s);
        }
        visit(node.body, s);
        return;
      }
      case "ClassDeclaration":
      case "ClassExpression": {
        let s = scope;
        if (node.id) {
          if (node.type === "ClassExpression") s = newScope(scope, [node.id.name]);
          occur(node.id, s);
        }
        if (node.superClass) visit(node.superClass, scope);
        visit(node.body, s);
        return;
      }
      case "MemberExpression":
        visit(node.object, scope);
        if (node.computed) visit(node.property, scope);
        return;
      case "Property":
        if (node.shorthand && node.value.type === "Identifier") {
          occur(node.value, scope, true);
          return;
        }
        if (node.computed) visit(node.key, scope);
        visit(node.value, scope);
        return;
      case "MethodDefinition":
      case "PropertyDefinition":
        if (node.computed) visit(node.key, scope);
        if (node.value) visit(node.value, scope);
        return;
      case "LabeledStatement":
        visit(node.body, scope);
        return;
      case "BreakStatement":
      case "ContinueStatement":
      case "MetaProperty":
        return;
      default:
        for (const child of children(node)) visit(child, scope);
    }
  };

  if (program.type !== "Program") throw new Error("scopes: expected a Program");
  const global = newScope(null);
  hoistVars(program.body, global);
  declareLexical(program.body, global);
  for (const s of program.body) visit(s, global);
  return { occurrences, scopes };
}

/** The nearest scope from `scope` outwards that declares `name`, or null (free). */
function resolve(scope: Scope | null, name: string): Scope | null {
  for (let s = scope; s; s = s.parent) if (s.names.has(name)) return s;
  return null;
}

function declare(scope: Scope, pattern: AnyNode): void {
  if (pattern.type !== "Identifier") throw new Error(`scopes: unsupported binding ${pattern.type} at ${pattern.start}`);
  scope.names.add(pattern.name);
}

/** `var` declarations in these statements and their nested blocks, not in nested functions. */
function hoistVars(statements: AnyNode[], scope: Scope): void {
  const walk = (node: AnyNode): void => {
    if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") return;
    if (node.type === "VariableDeclaration" && node.kind === "var") for (const d of node.declarations) declare(scope, d.id);
    for (const child of children(node)) walk(child);
  };
  for (const s of statements) walk(s);
}

/** `let`, `const`, `class` and function declarations made directly in these statements. */
function declareLexical(statements: AnyNode[], scope: Scope): void {
  for (const s of statements) {
    if (s.type === "VariableDeclaration" && s.kind !== "var") for (const d of s.declarations) declare(scope, d.id);
    if ((s.type === "FunctionDeclaration" || s.type === "ClassDeclaration") && s.id) declare(scope, s.id);
  }
}

/** Child nodes of an ESTree node, in source order. */
function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const key of Object.keys(node)) {
    const v = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      for (const x of v) if (x && typeof x === "object" && "type" in x) out.push(x as AnyNode);
    } else if (v && typeof v === "object" && "type" in v) {
      out.push(v as AnyNode);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
