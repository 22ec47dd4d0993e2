import { parse, type AnyNode } from "acorn";
import { full } from "acorn-walk";
import { detokenise, hasTokens, pretokenise } from "../../build/espruino-tokens";

/**
 * AN ESTIMATE of the JsVars a bundle holds after boot on Espruino. No real
 * Espruino interpreter runs offline, so this is a model, not a measurement:
 * `process.memory().usage` on a real board is the figure that counts.
 *
 * Model (Espruino keeps each function's source text in RAM and stores
 * strings in 12-byte JsVar blocks on ESP32/ESP8266 builds):
 *   text       = ceil(bytes of every retained function's source / 12)
 *                (retained = not immediately invoked; a function nested in a
 *                retained one is counted inside its parent's text only);
 *                for pretokenised code (what fobsync ships) the bytes of the
 *                function's TOKENISED text, the form Espruino keeps in RAM
 *   functions  = 3 per function in the bundle (function var, code, scope)
 *   properties = 2 per object-literal property and 1 per array element
 *                (name + value) - built when the bundle loads
 *   instances  = 2 per property assignment `this.x = ...` (object fields
 *                set by constructors; counted once per class, an undercount
 *                when a class has many instances)
 */
export interface JsVarEstimate {
  text: number;
  functions: number;
  properties: number;
  instances: number;
  total: number;
}

/** JsVars of 12 characters each hold string data. */
const CHARS_PER_JSVAR = 12;

export function estimateJsVars(code: string): JsVarEstimate {
  const tokenised = hasTokens(code);
  const bundle = detokenise(code);
  const ast = parse(bundle, { ecmaVersion: "latest", sourceType: "script" });
  const iifes = new Set<AnyNode>();
  full(ast, (node) => {
    if (node.type === "CallExpression" && isFunction(node.callee)) iifes.add(node.callee);
    if (node.type === "UnaryExpression" && node.argument.type === "CallExpression" && isFunction(node.argument.callee)) iifes.add(node.argument.callee);
  });
  let textBytes = 0;
  let functions = 0;
  let properties = 0;
  let instances = 0;
  const countText = (node: AnyNode, insideRetained: boolean): void => {
    if (isFunction(node) && !iifes.has(node) && !insideRetained) {
      textBytes += tokenised ? pretokenise(bundle.slice(node.start, node.end)).length : node.end - node.start;
      insideRetained = true;
    }
    for (const child of children(node)) countText(child, insideRetained);
  };
  countText(ast as AnyNode, false);
  full(ast, (node) => {
    if (isFunction(node)) functions++;
    else if (node.type === "Property") properties += 2;
    else if (node.type === "ArrayExpression") properties += node.elements.length;
    else if (node.type === "AssignmentExpression" && node.left.type === "MemberExpression" && node.left.object.type === "ThisExpression") instances += 2;
  });
  const text = Math.ceil(textBytes / CHARS_PER_JSVAR);
  return { text, functions: functions * 3, properties, instances, total: text + functions * 3 + properties + instances };
}

function isFunction(node: AnyNode): boolean {
  return node.type === "FunctionExpression" || node.type === "FunctionDeclaration" || node.type === "ArrowFunctionExpression";
}

/** Child nodes of an ESTree node (every object-valued field holding nodes). */
function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const key of Object.keys(node)) {
    const v = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) for (const x of v) if (x && typeof x === "object" && "type" in x) out.push(x as AnyNode);
    if (v && typeof v === "object" && !Array.isArray(v) && "type" in v) out.push(v as AnyNode);
  }
  return out;
}
