import { parse, type AnyNode, type Node } from "acorn";
import { full } from "acorn-walk";
import { earlyFunctionUses, earlyVarUses } from "./dialect-hoisting";

/**
 * The dialect gate: parses a JavaScript file and lists every construct that
 * Espruino 2v29 rejects (the "fails" column of shared/espruino-dialect.md),
 * plus two silent traps: `let` loop variables captured by closures, and
 * `let`/`const` in a `switch` case (Espruino puts them in the block around
 * the `switch`, not in the `switch`, so they would overwrite a variable of
 * that name there). A third trap is checked by dialect-hoisting.ts: a
 * function used before its declaration runs, and a variable used before its
 * `var` (Espruino hoists neither). Run on the BUILT bundle, so whatever
 * TypeScript, esbuild or terser emitted is checked, not what we meant to write.
 */

export interface DialectViolation {
  /** Short name of the construct, e.g. "destructuring", "Array.from". */
  construct: string;
  /** 0-based character offset in the file. */
  offset: number;
  /** 1-based line and 0-based column, for people. */
  line: number;
  column: number;
  /** The offending source text, shortened. */
  snippet: string;
}

/** Global names Espruino 2v29 does not define. */
const MISSING_GLOBALS = ["Map", "Set", "Symbol"];

/** `Object.member` pairs Espruino 2v29 does not define. */
const MISSING_MEMBERS = [
  "Object.freeze",
  "Array.from",
  "Number.isInteger",
  "Number.isFinite",
  "Math.trunc",
];

/** Constructs recognised by node type alone. */
const BY_NODE_TYPE: { [type: string]: string } = {
  AssignmentPattern: "default value (parameter or destructuring default)",
  RestElement: "rest parameter/element",
  SpreadElement: "spread",
  ObjectPattern: "destructuring",
  ArrayPattern: "destructuring",
  TaggedTemplateExpression: "tagged template",
  ChainExpression: "optional chaining ?.",
  LabeledStatement: "labelled statement",
  AwaitExpression: "await",
  YieldExpression: "yield (generator)",
};

/** Every violation in `source`, in file order; a syntax error is reported as construct "syntax". */
export function checkDialect(source: string): DialectViolation[] {
  let ast: Node;
  try {
    ast = parse(source, { ecmaVersion: "latest", sourceType: "script", allowHashBang: true, ranges: true });
  } catch (e) {
    const pos = (e as { pos?: number }).pos ?? 0;
    return [violation(source, "syntax", pos, pos + 1, (e as Error).message)];
  }
  const found: DialectViolation[] = [];
  full(ast, (node, _state, type) => {
    const name = constructOf(node as AnyNode, type);
    if (name !== "") found.push(violation(source, name, node.start, node.end));
  });
  for (const use of earlyFunctionUses(ast)) {
    const at = position(source, use.declaredAt);
    found.push(violation(source, `function '${use.name}' used before its declaration (line ${at.line}:${at.column}) runs: Espruino does not hoist function declarations`, use.offset, use.offset + use.name.length));
  }
  for (const use of earlyVarUses(ast)) {
    const at = position(source, use.declaredAt);
    found.push(violation(source, `variable '${use.name}' used before its var declaration (line ${at.line}:${at.column}): Espruino does not hoist var, the use reaches an outer binding`, use.offset, use.offset + use.name.length));
  }
  found.sort((a, b) => a.offset - b.offset);
  return found;
}

/** Throws one error listing every violation (file:line:col construct `snippet`) when there is any. */
export function assertDialect(source: string, fileName: string): void {
  const found = checkDialect(source);
  if (found.length === 0) return;
  const lines = found.map((v) => `  ${fileName}:${v.line}:${v.column} (offset ${v.offset}) ${v.construct}: ${v.snippet}`);
  throw new Error(`dialect gate: ${found.length} construct(s) Espruino 2v29 rejects in ${fileName}:\n${lines.join("\n")}`);
}

/** The construct name a node stands for, or "" when Espruino accepts it. */
function constructOf(node: AnyNode, walkType: string): string {
  const byType = BY_NODE_TYPE[node.type];
  if (byType) return byType;
  switch (node.type) {
    case "FunctionDeclaration":
    case "FunctionExpression":
    case "ArrowFunctionExpression":
      if (node.async) return "async function";
      if (node.generator) return "generator function*";
      return "";
    case "BinaryExpression":
      if (node.operator === "**") return "exponent operator **";
      if (node.operator === "instanceof" && isIdentifier(node.right, "TypeError")) return "instanceof TypeError";
      return "";
    case "AssignmentExpression":
      return node.operator === "**=" ? "exponent operator **" : "";
    case "Property":
    case "MethodDefinition":
      return node.computed ? "computed key" : "";
    case "PropertyDefinition":
      if (node.computed) return "computed key";
      return node.value === null ? "class field without a value (Espruino wants `f = value`)" : "";
    case "ClassDeclaration":
    case "ClassExpression":
      return node.superClass && node.superClass.type === "Identifier" && /Error$/.test(node.superClass.name)
        ? "class extends Error"
        : "";
    case "MemberExpression":
      return memberConstruct(node);
    case "Identifier":
      return walkType === "Identifier" && MISSING_GLOBALS.indexOf(node.name) >= 0 ? node.name : "";
    case "ForStatement":
    case "ForInStatement":
    case "ForOfStatement":
      return letLoopWithClosure(node) ? "let/const loop variable captured by a closure (no per-iteration binding)" : "";
    case "SwitchCase":
      return node.consequent.some((s) => s.type === "VariableDeclaration" && s.kind !== "var" || s.type === "ClassDeclaration")
        ? "let/const/class in a switch case (Espruino scopes it to the block around the switch)"
        : "";
    default:
      return "";
  }
}

/** `Array.from` and friends. */
function memberConstruct(node: Extract<AnyNode, { type: "MemberExpression" }>): string {
  if (node.computed || node.object.type !== "Identifier" || node.property.type !== "Identifier") return "";
  const pair = node.object.name + "." + node.property.name;
  return MISSING_MEMBERS.indexOf(pair) >= 0 ? pair : "";
}

/** A `for (let|const ...)` whose body creates a function. */
function letLoopWithClosure(node: Extract<AnyNode, { type: "ForStatement" | "ForInStatement" | "ForOfStatement" }>): boolean {
  const head = node.type === "ForStatement" ? node.init : node.left;
  if (!head || head.type !== "VariableDeclaration" || head.kind === "var") return false;
  let closure = false;
  full(node.body, (inner) => {
    const t = inner.type;
    if (t === "FunctionExpression" || t === "ArrowFunctionExpression" || t === "FunctionDeclaration") closure = true;
  });
  return closure;
}

function isIdentifier(node: AnyNode, name: string): boolean {
  return node.type === "Identifier" && node.name === name;
}

function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  return { line: before.split("\n").length, column: offset - (before.lastIndexOf("\n") + 1) };
}

function violation(source: string, construct: string, start: number, end: number, detail?: string): DialectViolation {
  const { line, column } = position(source, start);
  const text = source.slice(start, Math.min(end, start + 60)) + (end - start > 60 ? "..." : "");
  return { construct, offset: start, line, column, snippet: detail ?? text };
}
