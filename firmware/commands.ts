import { FOB_BUTTONS, MAX_FOBS, fobCount, type DeviceBoard } from "../hal/board";
import { arg, parseLine, toInt, type ParsedLine } from "./command-parser";
import type { EventWriter, Field } from "./event-writer";
import type { Guard } from "./guard";
import type { Io } from "./io";
import { CAP_MARGIN } from "./plan";
import { RECIPE_TABLE, findRecipe } from "./recipes/table";
import type { Param, Params, Recipe } from "./recipes/types";
import { validateRecipe } from "./recipes/validate";
import type { Sequencer } from "./sequencer";

/** What `version` and `boot` report. */
export interface BuildInfo {
  version: string;
  build: string;
  target: string;
}

const CMDS = "help version status recipes pair test-fob press ack abort";

/**
 * Command dispatch (docs/protocol.md): returns the line handler. Every refusal
 * is one `error` line and changes nothing; while a procedure runs only status,
 * abort and ack pass.
 */
export function createCommands(io: Io, seq: Sequencer, w: EventWriter, g: Guard, info: BuildInfo): (line: string) => void {
  const board: DeviceBoard = io.board;
  const bank = io.bank;
  const benchTm: { [role: string]: number } = {};
  let c = "";

  function emit(e: string, f: Field[]): void {
    w.emit("I", e, f);
  }
  function ok(f: Field[]): void {
    const head: Field[] = ["cmd", c];
    emit("ok", head.concat(f));
  }
  /** Refuse the line with an error code and the fields that say why (the host words them): always returns false. */
  function err(code: string, f: Field[]): boolean {
    const head: Field[] = ["cmd", c === "" ? "-" : c, "code", code];
    w.emit("E", "error", head.concat(f));
    return false;
  }

  /** Defaults overridden by `name=value` (an integer or one of the param's value names); undefined after an error. */
  function params(r: Recipe, a: ParsedLine): Params | undefined {
    const p: Params = {};
    for (const x of r.params) p[x.n] = x.d;
    for (let i = 0; i < a.keys.length; i++) {
      let k = a.keys[i];
      if (k === "keys" || k === "confirm") continue;
      if (k === "press") k = "pressMs";
      let x: Param | undefined = undefined;
      for (const q of r.params) if (q.n === k) x = q;
      if (x === undefined) {
        err("bad-argument", ["id", "unknown", "arg", a.keys[i]]);
        return undefined;
      }
      const t = x.v !== undefined ? x.v.indexOf(a.vals[i]) : -1;
      const v = t >= 0 ? t + x.lo : toInt(a.vals[i]);
      if (v < x.lo || v > x.hi) {
        err("bad-argument", x.v !== undefined ? ["id", "values", "arg", a.keys[i], "values", x.v.join(",")] : ["id", "range", "arg", a.keys[i], "lo", x.lo, "hi", x.hi]);
        return undefined;
      }
      p[k] = v;
    }
    return p;
  }

  function run(r: Recipe, p: Params | undefined, keys: number): void {
    if (p === undefined) return;
    const e = validateRecipe(r, p, keys, board);
    if (e !== undefined) return void err(e.code, e.f);
    ok([]);
    seq.start(r, p, keys);
  }

  function pair(a: ParsedLine): boolean | void {
    const r = findRecipe(a.pos.length === 1 ? a.pos[0] : "");
    if (r === undefined || r.name === "fob-test") return err("bad-argument", ["id", "usage"]);
    const keys = toInt(arg(a, "keys") || "");
    if (keys < 0 || toInt(arg(a, "confirm") || "") < 0) return err("bad-argument", ["id", "keys"]);
    if (keys < r.min || keys > r.max) return err("keys-out-of-range", ["min", r.min, "max", r.max]);
    if (toInt(arg(a, "confirm") || "") !== keys) return err("confirm-mismatch", []);
    run(r, params(r, a), keys);
  }

  function testFob(a: ParsedLine): boolean | void {
    const r = findRecipe("fob-test") as Recipe;
    if (a.pos.length > 0) return err("bad-argument", ["id", "usage"]);
    const p = params(r, a);
    if (p !== undefined && p["fob"] > fobCount(board)) return err("not-wired", ["role", "fob" + p["fob"]]);
    run(r, p, 1);
  }

  function press(a: ParsedLine): boolean | void {
    const n = a.pos.length === 3 && a.keys.length === 0;
    const fob = n ? toInt(a.pos[0]) : -1;
    const ms = n ? toInt(a.pos[2]) : -1;
    if (fob < 1 || fob > MAX_FOBS || FOB_BUTTONS.indexOf(a.pos[1]) < 0 || ms < 1 || ms > board.maxPressMs) {
      return err("bad-argument", ["id", "usage", "max", board.maxPressMs]);
    }
    const role = "fob" + fob + "." + a.pos[1];
    if (!io.has(role)) return err("not-wired", ["role", role]);
    if (bank.isOn(role)) return err("busy", ["role", role]);
    const old = benchTm[role];
    if (old !== undefined) g.clock.cancel(old);
    benchTm[role] = g.at(g.clock.now() + ms, () => bank.release(role));
    ok([]);
    bank.press(role, Math.min(ms + CAP_MARGIN, board.maxPressMs));
  }

  return (line: string) => {
    const a = parseLine(line);
    c = a.code === "bad-argument" ? a.name : "";
    if (a.code !== "") return void err(a.code, a.f);
    c = a.name;
    const r = seq.recipe();
    if (c === "") return;
    if (CMDS.split(" ").indexOf(c) < 0) return void err("unknown-command", []);
    if (r !== undefined && c !== "status" && c !== "abort" && c !== "ack") return void err("busy", []);
    if (c === "help") {
      emit("help", ["cmds", CMDS]);
      ok([]);
    } else if (c === "version") {
      emit("version", ["fw", info.version, "build", info.build, "target", info.target, "board", board.id, "proto", 1]);
      ok([]);
    } else if (c === "status") {
      emit("status", ["state", r !== undefined ? "busy" : "idle", "recipe", r !== undefined ? r.name : "-", "step", seq.step(), "key", r !== undefined ? seq.key() : 0, "on", bank.onList()]);
      ok([]);
    } else if (c === "recipes") {
      for (const x of RECIPE_TABLE) emit("recipe", ["name", x.name, "keys", x.min + "-" + x.max, "needs", ["fob1.unlock", "fob1.lock"].concat(x.needs).join(",")]);
      ok(["n", RECIPE_TABLE.length]);
    } else if (c === "pair") pair(a);
    else if (c === "test-fob") testFob(a);
    else if (c === "press") press(a);
    else if (c === "ack") {
      if (r === undefined || !seq.waitsAck()) return void err("nothing-to-ack", []);
      ok([]);
      seq.onAck();
    } else {
      ok([]);
      if (!seq.abort()) bank.releaseAll();
    }
  };
}
