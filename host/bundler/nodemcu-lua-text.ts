import type { BoardDescription, DeviceBoard } from "../../hal/board";

/**
 * Text helpers for the NodeMCU build: Lua literals for baked data and the
 * generated `init.lua` (the minifier is lua-minify.ts).
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

/**
 * Give the modules of a typescript-to-lua bundle short names ("a", "b", ...):
 * the module table's keys `["firmware.sequencer"] = function(...)` and every
 * `require("firmware.sequencer"` call. The names are only ever used there;
 * the function checks that no long name is left anywhere else.
 */
export function shortenModuleNames(bundle: string): string {
  const names: string[] = [];
  const key = /^\["([A-Za-z0-9_.\-]+)"\] = function\(\.\.\.\) *$/gm;
  for (let m = key.exec(bundle); m !== null; m = key.exec(bundle)) names.push(m[1]);
  let out = bundle;
  names.forEach((name, i) => {
    const short = luaString(shortModuleName(i));
    out = out.split(`["${name}"] = function(...)`).join(`[${short}] = function(...)`);
    out = out.split(`require("${name}"`).join(`require(${short}`);
    if (out.includes(`"${name}"`)) throw new Error(`module name "${name}" is used outside require() and the module table`);
  });
  return out;
}

/**
 * Give the modules' exported names short ones (`____exports.findPin` and
 * `____board.findPin` become `.c`): they are fields of the module tables,
 * which the minifier cannot rename. Renamed only on the module tables
 * themselves (`____exports` and the locals that hold a `require` result) and
 * as keys of the lualib table; the entry module's exports, which the bundle
 * returns, keep their names. Throws when a module table is used any other way.
 */
export function shortenExportNames(bundle: string): string {
  const entry = /^local ____entry = require\("([^"]+)", \.\.\.\)$/m.exec(bundle);
  if (entry === null) throw new Error("bundle without an entry require");
  const entryStart = bundle.indexOf(`[${luaString(entry[1])}] = function(...)`);
  const entryEnd = bundle.indexOf("\n end,", entryStart);
  const entryBody = entryStart < 0 || entryEnd < 0 ? "" : bundle.slice(entryStart, entryEnd);
  const kept = new Set(Array.from(entryBody.matchAll(/____exports\.([A-Za-z_]\w*)/g), (m) => m[1]));
  const tables = new Set(["____exports", ...Array.from(bundle.matchAll(/^\s*local (____\w+) = require\(/gm), (m) => m[1])]);
  const lualibKeys = Array.from(bundle.matchAll(/^ {2}(__TS__\w+) = __TS__\w+,?$/gm), (m) => m[1]);
  const names = new Set<string>(lualibKeys);
  for (const m of bundle.matchAll(/\b(____\w+)\.([A-Za-z_]\w*)/g)) if (tables.has(m[1]) && !kept.has(m[2])) names.add(m[2]);
  const short = new Map<string, string>();
  let i = 0;
  for (const name of names) {
    let s = shortModuleName(i++);
    while (LUA_KEYWORDS.includes(s) || kept.has(s)) s = shortModuleName(i++);
    short.set(name, s);
  }
  let out = bundle.replace(/\b(____\w+)\.([A-Za-z_]\w*)\b/g, (all, table: string, name: string) =>
    tables.has(table) && short.has(name) ? `${table}.${short.get(name)}` : all,
  );
  out = out.replace(/^ {2}(__TS__\w+) = (__TS__\w+,?)$/gm, (all, key: string, rest: string) => `  ${short.get(key) ?? key} = ${rest}`);
  // the renaming sees every use only if module tables are read as `____x.name` and nothing else
  const other = /^\s*local (\w+) = require\(/m.exec(out.replace(/^\s*local (____\w+) = require\(.*$/gm, ""));
  if (other !== null) throw new Error(`module table held in '${other[1]}': exports cannot be shortened`);
  for (const m of out.matchAll(/\b(____\w+)\[/g)) if (tables.has(m[1])) throw new Error(`module table '${m[1]}' is indexed with []`);
  return out;
}

/** typescript-to-lua's module loader in a bundle, exactly as 1.37 writes it. */
export const TSTL_LOADER = `local ____modules = {}
local ____moduleCache = {}
local ____originalRequire = require
local function require(file, ...)
    if ____moduleCache[file] then
        return ____moduleCache[file].value
    end
    if ____modules[file] then
        local module = ____modules[file]
        local value = nil
        if (select("#", ...) > 0) then value = module(...) else value = module(file) end
        ____moduleCache[file] = { value = value }
        return value
    else
        if ____originalRequire then
            return ____originalRequire(file)
        else
            error("module '" .. file .. "' not found")
        end
    end
end
`;

/**
 * The bundle's loader made small: every module of this bundle returns its
 * exports table (never nil) and every `require` names a module of the bundle
 * (shortenModuleNames checked), so the cache holds the value itself and there
 * is no fallback to a global `require`. Modules that nothing requires (sources
 * the device code only takes types from) are left out. Throws when the loader
 * is not typescript-to-lua's as expected.
 */
export function compactModuleLoader(bundle: string): string {
  const at = bundle.indexOf(TSTL_LOADER);
  if (at < 0 || bundle.indexOf(TSTL_LOADER, at + 1) >= 0) throw new Error("typescript-to-lua's module loader is not the expected one");
  const loader = `local ____modules = {}
local ____moduleCache = {}
local function require(file, ...)
    local value = ____moduleCache[file]
    if value == nil then
        value = ____modules[file](...)
        ____moduleCache[file] = value
    end
    return value
end
`;
  let out = bundle.slice(0, at) + loader + bundle.slice(at + TSTL_LOADER.length);
  for (let dropped = true; dropped; ) {
    dropped = false;
    for (const m of out.matchAll(/^\[("[^"\n]+")\] = function\(\.\.\.\) *\n[\s\S]*?\n end,\n/gm)) {
      const rest = out.slice(0, m.index) + out.slice(m.index + m[0].length);
      if (!rest.includes(`require(${m[1]}`)) {
        out = rest;
        dropped = true;
        break;
      }
    }
  }
  return out;
}

/** "a".."z", then "ba", "bb", ...: short and never equal for different `i`. */
function shortModuleName(i: number): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let s = letters[i % 26];
  for (let n = Math.floor(i / 26); n > 0; n = Math.floor(n / 26)) s = letters[n % 26] + s;
  return s;
}

/** The Lua locals the bundle reads: board description, build info and the recipes' text. */
export function luaPrelude(board: DeviceBoard, info: { version: string; build: string; target: string }, recipes: string): string {
  return "local FOBSYNC_BOARD=" + luaLiteral(board) + "\nlocal FOBSYNC_INFO=" + luaLiteral(info) + "\nlocal FOBSYNC_RECIPES=" + luaLiteral(recipes) + "\n";
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
