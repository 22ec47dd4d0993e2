/**
 * `fobsync doctor`: why can't I talk to my board? Linux checks, each with a fix.
 */
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import type { CommandModule, CommandContext } from "../command-module";
import { addOptions, intIn } from "../command-module";
import { EXIT, usageError } from "../../common/errors";
import { checkInterpreter, runChecks, doctorExit, type CheckResult } from "../../doctor/checks";
import { checkInterpreter as findInterpreter } from "../../espruino/check-interpreter";
import { howToGetInterpreter, interpreterRequired } from "../../espruino/interpreter";
import { realSystemView } from "../../doctor/system-view";
import { parsePortPath } from "../../serial/cli-options";
import { listen } from "../../doctor/listen";
import type { BoardStorage } from "../../flash/espruino-storage-space";
import { listPortsHere } from "../../ports/this-machine";

interface DoctorOptions {
  port?: string;
  listen?: number;
  sample?: string;
}

export const doctorCommand: CommandModule<DoctorOptions> = {
  name: "doctor",
  summary: "check the serial setup (port, permissions, programs holding it, brltty, ModemManager, baud) and print fixes",
  configure(cmd) {
    addOptions(cmd, [
      { flags: "-p, --port <path>", description: "the board's serial port (default: the first USB serial port found)", parse: parsePortPath },
      { flags: "--listen <ms>", description: "reset the board (RTS, as esptool does), read the port for <ms> at 115200 baud, then ask the board at its REPL: checks for baud-mismatch garbage, which radios the fobsync boot line says are on, the board's Espruino version and what else its Storage holds", parse: intIn("--listen", 100, 60000) },
      { flags: "--sample <file>", description: "check a capture of bytes read at 115200 baud for baud-mismatch garbage" },
    ]);
    cmd.addHelpText("after", "\nExits 0 when no check failed (warnings allowed), else the first failing check's code (3 port missing, 4 permission/busy, 8 garbage, 9 no real Espruino interpreter while FOBSYNC_REQUIRE_INTERPRETER is set).");
  },
  async run(opts, ctx) {
    if (process.platform !== "linux") {
      ctx.out.message("warn", "the doctor's checks are written for Linux (dialout group, /proc, udev); nothing to check here");
      return EXIT.ok;
    }
    if (opts.listen !== undefined && opts.sample !== undefined) throw usageError("use either --listen or --sample, not both");
    const listing = await listPortsHere(ctx.env);
    const candidates = listing.ports.filter((p) => p.vendorId || /tty(USB|ACM)/.test(p.path)).map((p) => p.path);
    const port = opts.port ?? candidates[0];
    let sample: Uint8Array | undefined;
    let board: BoardStorage | null | undefined;
    if (opts.sample !== undefined) sample = readSample(opts.sample);
    if (opts.listen !== undefined) {
      if (!port) throw usageError("--listen needs a port: give --port <path>");
      ({ sample, board } = await listen(port, opts.listen));
    }
    const view = realSystemView({
      proc: ctx.env.FOBSYNC_PROC_ROOT || "/proc",
      etc: ctx.env.FOBSYNC_ETC_ROOT || "/etc",
      pathVar: ctx.env.PATH,
      userName: ctx.env.USER || safeUserName(),
    });
    const results = runChecks(view, { port: opts.port, candidates, sample, board });
    results.push(checkInterpreter(await findInterpreter(ctx.env), { required: interpreterRequired(ctx.env), howTo: howToGetInterpreter(ctx.env) }));
    render(results, ctx);
    const exit = doctorExit(results);
    ctx.out.emit(
      { type: "doctor", ok: exit === EXIT.ok, exit, failed: results.filter((r) => r.status === "fail").map((r) => r.id) },
      exit === EXIT.ok ? "No blocking problem found." : "Fix the failed checks above, then run `fobsync doctor` again.",
      exit === EXIT.ok ? "ok" : "error",
    );
    return exit;
  },
};

function readSample(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (err) {
    throw usageError(`cannot read --sample ${file}: ${(err as Error).message}`);
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return "$USER";
  }
}

const MARK = { ok: "ok  ", warn: "warn", fail: "FAIL", skip: "skip" } as const;
const TONE = { ok: "ok", warn: "warn", fail: "error", skip: "dim" } as const;

function render(results: CheckResult[], { out }: CommandContext): void {
  for (const r of results) {
    const human = [`${out.paint(TONE[r.status], `[${MARK[r.status]}]`)} ${r.title}: ${r.detail}`];
    for (const note of r.notes ?? []) human.push(`       ${note}`);
    if (r.fix && r.status !== "ok") human.push(`       fix: ${r.fix}`);
    out.emit({ type: "check", ...r }, human);
  }
}
