/**
 * The schema of a recipe written as data (firmware/recipes/types.ts), checked
 * field by field: every problem names the field's path (`steps[3].limit`) so
 * recipe-file.ts can give its line. Fields the step builders default
 * (firmware/recipes/step-builders.ts) may be left out. Then the firmware's own
 * checks run (the parameter grammar, validateRecipe on the default board),
 * and the text must encode, so what passes here runs on the board.
 */
import { SIGNAL_ROLES } from "../../hal/board";
import { FOB_BUTTONS, MAX_FOBS } from "../../hal/board-device";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { defaultParams, type Param } from "../../firmware/recipes/params";
import { encodeRecipe } from "../../firmware/recipes/recipe-encode";
import { RECIPE_NAME_MAX } from "../../firmware/recipes/recipe-text";
import { MAX_KEYS, type PlanItem, type Recipe, type Step } from "../../firmware/recipes/types";
import { MAX_PARAM_VALUE, validateRecipe } from "../../firmware/recipes/validate";

/** One problem: where (a path into the file's JSON) and what. */
export interface Problem {
  path: (string | number)[];
  message: string;
}

type Json = unknown;
type Obj = { [k: string]: Json };

/** What each step kind takes: field -> kind of value; `?` marks a field that may be left out (default "" or none). */
const STEP_SCHEMA: { [op: string]: { [field: string]: string } } = {
  hint: { hint: "id" },
  edge: { roles: "inputs", active: "bool", limit: "param", late: "late?", window: "id?", prompt: "id?", ack: "id?", count: "param?", minGap: "param?", span: "param?" },
  press: { button: "button", length: "param", after: "param" },
  ask: { prompt: "id", limit: "param", count: "param?", every: "param?" },
  window: { id: "id", limit: "param" },
  key: { byHand: "bool", plan: "plan" },
  confirm: { hint: "id", roles: "inputs?", pulses: "param?" },
  next: { goTo: "index" },
  end: { prompt: "id?" },
};

/** Parameters a step kind uses by name, besides those its fields name. */
const IMPLIED: { [what: string]: string[] } = {
  key: ["delayMs"],
  confirm: ["confirmMs", "retries"],
  hold: ["leadMs"],
  release: ["tailMs"],
  taps: ["gapMs"],
};

const TOKEN = /^[A-Za-z0-9._-]+$/;
const INPUTS = SIGNAL_ROLES.filter((r) => r !== "rf");

/** Check `data` (a parsed recipe file); the recipe with every default filled in, and the problems (none: it runs). */
export function checkRecipe(data: Json): { recipe: Recipe | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (path: (string | number)[], message: string) => problems.push({ path, message });
  if (!isObj(data)) return { recipe: null, problems: [{ path: [], message: "a recipe file holds one JSON object" }] };
  for (const key of Object.keys(data)) if (!["$schema", "name", "title", "cars", "sources", "maxKeys", "confidence", "leftOut", "endsOn", "ready", "params", "steps"].includes(key)) bad([key], `unknown field (a recipe has name, title, cars, sources, maxKeys, confidence, leftOut, endsOn, ready, params, steps)`);

  const name = text(data, "name", bad);
  if (name !== undefined && !(TOKEN.test(name) && name.length <= RECIPE_NAME_MAX)) bad(["name"], `'${name}': letters, digits, '.', '_', '-', at most ${RECIPE_NAME_MAX} characters`);
  text(data, "title", bad);
  const cars = list(data, "cars", bad);
  cars?.forEach((c, i) => typeof c !== "string" && bad(["cars", i], "a car is a string (\"Ford Focus 2005-2007\")"));
  const sources = list(data, "sources", bad);
  if (sources && sources.length === 0) bad(["sources"], "name at least one source");
  sources?.forEach((s, i) => {
    if (!isObj(s)) return bad(["sources", i], 'a source is { "cite": "...", "confidence": "manual" | "forum" }');
    if (typeof s.cite !== "string" || s.cite === "") bad(["sources", i, "cite"], "what a person can look up: a manual, a page");
    if (s.confidence !== "manual" && s.confidence !== "forum") bad(["sources", i, "confidence"], "'manual' (an owner's or service manual) or 'forum'");
  });
  const maxKeys = data.maxKeys;
  if (!Number.isInteger(maxKeys) || (maxKeys as number) < 1 || (maxKeys as number) > MAX_KEYS) bad(["maxKeys"], `the most remotes the car learns in one session: 1..${MAX_KEYS}`);
  const confidence = data.confidence;
  if (confidence !== "manual" && confidence !== "forum") bad(["confidence"], "'manual' or 'forum'");
  else if (confidence === "manual" && sources?.every((s) => !isObj(s) || s.confidence !== "manual")) bad(["confidence"], "'manual' needs a source whose confidence is 'manual'");
  if (data.leftOut !== undefined && data.leftOut !== "erased" && data.leftOut !== "kept") bad(["leftOut"], "'erased' (the session replaces the car's list: keys left out stop working) or 'kept'");
  const endsOn = data.endsOn === undefined ? [] : list(data, "endsOn", bad);
  endsOn?.forEach((r, i) => {
    if (typeof r !== "string" || !INPUTS.some((role) => r === role || r === role + ".off")) bad(["endsOn", i], `an input, or an input + '.off': ${INPUTS.join(", ")}`);
  });

  const ready = data.ready === undefined ? [] : list(data, "ready", bad);
  ready?.forEach((r, i) => {
    if (typeof r !== "string" || !INPUTS.includes(r)) bad(["ready", i], `an input that must be inactive when the session starts: ${INPUTS.join(", ")}`);
  });

  const params = checkParams(data, bad);
  const names = params.map((p) => p.name);
  const steps = list(data, "steps", bad) ?? [];
  if (steps.length === 0) bad(["steps"], "a recipe needs steps, the last an end step");
  const filled = steps.map((s, i) => checkStep(s, i, names, bad));
  if (steps.length > 0 && isObj(steps[steps.length - 1]) && (steps[steps.length - 1] as Obj).op !== "end") bad(["steps", steps.length - 1, "op"], "the last step must be an end step");
  if (problems.length > 0) return { recipe: null, problems };

  // a recipe that does not say what happens to the keys it leaves out is taken to erase them: pair warns
  const recipe = { ...(data as unknown as Recipe), leftOut: (data.leftOut ?? "erased") as Recipe["leftOut"], endsOn: (endsOn ?? []) as string[], ready: (ready ?? []) as string[], params, steps: filled as Step[] };
  delete (recipe as { $schema?: string }).$schema;
  // what the board will say: the firmware's own checks on the default board (every fob wired: wiring is the board's
  // matter, `pair` checks it there), every key count
  for (let keys = 1; keys <= recipe.maxKeys; keys++) {
    const problem = validateRecipe(recipe, defaultParams(params), keys, MAX_FOBS, ESP32_RELAY8.maxPressMs);
    if (problem !== "") return { recipe: null, problems: [{ path: ["steps"], message: `the board would refuse keys=${keys} with its defaults: ${problem}` }] };
  }
  try {
    encodeRecipe(recipe);
  } catch (err) {
    return { recipe: null, problems: [{ path: [], message: (err as Error).message }] };
  }
  return { recipe, problems: [] };
}

function checkParams(data: Obj, bad: (path: (string | number)[], message: string) => void): Param[] {
  const params = list(data, "params", bad) ?? [];
  const out: Param[] = [];
  params.forEach((p, i) => {
    const at = ["params", i];
    if (!isObj(p)) return bad(at, 'a parameter is { "name", "defaultValue", "lo", "hi" [, "values"] }');
    const ok = typeof p.name === "string" && TOKEN.test(p.name);
    if (!ok) bad([...at, "name"], "a name of letters, digits, '.', '_', '-'");
    else if (p.name === "key") bad([...at, "name"], "'key' is the key running now: a recipe cannot declare it");
    else if (out.some((q) => q.name === p.name)) bad([...at, "name"], `'${p.name}' is declared twice`);
    for (const f of ["defaultValue", "lo", "hi"] as const) {
      if (!Number.isInteger(p[f]) || (p[f] as number) < 0) bad([...at, f], "a whole number >= 0");
      else if ((p[f] as number) > MAX_PARAM_VALUE) bad([...at, f], `at most ${MAX_PARAM_VALUE} (a day in ms): the board's timers hold no longer`);
    }
    if (Number.isInteger(p.lo) && Number.isInteger(p.hi) && Number.isInteger(p.defaultValue) && !((p.lo as number) <= (p.defaultValue as number) && (p.defaultValue as number) <= (p.hi as number))) bad([...at, "defaultValue"], `must lie in lo..hi (${p.lo}..${p.hi})`);
    if (p.values !== undefined && (!Array.isArray(p.values) || p.values.some((v) => typeof v !== "string" || !TOKEN.test(v)) || p.values.length !== (p.hi as number) + 1)) bad([...at, "values"], "names for 0..hi, one per number");
    if (ok) out.push({ name: p.name as string, defaultValue: p.defaultValue as number, lo: p.lo as number, hi: p.hi as number, ...(p.values ? { values: p.values as string[] } : {}) });
  });
  return out;
}

function checkStep(s: Json, i: number, params: string[], bad: (path: (string | number)[], message: string) => void): Step | null {
  const at = ["steps", i];
  if (!isObj(s)) return bad(at, "a step is an object with an op"), null;
  const schema = STEP_SCHEMA[s.op as string];
  if (!schema) return bad([...at, "op"], `unknown step kind '${String(s.op)}': ${Object.keys(STEP_SCHEMA).join(", ")}`), null;
  const step: Obj = { op: s.op };
  const param = (name: Json, path: (string | number)[]) => {
    if (name === "" || typeof name !== "string" || !params.includes(name)) bad(path, `'${String(name)}' is not a parameter of this recipe (parameters: ${params.join(", ") || "none"})`);
  };
  for (const key of Object.keys(s)) if (key !== "op" && key !== "when" && !(key in schema)) bad([...at, key], `a ${s.op} step has no field '${key}' (fields: ${Object.keys(schema).join(", ")})`);
  for (const [field, kindSpec] of Object.entries(schema)) {
    const optional = kindSpec.endsWith("?");
    const kind = kindSpec.replace("?", "");
    const v = s[field];
    const path = [...at, field];
    if (v === undefined || (optional && v === "")) {
      if (!optional) bad(path, `a ${s.op} step needs '${field}'`);
      step[field] = kind === "late" ? "timeout" : kind === "inputs" ? ["lock.feedback"] : "";
      continue;
    }
    step[field] = v;
    if (kind === "id" && !(typeof v === "string" && TOKEN.test(v))) bad(path, "an id: letters, digits, '.', '_', '-'");
    if (kind === "bool" && typeof v !== "boolean") bad(path, "true or false");
    if (kind === "param") param(v, path);
    if (kind === "late" && v !== "violation" && v !== "timeout") bad(path, "'violation' (a window the car keeps) or 'timeout'");
    if (kind === "inputs" && !(Array.isArray(v) && v.length > 0 && v.every((r) => INPUTS.includes(r as string)))) bad(path, `a list of inputs, the first wired is used: ${INPUTS.join(", ")}`);
    if (kind === "button" && !(FOB_BUTTONS.includes(v as string) || params.includes(v as string))) bad(path, `a button (${FOB_BUTTONS.join(", ")}) or a parameter holding one`);
    if (kind === "index" && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) < i)) bad(path, `the index of an earlier step (0..${i - 1}) to go back to for the next key`);
    if (kind === "plan") checkPlan(v, path, params, param, bad);
  }
  if (s.when !== undefined) {
    const w = s.when;
    if (!isObj(w) || typeof w.param !== "string" || !(params.includes(w.param) || w.param === "key") || !Number.isInteger(w.value)) bad([...at, "when"], `{ "param": <a parameter or "key">, "value": <whole number> [, "atLeast": true] }`);
    else step.when = w;
  }
  for (const needed of implied(step)) if (!params.includes(needed)) bad([...at, "op"], `a ${s.op} step uses parameter '${needed}': declare it in params`);
  return step as unknown as Step;
}

function checkPlan(v: Json, path: (string | number)[], params: string[], param: (n: Json, p: (string | number)[]) => void, bad: (path: (string | number)[], message: string) => void): void {
  if (!Array.isArray(v) || v.length === 0) return bad(path, "a list of plan items: hold, tap, release, pause");
  v.forEach((item, j) => {
    const at = [...path, j];
    if (!isObj(item)) return bad(at, "a plan item is an object with an action");
    const button = (b: Json) => {
      if (!(FOB_BUTTONS.includes(b as string) || params.includes(b as string))) bad([...at, "button"], `a button (${FOB_BUTTONS.join(", ")}) or a parameter holding one`);
    };
    if (item.action === "hold") {
      button(item.button);
      if (item.window !== undefined && item.window !== "") param(item.window, [...at, "window"]);
      item.window ??= "";
    } else if (item.action === "tap") {
      button(item.button);
      param(item.length, [...at, "length"]);
      if (item.count !== undefined && item.count !== "" && item.count !== "key") param(item.count, [...at, "count"]);
      item.count ??= "";
    } else if (item.action === "release") button(item.button);
    else if (item.action === "pause") param(item.length, [...at, "length"]);
    else bad([...at, "action"], "hold, tap, release or pause");
  });
}

/** Parameters a filled-in step uses by name. */
function implied(step: Obj): string[] {
  const out = [...(IMPLIED[step.op as string] ?? [])];
  if (step.op === "key" && Array.isArray(step.plan)) {
    const plan = step.plan as PlanItem[];
    for (const item of plan) out.push(...(IMPLIED[item.action] ?? []));
    const taps = plan.filter((x) => x.action === "tap");
    if (taps.length > 1 || taps.some((x) => x.action === "tap" && x.count !== "")) out.push(...IMPLIED.taps);
  }
  return out;
}

function isObj(v: Json): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function text(o: Obj, field: string, bad: (path: (string | number)[], message: string) => void): string | undefined {
  if (typeof o[field] === "string" && o[field] !== "") return o[field] as string;
  bad([field], "a non-empty string");
  return undefined;
}

function list(o: Obj, field: string, bad: (path: (string | number)[], message: string) => void): Json[] | undefined {
  if (Array.isArray(o[field])) return o[field] as Json[];
  bad([field], "a list ([...])");
  return undefined;
}
