import { FOB_BUTTONS, MAX_FOBS, fobCount, type DeviceBoard } from "../hal/board";
import type { Clock } from "../hal/contracts";
import { arg, parseLine, type ParsedLine } from "./command-parser";
import { bare, type Emit } from "./event-writer";
import type { Io } from "./io";
import { CAP_MARGIN } from "./plan";
import { paramList, toInt } from "./recipes/decode";
import { RECIPE_TABLE, findRecipe } from "./recipes/table";
import type { Params, Recipe } from "./recipes/types";
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
 * is one `error` line (code and numbers; host/protocol/texts.ts words it) and
 * changes nothing; while a procedure runs or a switch is on (a bench `press`
 * until its release) only status, abort and ack pass.
 */
export function createCommands(io: Io, seq: Sequencer, emit: Emit, clock: Clock, info: BuildInfo): (line: string) => void {
  const board: DeviceBoard = io.board;
  const bank = io.bank;
  let c = "";

  function ok(more: string): void {
    emit("I", "ok cmd=" + c + more);
  }
  /** Refuse the line: `codeAndFields` is `<code>[ k=v...]`. */
  function err(codeAndFields: string): void {
    emit("E", "error cmd=" + (c === "" ? "-" : bare(c)) + " code=" + codeAndFields);
  }

  /** Defaults overridden by `name=value` (an integer or one of the param's value names); undefined after an error. */
  function params(r: Recipe, a: ParsedLine): Params | undefined {
    const p: Params = {};
    const list = paramList(r);
    for (const q of list) p[q[0]] = toInt(q[1]);
    for (let i = 0; i < a.names.length; i++) {
      let k = a.names[i];
      if (k === "keys" || k === "confirm") continue;
      if (k === "press") k = "pressMs";
      let x: string[] | undefined = undefined;
      for (const q of list) if (q[0] === k) x = q;
      if (!x) {
        err("bad-argument id=unknown arg=" + bare(a.names[i]));
        return undefined;
      }
      const lo = toInt(x[2]);
      const hi = toInt(x[3]);
      const t = x.length > 4 ? x[4].split("/").indexOf(a.vals[i]) : -1;
      const v = t >= 0 ? t + lo : toInt(a.vals[i]);
      if (v < lo || v > hi) {
        err("bad-argument id=" + (x.length > 4 ? "values arg=" + bare(a.names[i]) + " values=" + x[4].split("/").join(",") : "range arg=" + bare(a.names[i]) + " lo=" + lo + " hi=" + hi));
        return undefined;
      }
      p[k] = v;
    }
    return p;
  }

  function run(r: Recipe, p: Params | undefined, keys: number): void {
    if (!p) return;
    const e = validateRecipe(r, p, keys, board);
    if (e !== "") return err(e);
    ok("");
    seq.start(r, p, keys);
  }

  function pair(a: ParsedLine): void {
    const r = findRecipe(a.pos.length === 1 ? a.pos[0] : "");
    const keys = toInt(arg(a, "keys"));
    if (!r || r.name === "fob-test") err("bad-argument id=usage");
    else if (keys < 0 || toInt(arg(a, "confirm")) < 0) err("bad-argument id=keys");
    else if (keys < r.min || keys > r.max) err("keys-out-of-range min=" + r.min + " max=" + r.max);
    else if (toInt(arg(a, "confirm")) !== keys) err("confirm-mismatch");
    else run(r, params(r, a), keys);
  }

  function testFob(a: ParsedLine): void {
    const r = findRecipe("fob-test") as Recipe;
    if (a.pos.length > 0) return err("bad-argument id=usage");
    const p = params(r, a);
    if (p && p["fob"] > fobCount(board)) return err("not-wired role=fob" + p["fob"]);
    run(r, p, 1);
  }

  function press(a: ParsedLine): void {
    const n = a.pos.length === 3 && a.names.length === 0;
    const fob = n ? toInt(a.pos[0]) : -1;
    const ms = n ? toInt(a.pos[2]) : -1;
    if (fob < 1 || fob > MAX_FOBS || FOB_BUTTONS.indexOf(a.pos[1]) < 0 || ms < 1 || ms > board.maxPressMs) {
      return err("bad-argument id=usage max=" + board.maxPressMs);
    }
    const role = "fob" + fob + "." + a.pos[1];
    if (!io.has(role)) return err("not-wired role=" + role);
    ok("");
    bank.press(role, Math.min(ms + CAP_MARGIN, board.maxPressMs));
    bank.releaseAt(role, clock.now() + ms);
  }

  return (line: string) => {
    const a = parseLine(line);
    c = a.err.substring(0, 12) === "bad-argument" ? a.name : "";
    if (a.err !== "") return err(a.err);
    c = a.name;
    const busy = seq.busy() || bank.onList() !== "-";
    if (c === "") return;
    if (CMDS.split(" ").indexOf(c) < 0) return err("unknown-command");
    if (busy && c !== "status" && c !== "abort" && c !== "ack") return err("busy");
    if (c === "help") emit("I", 'help cmds="' + CMDS + '"');
    else if (c === "version") emit("I", "version fw=" + info.version + " build=" + info.build + " target=" + info.target + " board=" + board.id + " proto=1");
    else if (c === "status") emit("I", "status " + seq.status() + " on=" + bank.onList());
    else if (c === "recipes") {
      for (const x of RECIPE_TABLE) emit("I", "recipe name=" + x.name + " keys=" + x.min + "-" + x.max + " needs=fob1.unlock,fob1.lock" + (x.needs !== "" ? "," + x.needs : ""));
      return ok(" n=" + RECIPE_TABLE.length);
    } else if (c === "pair") return pair(a);
    else if (c === "test-fob") return testFob(a);
    else if (c === "press") return press(a);
    else if (c === "ack") {
      if (!busy || !seq.waitsAck()) return err("nothing-to-ack");
      ok("");
      return seq.onAck();
    } else {
      ok("");
      if (!seq.abort()) bank.releaseAll();
      return;
    }
    ok("");
  };
}
