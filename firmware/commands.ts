import { FOB_BUTTONS, MAX_FOBS, fobCount, isWired, type BoardDescription } from "../hal/board";
import { arg, parseLine, toInt, type ParsedLine } from "./command-parser";
import type { EventWriter } from "./event-writer";
import type { Guard } from "./guard";
import type { Io } from "./io";
import { CAP_MARGIN } from "./plan";
import { RECIPES, findRecipe } from "./recipes/index";
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
 * Command dispatch (docs/protocol.md). Every refusal is one `error` line and
 * changes nothing; while a procedure runs only status, abort and ack pass.
 */
export class Commands {
  private w: EventWriter;
  private io: Io;
  private seq: Sequencer;
  private g: Guard;
  private board: BoardDescription;
  private info: BuildInfo;
  private benchTm: { [role: string]: number } = {};

  constructor(io: Io, seq: Sequencer, w: EventWriter, g: Guard, info: BuildInfo) {
    this.io = io;
    this.seq = seq;
    this.w = w;
    this.g = g;
    this.board = io.board;
    this.info = info;
  }

  handle(line: string): void {
    const a = parseLine(line);
    const c = a.name;
    if (a.code !== "") return this.err(a.code === "bad-argument" ? c : "-", a.code, a.msg);
    if (c === "") return;
    if (this.seq.busy() && c !== "status" && c !== "abort" && c !== "ack") {
      if (CMDS.split(" ").indexOf(c) < 0) return this.err(c, "unknown-command", "Unknown command " + c + ": try help");
      return this.err(c, "busy", "A procedure runs: only status, abort, ack");
    }
    if (c === "help") {
      this.w.emit("I", "help", ["cmds", CMDS]);
      this.ok(c);
    } else if (c === "version") this.version();
    else if (c === "status") {
      const s = this.seq;
      const r = s.r;
      this.w.emit("I", "status", ["state", s.busy() ? "busy" : "idle", "recipe", r !== undefined ? r.name : "-", "step", s.stepName(), "key", r !== undefined ? s.key : 0, "on", this.io.bank.onList()]);
      this.ok(c);
    } else if (c === "recipes") this.recipes();
    else if (c === "pair") this.pair(a);
    else if (c === "test-fob") this.testFob(a);
    else if (c === "press") this.press(a);
    else if (c === "ack") {
      if (!this.seq.busy() || !this.seq.onAck()) return this.err(c, "nothing-to-ack", "No prompt waits for an ack");
      this.ok(c);
    } else if (c === "abort") {
      this.ok(c);
      if (!this.seq.abort()) this.io.bank.releaseAll();
    } else this.err(c, "unknown-command", "Unknown command " + c + ": try help");
  }

  /** The `version` line, also used as the boot banner's twin. */
  version(): void {
    const i = this.info;
    this.w.emit("I", "version", ["fw", i.version, "build", i.build, "target", i.target, "board", this.board.id, "proto", 1]);
    this.ok("version");
  }

  private ok(cmd: string): void {
    this.w.emit("I", "ok", ["cmd", cmd]);
  }

  private err(cmd: string, code: string, msg: string): void {
    this.w.emit("E", "error", ["cmd", cmd === "" ? "-" : cmd, "code", code, "msg", msg]);
  }

  private recipes(): void {
    for (const r of RECIPES) {
      this.w.emit("I", "recipe", ["name", r.name, "title", r.title, "keys", r.min + "-" + r.max, "needs", needs(r), "sources", r.sources]);
    }
    this.w.emit("I", "ok", ["cmd", "recipes", "n", RECIPES.length]);
  }

  private pair(a: ParsedLine): void {
    const c = "pair";
    const r = findRecipe(a.pos.length > 0 ? a.pos[0] : "");
    if (a.pos.length !== 1 || r === undefined || r.name === "fob-test") return this.err(c, "bad-argument", "Usage: pair <recipe> keys=N confirm=N (see recipes)");
    const keys = toInt(arg(a, "keys") ?? "");
    const confirm = toInt(arg(a, "confirm") ?? "");
    if (keys < 0 || confirm < 0) return this.err(c, "bad-argument", "keys=N and confirm=N are required");
    if (keys < r.min || keys > r.max) return this.err(c, "keys-out-of-range", "keys must be " + r.min + ".." + r.max);
    if (confirm !== keys) return this.err(c, "confirm-mismatch", "confirm must equal keys: count your keys again");
    const p = this.params(r, a, "keys confirm");
    if (p === undefined) return;
    if (!this.valid(c, r, p, keys)) return;
    this.ok(c);
    this.seq.start(r, p, keys);
  }

  private testFob(a: ParsedLine): void {
    const c = "test-fob";
    const r = findRecipe("fob-test");
    if (r === undefined) return;
    if (a.pos.length > 0) return this.err(c, "bad-argument", "Usage: test-fob [fob=N] [press=ms]");
    const p = this.params(r, a, "");
    if (p === undefined) return;
    if (p["fob"] > fobCount(this.board)) return this.err(c, "not-wired", "fob" + p["fob"] + " is not wired");
    if (!this.valid(c, r, p, 1)) return;
    this.ok(c);
    this.seq.start(r, p, 1);
  }

  private press(a: ParsedLine): void {
    const c = "press";
    const fob = a.pos.length === 3 ? toInt(a.pos[0]) : -1;
    const ms = a.pos.length === 3 ? toInt(a.pos[2]) : -1;
    const btn = a.pos.length === 3 ? a.pos[1] : "";
    if (a.keys.length > 0 || fob < 1 || fob > MAX_FOBS || FOB_BUTTONS.indexOf(btn) < 0 || ms < 1 || ms > this.board.maxPressMs) {
      return this.err(c, "bad-argument", "Usage: press <fob 1-" + MAX_FOBS + "> <unlock|lock|boot> <ms 1-" + this.board.maxPressMs + ">");
    }
    const role = "fob" + fob + "." + btn;
    if (!isWired(this.board, role)) return this.err(c, "not-wired", role + " is not wired");
    if (this.io.bank.isOn(role)) return this.err(c, "busy", role + " is already pressed");
    const bank = this.io.bank;
    const now = this.g.clock.now();
    const old = this.benchTm[role];
    if (old !== undefined) this.g.clock.cancel(old);
    this.benchTm[role] = this.g.at(now + ms, () => bank.release(role));
    this.ok(c);
    bank.press(role, Math.min(ms + CAP_MARGIN, this.board.maxPressMs));
  }

  /** Defaults overridden by `name=value` (an integer or one of the param's names); undefined after an error line. */
  private params(r: Recipe, a: ParsedLine, skip: string): Params | undefined {
    const p: Params = {};
    for (const x of r.params) p[x.n] = x.d;
    for (let i = 0; i < a.keys.length; i++) {
      const k = a.keys[i];
      if (skip.split(" ").indexOf(k) >= 0) continue;
      const name = r.name === "fob-test" && k === "press" ? "pressMs" : k;
      let x: Param | undefined = undefined;
      for (const q of r.params) if (q.n === name) x = q;
      if (x === undefined) {
        this.err(a.name, "bad-argument", "Unknown parameter " + k + " for " + r.name);
        return undefined;
      }
      let v = x.v !== undefined ? x.v.indexOf(a.vals[i]) : -1;
      v = v >= 0 ? v + x.lo : toInt(a.vals[i]);
      if (v < x.lo || v > x.hi) {
        this.err(a.name, "bad-argument", k + " must be " + (x.v !== undefined ? x.v.join("|") : x.lo + ".." + x.hi));
        return undefined;
      }
      p[name] = v;
    }
    return p;
  }

  private valid(c: string, r: Recipe, p: Params, keys: number): boolean {
    const e = validateRecipe(r, p, keys, this.board);
    if (e === undefined) return true;
    this.err(c, e.code, e.msg);
    return false;
  }
}

/** The roles a recipe needs, for `recipes`. */
function needs(r: Recipe): string {
  const n = ["fob1.unlock", "fob1.lock"];
  for (const x of r.needs) n.push(x);
  return n.join(",");
}
