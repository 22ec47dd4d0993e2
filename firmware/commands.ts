import type { Clock, FileStore } from "../hal/contracts";
import { FOB_BUTTONS, MAX_FOBS } from "../hal/board-device";
import { arg, parseLine, type ParsedLine } from "./command-parser";
import { bare, emit } from "./event-log";
import { CALIBRATION_FILE } from "./calibration-file";
import { isWired, listenRfUntil, reportBattery } from "./inputs";
import { CAP_MARGIN } from "./plan";
import { defaultParams, paramRange, paramValue, type Params } from "./recipes/params";
import { decodeRecipe, RECIPE_FILE, RECIPE_NAME_MAX, recipeHead } from "./recipes/recipe-text";
import { MIN_KEYS, type RecipeCore } from "./recipes/types";
import { validateRecipe } from "./recipes/validate";
import { notReady } from "./readiness";
import { ack, describeRun, endRun, running, startRun, waitsForAck } from "./sequencer";
import { session } from "./session";
import { pressSwitch, releaseSwitchAfter, switchesOn } from "./switch-bank";
import { toInt } from "./whole-number";

const COMMANDS = "help version status recipes pair press ack abort hb";

/** After a bench press, RF receiver edges are reported this long (ms) past its release (the host's fob test listens). */
const LISTEN_MS = 5000;

/**
 * The command lines (docs/protocol.md). Every refusal is one `error` line
 * and changes nothing; while a procedure runs or a switch is on (a bench
 * `press` until its release) only status, abort and ack pass. The recipes
 * are files in the board's flash (`fr.<name>`, recipes/recipe-text.ts), read
 * only when a command needs them.
 */
let clock: Clock | undefined = undefined;
let maxPressMs = 0;
let files: FileStore | undefined = undefined;
/** `fw build target board proto rf`, as `version` reports it. */
let ident = "";
/** The command being handled, for its `ok` and `error` lines. */
let cmd = "";

export function startCommands(time: Clock, boardMaxPressMs: number, store: FileStore, identity: string): void {
  clock = time;
  maxPressMs = boardMaxPressMs;
  files = store;
  ident = identity;
}

/** One command line. */
export function handleCommand(line: string): void {
  const a = parseLine(line);
  // a line refused whole (too-long, garbage) has no name: cmd=-
  const c = (cmd = a.name);
  if (a.err !== "") return refuse(a.err);
  if (c === "") return;
  if (COMMANDS.split(" ").indexOf(c) < 0) return refuse("unknown-command");
  // the host's heartbeat during a session (host-watch.ts): no answer, so it fills no log
  if (c === "hb") return;
  const busy = running() || switchesOn() !== "-";
  if (busy && c !== "status" && c !== "abort" && c !== "ack") return refuse("busy");
  if (c === "help") emit('I help cmds="' + COMMANDS + '"');
  else if (c === "version") emit("I version " + ident);
  else if (c === "status") emit("I status " + describeRun() + " on=" + switchesOn());
  else if (c === "recipes") return listRecipes();
  else if (c === "pair") return pair(a);
  else if (c === "press") return press(a);
  else if (c === "ack") {
    if (!waitsForAck()) return refuse("nothing-to-ack");
    ok("");
    return ack();
  } else {
    ok("");
    return endRun(false, "abort", "");
  }
  ok("");
}

function ok(more: string): void {
  emit("I ok cmd=" + cmd + more);
}

/** Refuse the line: `codeAndFields` is `<code>[ k=v...]`. */
function refuse(codeAndFields: string): void {
  emit("E error cmd=" + (cmd === "" ? "-" : bare(cmd)) + " code=" + codeAndFields);
}

/** One `recipe` line per installed recipe file, from its head line only. */
function listRecipes(): void {
  const store = files as FileStore;
  const names = store.list(RECIPE_FILE);
  for (const name of names) {
    const head = recipeHead(store.read(RECIPE_FILE + name) || "");
    emit("I recipe name=" + bare(name) + " keys=" + MIN_KEYS + "-" + bare(head[2] || "-") + " src=" + bare(head[3] || "-") + " hash=" + bare(head[5] || "-"));
  }
  ok(" n=" + names.length);
}

function pair(a: ParsedLine): void {
  if (a.pos.length !== 1) return refuse("bad-argument id=usage");
  const text = a.pos[0].length <= RECIPE_NAME_MAX ? (files as FileStore).read(RECIPE_FILE + a.pos[0]) : undefined;
  if (text === undefined) return refuse("unknown-recipe name=" + bare(a.pos[0]));
  const recipe = decodeRecipe(text);
  const keys = toInt(arg(a, "keys"));
  const confirmed = toInt(arg(a, "confirm"));
  if (keys < 0 || confirmed < 0) return refuse("bad-argument id=keys");
  if (keys < MIN_KEYS || keys > recipe.maxKeys) return refuse("keys-out-of-range min=" + MIN_KEYS + " max=" + recipe.maxKeys);
  if (confirmed !== keys) return refuse("confirm-mismatch");
  if (recipe.confidence === "forum" && arg(a, "forum") !== "1") return refuse("forum-unconfirmed");
  const params = paramsOf(recipe, a);
  if (!params) return;
  const problem = validateRecipe(recipe, params, keys, session.fobs, maxPressMs);
  if (problem !== "") return refuse(problem);
  // the car as the recipe starts from it, read before anything is pressed
  const unready = notReady(recipe);
  if (unready !== "") return refuse("not-ready " + unready);
  ok("");
  startRun(recipe, params, keys);
}

/** The recipe's defaults overridden by the line's `name=value` pairs (params.ts grammar); undefined after a refusal. */
function paramsOf(recipe: RecipeCore, a: ParsedLine): Params | undefined {
  const values = defaultParams(recipe.params);
  for (let i = 0; i < a.names.length; i++) {
    const name = a.names[i];
    if (name === "keys" || name === "confirm" || name === "forum") continue; // pair's own arguments
    const shown = " arg=" + bare(name);
    let param = undefined;
    for (const q of recipe.params) if (q.name === name) param = q;
    if (!param) return void refuse("bad-argument id=unknown" + shown);
    const v = paramValue(param, a.vals[i]);
    if (v < 0) {
      const range = paramRange(param);
      return void refuse("bad-argument id=" + range.id + shown + range.fields);
    }
    values[name] = v;
  }
  return values;
}

function press(a: ParsedLine): void {
  const max = maxPressMs;
  const well = a.pos.length === 3 && a.names.length === 0;
  const fob = well ? toInt(a.pos[0]) : -1;
  const ms = well ? toInt(a.pos[2]) : -1;
  if (fob < 1 || fob > MAX_FOBS || FOB_BUTTONS.indexOf(a.pos[1]) < 0 || ms < 1 || ms > max) return refuse("bad-argument id=usage max=" + max);
  const role = "fob" + fob + "." + a.pos[1];
  if (!isWired(role)) return refuse("not-wired role=" + role);
  ok("");
  const now = (clock as Clock).now();
  pressSwitch(role, ms + CAP_MARGIN); // the switch bank clamps the cap to the board's maxPressMs
  releaseSwitchAfter(role, ms);
  listenRfUntil(now + ms + LISTEN_MS);
  // the cell read with the button held (the host's fob test judges it), with the board's own calibration
  const cal = (files as FileStore).read(CALIBRATION_FILE + fob);
  const gain = cal === undefined ? 0 : toInt(cal);
  reportBattery(fob, gain > 0 ? gain : 0);
}
