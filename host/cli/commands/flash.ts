/**
 * `fobsync flash`: build the firmware, upload it over the board's REPL,
 * verify the stored CRC and the boot banner's build id (docs/flash.md).
 */
import type { CommandContext, CommandModule, OptionSpec } from "../command-module";
import { addOptions } from "../command-module";
import { CliError, EXIT, usageError } from "../../common/errors";
import type { BoardDescription } from "../../../hal/board";
import { BOARD_PROFILES, ESP32_RELAY8 } from "../../../hal/board-profiles";
import { loadBoard } from "../../pictures/board-source";
import { PictureInputError } from "../../pictures/errors";
import { espruinoBundle, recipeUploads, type FlashBundle } from "../../flash/bundle-source";
import { flashEspruino, type FlashResult, type Radios, type StorageChanges } from "../../flash/espruino-flasher";
import { FOREIGN_BOOT_MEANING } from "../../flash/espruino-storage-space";
import { lockRadiosStep, radioNames, radiosProblem } from "../../flash/radios-warning";
import { nodeMcuFiles, type NodeMcuFiles } from "../../flash/nodemcu-files";
import { flashNodeMcu, type LuaCodeMode, type NodeMcuFlashResult } from "../../flash/nodemcu-flasher";
import { ProgressView } from "../../flash/progress-view";
import { BAUD_OPTION, PORT_OPTION, requirePort } from "../../serial/cli-options";
import { ReplConsole } from "../../serial/repl-console";
import { openSerialLink } from "../../serial/serialport-link";

interface FlashOptions {
  target: string;
  port?: string;
  baud: number;
  lua: LuaCodeMode;
  lockRadios?: boolean;
  keep?: boolean;
  board: string;
}

const OPTIONS: OptionSpec[] = [
  { flags: "--target <target>", description: "firmware target: espruino or nodemcu", default: "espruino" },
  PORT_OPTION,
  BAUD_OPTION,
  { flags: "--board <profile|file.json>", description: `the board the firmware is built for: a profile (${BOARD_PROFILES.map((b) => b.id).join(", ")}) or a board JSON file (fobsync wiring --board draws it)`, default: ESP32_RELAY8.id },
  {
    flags: "--lua <mode>",
    description: "NodeMCU only, how the code is kept: auto (ESP32: compile, ESP8266: lfs), compile (node.compile on the board), source (fobsync.lua as is), lfs (your LFS image holds fobsync: upload init.lua only)",
    default: "auto",
    choices: ["auto", "compile", "source", "lfs"],
  },
  {
    flags: "--keep",
    description: "Espruino only: keep another program's boot files (.boot0-.boot3, .bootrst, .varimage from save()); by default they are removed so that only fobsync runs at boot",
  },
  {
    flags: "--lock-radios",
    description: "Espruino on an ESP32 only: switch Wi-Fi and Bluetooth off for good first (each is stored on the chip, erases the saved code and restarts it; the flash then puts fobsync back)",
  },
];

export const flashCommand: CommandModule<FlashOptions> = {
  name: "flash",
  summary: "build the firmware, upload it to the board, verify it (CRC and boot banner)",
  configure(cmd) {
    addOptions(cmd, OPTIONS);
    cmd.addHelpText(
      "after",
      "\nExamples:\n  $ fobsync flash --port /dev/ttyUSB0\n  $ fobsync flash --lock-radios --port /dev/ttyUSB0\n  $ fobsync flash --target nodemcu --port /dev/ttyUSB0\n" +
        "flash also installs every built-in recipe as a file of its own (fr.<name>; fobsync recipes install adds yours).\n" +
        "The board keeps the firmware across power cycles. A failed upload leaves the firmware the board had in place (Espruino: the upload goes to fobsync.new, copied into .bootcde only once checked; NodeMCU: temporary names). Flash again.",
    );
  },
  async run(opts, { out, signal, cwd }) {
    if (opts.target !== "espruino" && opts.target !== "nodemcu") throw usageError(`--target must be espruino or nodemcu, got '${opts.target}'`);
    if (opts.target === "espruino" && opts.lua !== "auto") throw usageError("--lua applies to --target nodemcu only");
    if (opts.target === "nodemcu" && opts.lockRadios) throw usageError("--lock-radios applies to --target espruino only (NodeMCU has no radio console to close)");
    if (opts.target === "nodemcu" && opts.keep) throw usageError("--keep applies to --target espruino only");
    const board = boardFor(opts.board, cwd);
    const path = requirePort(opts.port, "flash");
    if (opts.target === "nodemcu") {
      const files = nodeMcuFiles(board);
      out.say(`firmware ${files.version} build ${files.build} for ${files.boardId}: init.lua ${files.init.length} + fobsync.lua ${files.bundle.length} bytes`, "dim");
      await flashNodeMcuTo(path, opts.baud, files, opts.lua, { out, signal });
      return EXIT.ok;
    }
    const bundle = espruinoBundle(board);
    out.say(`firmware ${bundle.version} build ${bundle.build} for ${board.id}: ${bundle.bytes.length} bytes`, "dim");
    await flashBundleTo(path, opts.baud, bundle, { out, signal }, { lockRadios: opts.lockRadios === true, keepForeign: opts.keep === true });
    return EXIT.ok;
  },
};

/** What a target's upload reports back: the bytes it stored. */
interface Uploaded {
  bytes: number;
}

/**
 * The part both targets share: open the port, show progress, time the upload,
 * emit the `flash` record (`report` gives its fields and human line from the
 * result, the time and the rate), map unexpected errors to `flash-failed`, and
 * always close the port.
 */
async function uploadOverPort<R extends Uploaded>(
  path: string,
  baud: number,
  view: ProgressView,
  { out }: Pick<CommandContext, "out">,
  upload: (console: ReplConsole, onProgress: (p: Parameters<ProgressView["update"]>[0]) => void) => Promise<R>,
  report: (result: R, ms: number, rate: number) => { record: Record<string, unknown>; text: string },
): Promise<R> {
  const link = await openSerialLink({ path, baudRate: baud });
  const started = performance.now();
  try {
    const result = await upload(new ReplConsole(link), (p) => view.update(p));
    view.stopBar();
    const ms = Math.round(performance.now() - started);
    const rate = Math.round((result.bytes * 1000) / Math.max(1, ms));
    const { record, text } = report(result, ms, rate);
    out.emit({ type: "flash", ok: true, port: path, ...record, ms, rate }, text, "ok");
    return result;
  } catch (err) {
    view.stopBar();
    throw err instanceof CliError ? err : new CliError("flash-failed", `flash failed: ${(err as Error).message}`, EXIT.failed);
  } finally {
    await link.close();
  }
}

/**
 * Upload `bundle` to the Espruino board on `path`, verify it (CRC, boot
 * banner's build id) with progress, and emit the `flash` record. Throws a
 * CliError on any failure. Shared with `demo`, which flashes its virtual board.
 */
export function flashBundleTo(path: string, baud: number, bundle: FlashBundle, { out, signal }: Pick<CommandContext, "out" | "signal">, { lockRadios = false, keepForeign = false } = {}): Promise<FlashResult> {
  return uploadOverPort(
    path,
    baud,
    new ProgressView(out, process.stderr),
    { out },
    (console, onProgress) => flashEspruino({ console, bundle: bundle.bytes, extraFiles: recipeUploads(), build: bundle.build, onProgress, onNote: (t) => out.say(t, "dim"), signal, lockRadios, keepForeign }),
    (result, ms, rate) => {
      const crc = result.crc.toString(16).padStart(8, "0");
      return {
        record: { bytes: result.bytes, crc, build: result.build, radios: result.radios },
        text: `flashed and verified: ${result.bytes} bytes in ${(ms / 1000).toFixed(1)} s (${rate} B/s), CRC ${crc} matches, board booted build ${result.build}`,
      };
    },
  ).then((result) => {
    sayStorage(result.storage, out);
    sayLocked(result.radiosLocked, out);
    warnRadios(result.radios, path, out);
    return result;
  });
}

/** What else the board held at boot, removed or kept, and whether Storage was compacted to make room. */
function sayStorage(st: StorageChanges, out: CommandContext["out"]): void {
  const named = (files: string[]) => files.map((f) => `${f} (${FOREIGN_BOOT_MEANING[f]})`).join(", ");
  const lines: string[] = [];
  if (st.replacedBytes > 0) lines.push(`replaced the ${st.replacedBytes}-byte program that was in .bootcde`);
  if (st.removed.length) lines.push(`removed what else ran at boot: ${named(st.removed)}`);
  if (st.compacted) lines.push("compacted the board's Storage to make room");
  if (lines.length || st.kept.length) out.emit({ type: "storage", replacedBytes: st.replacedBytes, removed: st.removed, kept: st.kept, compacted: st.compacted }, lines.length ? lines : null, "dim");
  if (st.kept.length) out.say(`warning: kept (--keep): ${named(st.kept)}; it runs at every boot before fobsync, and can undo what fobsync sets up`, "warn");
  if (st.keptRecipes.length) {
    const n = st.keptRecipes.length;
    out.emit(
      { type: "recipes-kept", names: st.keptRecipes },
      `kept ${n} recipe${n === 1 ? "" : "s"} the board had that ${n === 1 ? "is" : "are"} not one of this build's: ${st.keptRecipes.join(", ")} (yours, or an older fobsync's; fobsync recipes --port shows what each is)`,
      "dim",
    );
  }
}

/** What --lock-radios switched off (nothing said when it switched nothing). */
function sayLocked(locked: Radios, out: CommandContext["out"]): void {
  if (!locked.wifi && !locked.ble) return;
  const off = radioNames(locked);
  out.emit({ type: "radios-locked", wifi: locked.wifi, ble: locked.ble }, `switched ${off} off for good (stored on the chip); the board restarted and fobsync was flashed back`, "ok");
}


/**
 * An ESP32 with Wi-Fi or Bluetooth on has a console anyone in range can
 * reach, and the console presses the fobs: the firmware cannot close them for
 * good (Espruino restores Wi-Fi after the code runs and the BLE console is on
 * by default). Said after every flash until they are off.
 */
function warnRadios(radios: Radios | null, port: string, out: CommandContext["out"]): void {
  if (!radios || (!radios.wifi && !radios.ble)) return;
  out.emit({ type: "warning", id: "radios-on", wifi: radios.wifi, ble: radios.ble }, [`warning: ${radiosProblem(radioNames(radios))}`, `  ${lockRadiosStep(port)}`], "warn");
}

/**
 * Upload the NodeMCU files to the board on `path` through its Lua REPL,
 * verify them (length and Adler-32 on the board, boot banner's build id) with
 * progress, and emit the `flash` record. Throws a CliError on any failure.
 */
export function flashNodeMcuTo(path: string, baud: number, files: NodeMcuFiles, mode: LuaCodeMode, { out, signal }: Pick<CommandContext, "out" | "signal">): Promise<NodeMcuFlashResult> {
  return uploadOverPort(
    path,
    baud,
    new ProgressView(out, process.stderr, "nodemcu"),
    { out },
    (console, onProgress) => flashNodeMcu({ console, init: files.init, bundle: files.bundle, extraFiles: recipeUploads(), build: files.build, mode, onProgress, signal }),
    (result, ms, rate) => {
      const sums = result.files.map((f) => `${f.name} ${f.bytes} bytes Adler-32 ${f.adler32}`).join(", ");
      const kept = result.mode === "compile" ? "compiled on the board to fobsync.lc" : result.mode === "source" ? "kept as fobsync.lua" : "code from the Lua Flash Store";
      return {
        record: { target: "nodemcu", chip: result.chip, mode: result.mode, bytes: result.bytes, files: result.files, build: result.build },
        text: `flashed and verified: ${result.bytes} bytes in ${(ms / 1000).toFixed(1)} s (${rate} B/s); ${sums} match; ${kept}; board (${result.chip}) booted build ${result.build}`,
      };
    },
  );
}

/** `--board`: a profile id or a board JSON file, read and checked now (a usage error when it is neither). */
function boardFor(spec: string, cwd: string): BoardDescription {
  try {
    return loadBoard(spec, cwd);
  } catch (err) {
    if (err instanceof PictureInputError) throw usageError(err.message, "see docs/wiring.md for the board description format");
    throw err;
  }
}
