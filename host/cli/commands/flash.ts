/**
 * `fobsync flash`: build the firmware, upload it over the board's REPL,
 * verify the stored CRC and the boot banner's build id (docs/flash.md).
 */
import type { CommandContext, CommandModule, OptionSpec } from "../command-module";
import { addOptions } from "../command-module";
import { CliError, EXIT, usageError } from "../errors";
import { espruinoBundle, type FlashBundle } from "../../flash/bundle-source";
import { flashEspruino, type FlashResult } from "../../flash/espruino-flasher";
import { ProgressView } from "../../flash/progress-view";
import { BAUD_OPTION, PORT_OPTION, requirePort } from "../../serial/cli-options";
import { ReplConsole } from "../../serial/repl-console";
import { openSerialLink } from "../../serial/serialport-link";

interface FlashOptions {
  target: string;
  port?: string;
  baud: number;
}

const OPTIONS: OptionSpec[] = [
  { flags: "--target <target>", description: "firmware target: espruino (NodeMCU upload is not available yet)", default: "espruino" },
  PORT_OPTION,
  BAUD_OPTION,
];

export const flashCommand: CommandModule<FlashOptions> = {
  name: "flash",
  summary: "build the firmware, upload it to the board, verify it (CRC and boot banner)",
  configure(cmd) {
    addOptions(cmd, OPTIONS);
    cmd.addHelpText("after", "\nExample: fobsync flash --port /dev/ttyUSB0\nThe board keeps the firmware across power cycles. A failed upload erases the partial code: flash again.");
  },
  async run(opts, { out, signal }) {
    if (opts.target === "nodemcu") {
      throw usageError("flash --target nodemcu is not available yet: upload the files from dist/nodemcu with your usual NodeMCU tool");
    }
    if (opts.target !== "espruino") throw usageError(`--target must be espruino or nodemcu, got '${opts.target}'`);
    const path = requirePort(opts.port, "flash");
    const bundle = espruinoBundle();
    out.say(`firmware ${bundle.version} build ${bundle.build}: ${bundle.bytes.length} bytes`, "dim");
    await flashBundleTo(path, opts.baud, bundle, { out, signal });
    return EXIT.ok;
  },
};

/**
 * Upload `bundle` to the Espruino board on `path`, verify it (CRC, boot
 * banner's build id) with progress, and emit the `flash` record. Throws a
 * CliError on any failure. Shared with `demo`, which flashes its virtual board.
 */
export async function flashBundleTo(path: string, baud: number, bundle: FlashBundle, { out, signal }: Pick<CommandContext, "out" | "signal">): Promise<FlashResult> {
  const link = await openSerialLink({ path, baudRate: baud });
  const view = new ProgressView(out, process.stderr);
  const started = performance.now();
  try {
    const result = await flashEspruino({
      console: new ReplConsole(link),
      bundle: bundle.bytes,
      build: bundle.build,
      onProgress: (p) => view.update(p),
      signal,
    });
    view.stopBar();
    const ms = Math.round(performance.now() - started);
    const rate = Math.round((result.bytes * 1000) / Math.max(1, ms));
    out.emit(
      { type: "flash", ok: true, port: path, bytes: result.bytes, crc: result.crc.toString(16).padStart(8, "0"), build: result.build, ms, rate },
      `flashed and verified: ${result.bytes} bytes in ${(ms / 1000).toFixed(1)} s (${rate} B/s), CRC ${result.crc.toString(16).padStart(8, "0")} matches, board booted build ${result.build}`,
      "ok",
    );
    return result;
  } catch (err) {
    view.stopBar();
    throw err instanceof CliError ? err : new CliError("flash-failed", `flash failed: ${(err as Error).message}`, EXIT.failed);
  } finally {
    await link.close();
  }
}
