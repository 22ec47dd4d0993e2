import type { BoardDescription, DeviceBoard } from "../../hal/board";

/**
 * Text helpers for the NodeMCU build: Lua literals for baked data and the
 * generated `init.lua`.
 */

/**
 * A JSON-like value as a Lua expression: objects become tables with string
 * keys (in insertion order), arrays become 1-based sequences (what
 * typescript-to-lua makes of them), `undefined` fields are left out.
 */
export function luaLiteral(value: unknown): string {
  if (typeof value === "string") return luaString(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot put ${value} in Lua source`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return "{" + value.map(luaLiteral).join(",") + "}";
  if (value !== null && typeof value === "object") {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !LUA_KEYWORDS.includes(k) ? k : "[" + luaString(k) + "]";
      parts.push(key + "=" + luaLiteral(v));
    }
    return "{" + parts.join(",") + "}";
  }
  throw new Error(`cannot put a ${value === null ? "null" : typeof value} in Lua source`);
}

const LUA_KEYWORDS = "and break do else elseif end false for function if in local nil not or repeat return then true until while goto".split(" ");

/** A double-quoted Lua string; every byte outside printable ASCII as a 3-digit decimal escape (`\001`). */
export function luaString(text: string): string {
  let out = '"';
  for (const ch of Buffer.from(text, "utf8")) {
    if (ch === 0x22 || ch === 0x5c) out += "\\" + String.fromCharCode(ch);
    else if (ch >= 0x20 && ch <= 0x7e) out += String.fromCharCode(ch);
    else out += "\\" + String(ch).padStart(3, "0");
  }
  return out + '"';
}

/** The Lua locals the bundle reads: board description and build info. */
export function luaPrelude(board: DeviceBoard, info: { version: string; build: string; target: string }): string {
  return "local FOBSYNC_BOARD=" + luaLiteral(board) + "\nlocal FOBSYNC_INFO=" + luaLiteral(info) + "\n";
}

/** Output roles with the pin level that releases them, from a board description. */
export function releasedOutputs(board: BoardDescription): { pin: number; level: number; openDrain: boolean }[] {
  const out: { pin: number; level: number; openDrain: boolean }[] = [];
  for (const p of board.pins) {
    if (p.active === undefined || !/^fob[1-4]\.(unlock|lock|boot)$/.test(p.role)) continue;
    out.push({ pin: p.pin, level: p.active === "low" ? 1 : 0, openDrain: p.drive === "open-drain" });
  }
  return out;
}

/**
 * `init.lua`, which NodeMCU runs at boot: FIRST drive every fob switch to its
 * released level and make it an output (before the big file is even read),
 * then run the firmware under `pcall`, from the first place that has it:
 * the Lua Flash Store (module `fobsync` in an LFS image: code stays in flash),
 * the compiled `fobsync.lc`, the source `fobsync.lua`. On an error, release
 * again and say so on the console.
 */
export function initLua(board: BoardDescription, bundleName: string): string {
  const outs = releasedOutputs(board).map((o) => `{${o.pin},${o.level},${o.openDrain ? 1 : 0}}`).join(",");
  const module = bundleName.replace(/\.lua$/, "");
  const lc = module + ".lc";
  return [
    `-- fobsync ${board.id}: release every fob switch, then load the firmware`,
    `local function off()`,
    `for _,o in ipairs({${outs}}) do`,
    `gpio.write(o[1],o[2])`,
    `if gpio.config then gpio.config({gpio=o[1],dir=gpio.OUT,opendrain=o[3]}) else gpio.mode(o[1],o[3]==1 and gpio.OPENDRAIN or gpio.OUTPUT) end`,
    `end`,
    `end`,
    `off()`,
    `local L=node.LFS and node.LFS.get and node.LFS.get("${module}")`,
    `local f=L and "LFS" or (file.exists("${lc}") and "${lc}" or "${bundleName}")`,
    `local ok,e=pcall(L or dofile,f)`,
    `if not ok then off() print("fobsync: "..f.." failed: "..tostring(e)) end`,
    ``,
  ].join("\n");
}
