import { join } from "node:path";
import type { BoardDescription } from "../../hal/board";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { validateBoard } from "../../hal/board-validate";
import { espruinoBoardProblems } from "./espruino-board-check";
import { BUILD_ID_PLACEHOLDER, packageVersion, REPO_ROOT, stampBuildId } from "./build-info";
import { deviceBoardOf, lowActiveLeftOut } from "./device-board";
import { bundleSources } from "./espruino/bundle-sources";
import { assertDialect } from "./espruino/dialect-gate";
import { minifyForEspruino } from "./espruino/minify";
import { unwrapScope } from "./espruino/unwrap-scope";
import { assertRoundTrip, pretokenise } from "./espruino/pretokenise";

/**
 * The Espruino bundle: the firmware core plus the Espruino adapters, as ONE
 * self-contained file that Espruino 2v29 runs from Storage as `.bootcde`.
 * The pipeline is the list below; each pass takes the code and gives it on.
 * `npm run bench` prints every stage's bytes and the JsVars it uses on the
 * real interpreter (docs/espruino.md has the figures).
 *
 * RAM, not flash, is what is scarce: Espruino runs the code of a Storage
 * file in place, so bytes cost flash only, while every function, object
 * field and string built at boot costs JsVars.
 */
export const ESPRUINO_PASSES: EspruinoPass[] = [
  { name: "terser", run: minifyForEspruino },
  { name: "unwrap-scope", run: unwrapScope },
  { name: "build-id", run: (code, facts) => stamp(code, facts) },
  { name: "dialect-gate", run: (code) => (assertDialect(code, "fobsync.js"), code) },
  { name: "pretokenise", run: pretokeniseChecked },
];

/** One pass: code in, code out; `facts` collects what a pass learns (the build id). */
export interface EspruinoPass {
  name: string;
  run(code: string, facts: { build: string }): string;
}

export const ESPRUINO_ENTRY = join(REPO_ROOT, "firmware", "targets", "espruino.ts");

/** A sanity limit, not a budget: flash is plentiful (256 KB of Storage on an ESP32); JsVars are the budget. */
export const ESPRUINO_SIZE_LIMIT = 64 * 1024;

export interface EspruinoBuildOptions {
  /** Board baked into the bundle; default the ESP32_RELAY8 profile. Must pass `validateBoard`. */
  board?: BoardDescription;
  /** Entry module (the composition root); default `firmware/targets/espruino.ts`. */
  entry?: string;
}

export interface EspruinoBundle {
  /** The minified source (plain ASCII JavaScript, what `shipped` reads back as). */
  code: string;
  /** The file to upload: `code` pretokenised, one byte per character (write and send it as latin1). */
  shipped: string;
  /** Size of `shipped` in bytes. */
  bytes: number;
  version: string;
  build: string;
  boardId: string;
  /** The code after esbuild and after each pass, in order. */
  stages: { name: string; code: string }[];
}

/** Build the bundle. Throws (and produces nothing) on an invalid board, a dialect violation or a bundle over the sanity limit. */
export function buildEspruinoBundle(options: EspruinoBuildOptions = {}): EspruinoBundle {
  const board = options.board ?? ESP32_RELAY8;
  const problems = validateBoard(board).concat(espruinoBoardProblems(board));
  if (problems.length > 0) throw new Error(`board '${board.id}' is invalid:\n  ${problems.join("\n  ")}`);
  const version = packageVersion();
  const injected = { board: lowActiveLeftOut(deviceBoardOf(board)), info: { version, build: BUILD_ID_PLACEHOLDER, target: "espruino" } };
  const stages = [{ name: "esbuild", code: bundleSources(options.entry ?? ESPRUINO_ENTRY, injected) }];
  const facts = { build: "" };
  for (const pass of ESPRUINO_PASSES) stages.push({ name: pass.name, code: pass.run(stages[stages.length - 1].code, facts) });
  const shipped = stages[stages.length - 1].code;
  const bytes = Buffer.byteLength(shipped, "latin1");
  if (bytes > ESPRUINO_SIZE_LIMIT) throw new Error(`the bundle is ${bytes} bytes, over the ${ESPRUINO_SIZE_LIMIT}-byte sanity limit`);
  return { code: stages[stages.length - 2].code, shipped, bytes, version, build: facts.build, boardId: board.id, stages };
}

function stamp(code: string, facts: { build: string }): string {
  const stamped = stampBuildId(code);
  facts.build = stamped.build;
  return stamped.text;
}

/** EspruinoTools' pretokeniser, checked to read back as the same program. */
function pretokeniseChecked(code: string): string {
  const shipped = pretokenise(code);
  assertRoundTrip(code, shipped);
  return shipped;
}
