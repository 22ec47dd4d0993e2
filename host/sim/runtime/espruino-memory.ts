import { parse, type AnyNode } from "acorn";
import { full } from "acorn-walk";
import { detokenise, hasTokens, pretokenise } from "../../build/espruino-tokens";

/**
 * AN ESTIMATE of the JsVars a bundle holds after boot on Espruino. No real
 * Espruino interpreter runs offline, so this is a model, not a measurement:
 * `process.memory().usage` on a real board is the figure that counts.
 *
 * Model (strings are stored in 12-byte JsVar blocks on ESP32/ESP8266 builds):
 *   text       = where the function text lives depends on how the code was loaded:
 *                - `codeInFlash` (fobsync's flash path: the bundle is Storage's
 *                  `.bootcde`, which Espruino boots from memory-mapped flash):
 *                  0. jsparse.c, when the lexer's source is a native or flash
 *                  string, makes each function's code `jsvNewNativeString` /
 *                  `jsvNewFlashString` pointing into flash ("load function code
 *                  straight from flash"): the one code var is already counted
 *                  in `functions`;
 *                - code typed or sent into RAM: ceil(bytes of every retained
 *                  function's source / 12) (retained = not immediately invoked;
 *                  a function nested in a retained one is counted inside its
 *                  parent's text only); for pretokenised code the bytes of the
 *                  TOKENISED text, the form Espruino keeps in RAM
 *   literals   = ceil(length / 12) for each string literal evaluated while the
 *                bundle loads (outside retained functions: tables such as the
 *                recipes), which become RAM strings wherever the code lives
 *   functions  = 3 per function in the bundle (function var, code, scope)
 *   properties = 2 per object-literal property and 1 per array element
 *                (name + value) - built when the bundle loads
 *   instances  = 2 per property assignment `this.x = ...` (object fields
 *                set by constructors; counted once per class, an undercount
 *                when a class has many instances)
 */
export interface JsVarEstimate {
  text: number;
  literals: number;
  functions: number;
  properties: number;
  instances: number;
  total: number;
}

/** JsVars of 12 characters each hold string data. */
const CHARS_PER_JSVAR = 12;

export interface EstimateOptions {
  /** The code runs from memory-mapped flash (Storage `.bootcde`), as after `fobsync flash`. Default true. */
  codeInFlash?: boolean;
}

export function estimateJsVars(code: string, options: EstimateOptions = {}): JsVarEstimate {
  const codeInFlash = options.codeInFlash ?? true;
  const tokenised = hasTokens(code);
  const bundle = detokenise(code);
  const ast = parse(bundle, { ecmaVersion: "latest", sourceType: "script" });
  const iifes = new Set<AnyNode>();
  full(ast, (node) => {
    if (node.type === "CallExpression" && isFunction(node.callee)) iifes.add(node.callee);
    if (node.type === "UnaryExpression" && node.argument.type === "CallExpression" && isFunction(node.argument.callee)) iifes.add(node.argument.callee);
  });
  let textBytes = 0;
  let literals = 0;
  let functions = 0;
  let properties = 0;
  let instances = 0;
  const countText = (node: AnyNode, insideRetained: boolean): void => {
    if (isFunction(node) && !iifes.has(node) && !insideRetained) {
      textBytes += tokenised ? pretokenise(bundle.slice(node.start, node.end)).length : node.end - node.start;
      insideRetained = true;
    }
    if (!insideRetained && node.type === "Literal" && typeof node.value === "string") literals += Math.ceil(node.value.length / CHARS_PER_JSVAR);
    if (!insideRetained && node.type === "TemplateLiteral") for (const q of node.quasis) literals += Math.ceil((q.value.cooked ?? "").length / CHARS_PER_JSVAR);
    for (const child of children(node)) countText(child, insideRetained);
  };
  countText(ast as AnyNode, false);
  full(ast, (node) => {
    if (isFunction(node)) functions++;
    else if (node.type === "Property") properties += 2;
    else if (node.type === "ArrayExpression") properties += node.elements.length;
    else if (node.type === "AssignmentExpression" && node.left.type === "MemberExpression" && node.left.object.type === "ThisExpression") instances += 2;
  });
  const text = codeInFlash ? 0 : Math.ceil(textBytes / CHARS_PER_JSVAR);
  return { text, literals, functions: functions * 3, properties, instances, total: text + literals + functions * 3 + properties + instances };
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
