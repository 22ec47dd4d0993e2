import { toInt } from "../whole-number";
import { decodeParam } from "./params";
import type { PlanItem, RecipeCore, Step, StepCondition } from "./types";

/**
 * The text form of recipes, the one place the step grammar lives. The host
 * encodes the typed recipes (types.ts) at build time (recipe-encode.ts); the
 * firmware decodes the one a session runs when it starts, so no recipe is
 * held in RAM before.
 *
 *   recipes  := recipe ("\n\n" recipe)*
 *   recipe   := name " " endsOn " " maxKeys " " confidence [" " ready [" " hash]] "\n" param ("," param)* ("\n" step)*
 *   hash     := 8 hex digits, the host's content hash of the rest (recipe-encode.ts): `recipes` lists it
 *   param    := params.ts `encodeParam`
 *   step     := [param ("=" | ">=") value " "] op (" " field)*, fields in STEP_FIELDS order
 *   field    := "-" for "" | "1"/"0" for a boolean | a number | a comma list
 *   plan     := item ("," item)*, item := "h:" button ":" window | "t:" button ":" length [":" count] | "r:" button | "p:" length
 *
 * A field missing at the end of a step reads as "-" (older texts stay valid).
 */

/** Recipe `<name>` is the file `fr.<name>` in the board's flash (hal/contracts.ts FileStore). */
export const RECIPE_FILE = "fr.";
/** The longest recipe name: Espruino's Storage names take 28 characters, the prefix included. */
export const RECIPE_NAME_MAX = 24;

/** Each step kind's fields, in the order its text gives them (a string: a constant object would be built at boot). */
const STEP_FIELDS =
  "hint:hint edge:roles,active,limit,late,window,prompt,ack,count,minGap,span press:button,length,after ask:prompt,limit,count,every window:id,limit key:byHand,plan confirm:hint,roles,pulses next:goTo end:prompt";

/** The fields of step kind `op`, in text order; [] for an unknown kind. */
export function stepFields(op: string): string[] {
  for (const kind of STEP_FIELDS.split(" ")) {
    const colon = kind.indexOf(":");
    if (kind.substring(0, colon) === op) return kind.substring(colon + 1).split(",");
  }
  return [];
}

/** One step from its text. An unknown kind decodes with no fields (the sequencer refuses it). */
export function decodeStep(text: string): Step {
  const t = text.split(" ");
  const step: { [field: string]: unknown } = {};
  let at = 0;
  const eq = t[0].indexOf("=");
  if (eq > 0) {
    const atLeast = t[0].charAt(eq - 1) === ">";
    step.when = { param: t[0].substring(0, atLeast ? eq - 1 : eq), value: toInt(t[0].substring(eq + 1)) };
    if (atLeast) (step.when as StepCondition).atLeast = true;
    at = 1;
  }
  step.op = t[at];
  const fields = stepFields(t[at]);
  for (let i = 0; i < fields.length; i++) step[fields[i]] = decodeField(fields[i], at + 1 + i < t.length ? t[at + 1 + i] : "-");
  return step as unknown as Step;
}

function decodeField(field: string, text: string): unknown {
  if (field === "active" || field === "byHand") return text === "1";
  if (field === "goTo") return toInt(text);
  if (field === "roles") return text.split(",");
  if (field === "plan") return decodePlan(text);
  return text === "-" ? "" : text;
}

function decodePlan(text: string): PlanItem[] {
  const items: PlanItem[] = [];
  for (const item of text.split(",")) {
    const f = item.split(":");
    if (f[0] === "h") items.push({ action: "hold", button: f[1], window: f[2] === "-" ? "" : f[2] });
    else if (f[0] === "t") items.push({ action: "tap", button: f[1], length: f[2], count: f.length > 3 ? f[3] : "" });
    else if (f[0] === "p") items.push({ action: "pause", length: f[1] });
    else items.push({ action: "release", button: f[1] });
  }
  return items;
}

/** The recipe in `text` (one recipe, `encodeRecipe`'s form). */
export function decodeRecipe(text: string): RecipeCore {
  const lines = text.split("\n");
  const head = lines[0].split(" ");
  const recipe: RecipeCore = {
    name: head[0],
    endsOn: head[1] === "-" ? [] : head[1].split(","),
    maxKeys: toInt(head[2]),
    confidence: head[3] === "forum" ? "forum" : "manual",
    ready: head.length < 5 || head[4] === "-" ? [] : head[4].split(","),
    params: [],
    steps: [],
  };
  for (const p of lines[1].split(",")) recipe.params.push(decodeParam(p));
  for (let i = 2; i < lines.length; i++) recipe.steps.push(decodeStep(lines[i]));
  return recipe;
}

/** A recipe text's head line, `name endsOn maxKeys confidence ready hash`, as fields (what `recipes` lists without decoding the steps). */
export function recipeHead(text: string): string[] {
  const end = text.indexOf("\n");
  return text.substring(0, end < 0 ? text.length : end).split(" ");
}
