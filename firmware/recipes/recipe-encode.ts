import { encodeParam } from "./params";
import { stepFields } from "./recipe-text";
import type { PlanItem, RecipeCore, Step } from "./types";

/**
 * HOST ONLY: the typed recipes (types.ts) as the text the firmware reads
 * (recipe-text.ts has the grammar and the decoder). The build puts the text
 * in the bundle; tests check that decoding gives the recipe back.
 */

/**
 * A recipe as the firmware reads it, its head line ending in the content
 * hash (`recipeHash`): the board lists it, so the host can tell whether the
 * recipe a board holds is the one the user named. Throws on a value the
 * grammar cannot carry.
 */
export function encodeRecipe(r: RecipeCore): string {
  const [head, ...rest] = unhashedText(r).split("\n");
  return [head + " " + contentHash([head, ...rest].join("\n")), ...rest].join("\n");
}

/** The content hash of a recipe as the board would hold it: 8 hex digits. */
export function recipeHash(r: RecipeCore): string {
  return contentHash(unhashedText(r));
}

function unhashedText(r: RecipeCore): string {
  const endsOn = r.endsOn.length === 0 ? "-" : r.endsOn.map((x) => token(x, "endsOn")).join(",");
  const ready = r.ready.length === 0 ? "-" : r.ready.map((x) => token(x, "ready")).join(",");
  const head = [token(r.name, "name"), endsOn, String(r.maxKeys), r.confidence, ready].join(" ");
  return [head, r.params.map(encodeParam).join(","), ...r.steps.map(encodeStep)].join("\n");
}

/** FNV-1a, 32 bits, over the text's character codes: an identity for a recipe's content, not a checksum (the install checks CRC32). */
function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

export function encodeStep(step: Step): string {
  const fields = step as unknown as { [field: string]: unknown };
  const w = step.when;
  const parts = w ? [w.param + (w.atLeast ? ">=" : "=") + w.value, step.op] : [step.op];
  for (const f of stepFields(step.op)) parts.push(encodeField(f, fields[f]));
  return parts.join(" ");
}

function encodeField(field: string, value: unknown): string {
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") return String(value);
  if (field === "plan") return (value as PlanItem[]).map(encodePlanItem).join(",");
  if (Array.isArray(value)) return value.map((v) => token(String(v), field)).join(",");
  return value === "" || value === undefined ? "-" : token(String(value), field);
}

function encodePlanItem(item: PlanItem): string {
  if (item.action === "hold") return ["h", item.button, item.window === "" ? "-" : item.window].join(":");
  if (item.action === "tap") return ["t", item.button, item.length, ...(item.count === "" ? [] : [item.count])].join(":");
  if (item.action === "pause") return "p:" + item.length;
  return "r:" + item.button;
}

/** A value as one token of the text: no space, comma, colon, `=` or line break, not empty. */
function token(value: string, field: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(value)) throw new Error(`recipe ${field} '${value}': only letters, digits, '.', '_' and '-' fit in a recipe's text`);
  return value;
}
