import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type ts from "typescript";
import type * as tstl from "typescript-to-lua";
import { type BoardDescription } from "../../hal/board";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { validateBoard } from "../../hal/board-validate";
import { BUILD_ID_PLACEHOLDER, packageVersion, REPO_ROOT, stampBuildId } from "./build-info";
import { deviceBoardOf, lowActiveLeftOut } from "./device-board";
import { nodeMcuBoardProblems } from "./nodemcu-board-check";
import { concatNumbersPlugin } from "./lua-concat-plugin";
import { initLua, luaPrelude } from "./nodemcu-lua-text";
import { luaCompiler } from "./typescript-to-lua-lazy";

/**
 * The NodeMCU build: the firmware core plus the NodeMCU adapters, compiled by
 * typescript-to-lua (Lua 5.1, runs on 5.3 too) into ONE bundle with only the
 * lualib functions it uses, and a tiny `init.lua`.
 *
 *   1. TSTL bundles `firmware/targets/nodemcu.ts` and its imports (tsconfig.lua.json,
 *      comments removed; the concat plugin writes numbers into strings without `tostring`);
 *   2. the board description (electrical fields only) and build info go in
 *      front as Lua locals (the recipes are files of their own: `fobsync flash`);
 *   3. the build id (build-info.ts scheme) replaces its placeholder;
 *   4. `init.lua` is generated for the board: it releases every switch first.
 * Nothing is minified by hand: measured on lua5.1, the hand-written minifier and
 * module-name passes left the heap after boot unchanged (Lua Flash Store path
 * 32.02 KB either way; RAM path 87.2 against 88.0 KB), and saved only flash
 * bytes and upload time (docs/nodemcu.md). The tests run exactly the shipped bytes.
 */

export const NODEMCU_TSCONFIG = join(REPO_ROOT, "tsconfig.lua.json");
export const NODEMCU_ENTRY = join(REPO_ROOT, "firmware", "targets", "nodemcu.ts");
export const NODEMCU_DIST = join(REPO_ROOT, "dist", "nodemcu");
export const NODEMCU_BUNDLE_NAME = "fobsync.lua";
export const NODEMCU_INIT_NAME = "init.lua";
import { NODEMCU_SIZE_LIMIT } from "./nodemcu-budgets";
export { NODEMCU_SIZE_LIMIT, NODEMCU_HEAP_BUDGET_KB, NODEMCU_ESP32_HEAP_BUDGET_KB } from "./nodemcu-budgets";

export interface NodeMcuBuildOptions {
  /** Board baked into the bundle; default ESP32_RELAY8. Must pass `validateBoard` and the NodeMCU pin limits. */
  board?: BoardDescription;
  /** Composition root; default `firmware/targets/nodemcu.ts` (tests use fixtures). */
  entry?: string;
}

export interface NodeMcuBuild {
  /** File name -> Lua text: `init.lua` and `fobsync.lua`. */
  files: { [name: string]: string };
  /** UTF-8 sizes by file name, and their sum. */
  bytes: { [name: string]: number };
  totalBytes: number;
  version: string;
  build: string;
  boardId: string;
}

const transpiled = new Map<string, string>();

/** Step 1 (memoised per entry: the TSTL run takes seconds, the board only changes the prelude). */
export function transpileNodeMcu(entry: string = NODEMCU_ENTRY): string {
  const cached = transpiled.get(entry);
  if (cached !== undefined) return cached;
  const out: { [name: string]: string } = {};
  const { ts, tstl } = luaCompiler();
  const config = tstl.parseConfigFileWithSystem(NODEMCU_TSCONFIG);
  const configErrors = config.errors.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (configErrors.length > 0) throw new Error("tsconfig.lua.json: " + configErrors.map(describeDiagnostic).join("; "));
  // noImplicitSelf: functions take no hidden `self` parameter (every call and definition one argument
  // shorter); NodeMCU's methods that need `:` say so with `this:` in hal/nodemcu/nodemcu.d.ts.
  // concatNumbersPlugin: numbers concatenated without `tostring` (lua-concat-plugin.ts).
  const options: tstl.CompilerOptions = {
    ...config.options,
    luaBundleEntry: entry,
    noImplicitSelf: true,
    luaPlugins: [{ plugin: concatNumbersPlugin() }],
  };
  const result = tstl.transpileFiles([entry, join(REPO_ROOT, "hal", "nodemcu", "nodemcu.d.ts")], options, (name, text) => {
    out[name] = text;
  });
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error("typescript-to-lua failed:\n  " + errors.map(describeDiagnostic).join("\n  "));
  const names = Object.keys(out);
  if (names.length !== 1) throw new Error(`typescript-to-lua wrote ${names.length} files, expected the one bundle`);
  const text = out[names[0]];
  transpiled.set(entry, text);
  return text;
}

/** Build the Lua files in memory. Throws (and produces nothing) on an invalid board or a TSTL error. */
export function buildNodeMcu(options: NodeMcuBuildOptions = {}): NodeMcuBuild {
  const board = options.board ?? ESP32_RELAY8;
  const problems = validateBoard(board).concat(nodeMcuBoardProblems(board));
  if (problems.length > 0) throw new Error(`board '${board.id}' is invalid:\n  ${problems.join("\n  ")}`);
  const version = packageVersion();
  const body = transpileNodeMcu(options.entry ?? NODEMCU_ENTRY);
  const info = { version, build: BUILD_ID_PLACEHOLDER, target: "nodemcu" };
  const stamped = stampBuildId(luaPrelude(lowActiveLeftOut(deviceBoardOf(board)), info) + body);
  const files: { [name: string]: string } = {
    [NODEMCU_INIT_NAME]: initLua(board, NODEMCU_BUNDLE_NAME),
    [NODEMCU_BUNDLE_NAME]: stamped.text,
  };
  const bytes: { [name: string]: number } = {};
  let totalBytes = 0;
  for (const [name, text] of Object.entries(files)) {
    bytes[name] = Buffer.byteLength(text, "utf8");
    totalBytes += bytes[name];
  }
  return { files, bytes, totalBytes, version, build: stamped.build, boardId: board.id };
}

/** Write a build's files into `dir` (created if needed). */
export function writeNodeMcuBuild(build: NodeMcuBuild, dir: string = NODEMCU_DIST): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(build.files)) writeFileSync(join(dir, name), text);
}

export interface LuaSizeRow {
  file: string;
  bytes: number;
}

/**
 * Sizes of the built Lua files in `dir` (for `npm run size`), with the total
 * and the budget. Throws when the build is missing (run `npm run build:lua`).
 */
export function luaSizes(dir: string = NODEMCU_DIST): { rows: LuaSizeRow[]; totalBytes: number; budgetBytes: number } {
  const rows: LuaSizeRow[] = [];
  let totalBytes = 0;
  for (const file of [NODEMCU_INIT_NAME, NODEMCU_BUNDLE_NAME]) {
    let bytes: number;
    try {
      bytes = statSync(join(dir, file)).size;
    } catch {
      throw new Error(`${join(dir, file)} is missing: run npm run build:lua`);
    }
    rows.push({ file, bytes });
    totalBytes += bytes;
  }
  return { rows, totalBytes, budgetBytes: NODEMCU_SIZE_LIMIT };
}

/** Read one built file back (tests, the simulated bench). */
export function readBuiltLua(file: string, dir: string = NODEMCU_DIST): string {
  return readFileSync(join(dir, file), "utf8");
}

function describeDiagnostic(d: ts.Diagnostic): string {
  const msg = luaCompiler().ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (d.file === undefined || d.start === undefined) return msg;
  const pos = d.file.getLineAndCharacterOfPosition(d.start);
  return `${d.file.fileName.replace(REPO_ROOT + "/", "")}:${pos.line + 1}:${pos.character + 1} ${msg}`;
}
