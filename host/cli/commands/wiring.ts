/**
 * `fobsync wiring`: the wiring diagram (SVG) and table of a board profile or
 * a board JSON file: which GPIO drives which fob pad, which input reads which
 * car wire, through which part and resistors.
 */
import { boardWarnings } from "../../../hal/board-validate";
import { checkWritableFile } from "../../common/paths";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { CommandModule } from "../command-module";
import { addOptions } from "../command-module";
import { CliError, EXIT, usageError } from "../../common/errors";
import { ESP32_RELAY8, BOARD_PROFILES } from "../../../hal/board-profiles";
import { loadBoard } from "../../pictures/board-source";
import { PictureInputError } from "../../pictures/errors";
import { layoutWiring } from "../../pictures/wiring-layout";
import { renderScene } from "../../pictures/svg-builder";
import { wiringTable } from "../../pictures/wiring-table";

interface WiringOptions {
  board: string;
  out: string;
}

export const wiringCommand: CommandModule<WiringOptions> = {
  name: "wiring",
  summary: "draw how to wire the board (SVG) and print the wiring table",
  configure(cmd) {
    addOptions(cmd, [
      { flags: "--board <profile|file.json>", description: `board profile id (${BOARD_PROFILES.map((b) => b.id).join(", ")}) or a board JSON file`, default: ESP32_RELAY8.id },
      { flags: "--out <file.svg>", description: "where to write the SVG diagram", default: "wiring.svg" },
    ]);
    cmd.addHelpText("after", "\nWith --json: one {type:\"wiring\"} record per pin (the table), then {type:\"file\"}.");
  },
  async run(opts, ctx) {
    checkWritableFile(resolve(ctx.cwd, opts.out), "--out");
    let board;
    try {
      board = loadBoard(opts.board, ctx.cwd);
    } catch (err) {
      if (err instanceof PictureInputError) throw usageError(err.message, "see docs/wiring.md for the board description format");
      throw err;
    }
    for (const w of boardWarnings(board)) ctx.out.emit({ type: "warning", text: w }, `warning: ${w}`, "warn");
    const layout = layoutWiring(board);
    const svg = renderScene(layout.scene);
    const { out } = ctx;
    const rows = wiringTable(board);
    out.say(`${board.title} (${board.id})`, "heading");
    out.table(
      "wiring",
      [
        { key: "gpio", header: "PIN", tone: () => "info" },
        { key: "role", header: "ROLE" },
        { key: "part", header: "PART" },
        { key: "connectsTo", header: "GOES TO" },
      ],
      rows.map((r) => ({ ...r })),
    );
    const path = resolve(ctx.cwd, opts.out);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, svg);
    } catch (err) {
      throw new CliError("write-failed", `cannot write ${path}: ${(err as Error).message}`, EXIT.failed);
    }
    out.emit(
      { type: "file", kind: "wiring-svg", path, board: board.id, width: layout.scene.width, height: layout.scene.height },
      `wrote ${path} (${layout.scene.width} x ${layout.scene.height} px); open it in a browser`,
      "ok",
    );
    return EXIT.ok;
  },
};
