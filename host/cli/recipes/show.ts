/** `fobsync recipes` (the built-in recipes) and `fobsync recipes --port P` (what a board has installed). */
import { paramValueText, type Param } from "../../../firmware/recipes/params";
import { RECIPES } from "../../../firmware/recipes/table";
import { MIN_KEYS, type Recipe } from "../../../firmware/recipes/types";
import { EXIT } from "../../common/errors";
import type { CommandContext } from "../command-module";
import { checkFirmware } from "../../session/run-session";
import { openSerialSession } from "../../session/open-serial-session";
import { installedKind, listBoardRecipes, type InstalledRecipe } from "../../recipes/installed";
import { readBoardStorage } from "../../flash/board-files";
import type { BoardStorage } from "../../flash/espruino-storage-space";
import { otherFiles, otherFilesInWords } from "../../flash/board-file-kinds";

/** A parameter as the user sees it: default and range, value names where the number stands for one. */
export interface ParamView {
  name: string;
  default: number | string;
  min: number | string;
  max: number | string;
  values?: string[];
}

export function paramView(p: Param): ParamView {
  const shown = (v: number) => (p.values ? paramValueText(p, v) : v);
  return { name: p.name, default: shown(p.defaultValue), min: shown(p.lo), max: shown(p.hi), ...(p.values ? { values: p.values } : {}) };
}

/** The JSON record of one recipe. */
export function recipeRecord(r: Recipe) {
  return {
    type: "recipe",
    name: r.name,
    title: r.title,
    cars: r.cars,
    keys: { min: MIN_KEYS, max: r.maxKeys },
    confidence: r.confidence,
    leftOut: r.leftOut,
    endsOn: r.endsOn,
    ready: r.ready,
    params: r.params.map(paramView),
    sources: r.sources,
  };
}

function paramText(p: ParamView): string {
  return p.values ? `${p.name}=${p.default} (${p.values.join("|")})` : `${p.name}=${p.default} (${p.min}..${p.max})`;
}

/** Print one recipe for a person, and its record. */
export function showRecipe(r: Recipe, { out }: Pick<CommandContext, "out">): void {
  const rec = recipeRecord(r);
  const sure = r.confidence === "forum" ? out.paint("warn", "forum only: pair asks you to accept that") : "manual";
  out.emit(rec, [
    `${out.paint("heading", r.name)}  ${r.title}`,
    `  cars:       ${r.cars.join("; ")}`,
    `  keys:       ${MIN_KEYS}-${r.maxKeys}${r.leftOut === "erased" ? " (ALL keys in one session: keys left out stop working)" : ""}`,
    `  source:     ${sure}`,
    `  parameters: ${rec.params.map(paramText).join(", ")}`,
    ...r.sources.map((s, i) => out.paint("dim", `  ${i === 0 ? "sources:   " : "           "} ${s.cite} (${s.confidence})`)),
    "",
  ]);
}

export function listBuiltIn(ctx: Pick<CommandContext, "out">): number {
  const { out } = ctx;
  for (const r of RECIPES) showRecipe(r, ctx);
  out.say("fob bench test: fobsync test-fob (off the car: which buttons transmit, the cell)");
  out.say("Your own recipe: fobsync recipes export <name> --out my.json, edit, fobsync recipes validate my.json, fobsync recipes install my.json --port P");
  out.say("");
  out.emit({ type: "recipes", count: RECIPES.length }, "Which one applies to your car: fobsync which --make M --year Y (MINI/BMW: --month, --buttons)", "dim");
  return EXIT.ok;
}

/** Ask the board which recipe files it has (its `recipes` command). */
export async function readInstalled(port: string, baud: number, target: string | undefined, signal: AbortSignal): Promise<InstalledRecipe[]> {
  const session = await openSerialSession(port, baud, target);
  try {
    await checkFirmware(session, () => {}, signal);
    return await listBoardRecipes(session, signal);
  } finally {
    await session.close();
  }
}

/** `fobsync recipes --port P`: one line per installed recipe. */
export async function listOnBoard(port: string, baud: number, target: string | undefined, { out, signal }: Pick<CommandContext, "out" | "signal">): Promise<number> {
  const found = await readInstalled(port, baud, target, signal);
  for (const r of found) {
    const kind = installedKind(r);
    const note = kind === "modified" ? "  MODIFIED: not fobsync's built-in of this name" : kind === "custom" ? "  custom" : "";
    out.emit({ type: "installed", ...r, kind }, `${r.name.padEnd(24)} keys ${r.keys}  ${r.src.padEnd(6)}  ${r.hash}${note}`, kind === "modified" ? "warn" : "plain");
  }
  out.emit({ type: "recipes", count: found.length, port }, `${found.length} recipe${found.length === 1 ? "" : "s"} on the board (${port})`, "dim");
  if (target !== "nodemcu") showOtherFiles(await readBoardStorage(port, baud), out);
  return EXIT.ok;
}

/**
 * What else the board holds besides fobsync and its recipes: another
 * program's boot files first (they run at every boot, before fobsync), then
 * other files, and the room left.
 */
function showOtherFiles(st: BoardStorage, out: CommandContext["out"]): void {
  const { foreign } = otherFiles(st);
  const lines = otherFilesInWords(st).map((l) => out.paint(l.tone, l.text));
  out.emit({ type: "storage", files: st.files, foreign: foreign.map((f) => f.name), freeBytes: st.freeBytes, trashBytes: st.trashBytes, totalBytes: st.totalBytes }, lines);
}
