/**
 * `fobsync plot LOG`: the timing diagram (SVG) of a session from its log
 * (`pair --json`, `monitor --json`, the demo's session.ndjson, a raw recording
 * from `monitor --record` or the page's "Download the log", or @-lines): one lane per
 * switch and input, the car's windows shaded, results and problems marked.
 */
import { checkWritableFile } from "../../common/paths";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { CommandModule } from "../command-module";
import { addOptions, intIn } from "../command-module";
import { CliError, EXIT, usageError } from "../../common/errors";
import { PictureInputError } from "../../pictures/errors";
import { parseSessionLog, pickSession } from "../../pictures/session-log";
import { layoutTiming } from "../../pictures/timing-layout";
import { renderScene } from "../../pictures/svg-builder";

interface PlotOptions {
  args: string[];
  out: string;
  session?: number;
  width?: number;
}

export const plotCommand: CommandModule<PlotOptions> = {
  name: "plot",
  summary: "draw a session's timing diagram (SVG) from its log",
  configure(cmd) {
    cmd.argument("<log>", "session log: pair --json / monitor --json / the demo's session.ndjson, a raw recording (monitor --record, the page's Download the log), or @-lines");
    addOptions(cmd, [
      { flags: "--out <file.svg>", description: "where to write the SVG", default: "timing.svg" },
      { flags: "--session <n>", description: "which session of the log (1 = first; default: the last)", parse: intIn("--session", 1, 1000000) },
      { flags: "--width <px>", description: "width of the time axis in pixels", parse: intIn("--width", 200, 20000) },
    ]);
    cmd.addHelpText("after", "\nA reboot in the log starts a new time epoch; each session.start / test.start starts a session.");
  },
  async run(opts, ctx) {
    const logPath = resolve(ctx.cwd, opts.args[0]);
    checkWritableFile(resolve(ctx.cwd, opts.out), "--out");
    if (existsSync(logPath) && statSync(logPath).isDirectory()) throw usageError(`${logPath} is a folder: give the session log file (pair --json > session.ndjson, the demo's session.ndjson, monitor --record)`);
    let text: string;
    try {
      text = readFileSync(logPath, "utf8");
    } catch (err) {
      throw usageError(`cannot read the log ${logPath}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
    }
    const log = parseSessionLog(text);
    let layout;
    let session;
    try {
      session = pickSession(log, opts.session);
      layout = layoutTiming(session.events, { plotWidth: opts.width });
    } catch (err) {
      if (err instanceof PictureInputError) throw usageError(`${logPath}: ${err.message}`);
      throw err;
    }
    const path = resolve(ctx.cwd, opts.out);
    const madeFolder = !existsSync(dirname(path));
    try {
      if (madeFolder) mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, renderScene(layout.scene));
    } catch (err) {
      throw new CliError("write-failed", `cannot write ${path}: ${(err as Error).message}`, EXIT.failed);
    }
    const { out } = ctx;
    if (madeFolder) out.emit({ type: "notice", text: `made the folder ${dirname(path)}` }, `made the folder ${dirname(path)}`, "dim");
    const m = layout.model;
    if (log.unreadableLines > 0) {
      out.emit({ type: "notice", text: `${log.unreadableLines} line(s) of the log were not events and were skipped` }, `note: ${log.unreadableLines} line(s) of the log were not events and were skipped`, "dim");
    }
    const problems = m.issues.map((i) => ({ label: i.label, kind: i.kind, atS: (i.ms - m.startMs) / 1000, note: i.note }));
    out.emit(
      {
        type: "plot",
        path,
        session: session.index,
        sessions: log.sessions.length,
        summary: m.summary,
        outcome: m.outcome,
        lanes: layout.lanes.filter((l) => l.kind !== "results").map((l) => l.role),
        windows: m.windows.length,
        keys: m.keys.map((k) => ({ key: k.key, result: k.result })),
        problems,
      },
      [
        `session ${session.index} of ${log.sessions.length}${m.summary ? ` (${m.summary})` : ""}${m.outcome ? `, ended: ${m.outcome}` : ""}`,
        `${layout.lanes.length - 1} lanes, ${m.windows.length} windows, ${m.keys.length} key results, ${problems.length} problems`,
      ],
    );
    for (const p of problems) out.say(`  ${p.label} at ${p.atS.toFixed(1)} s: ${p.note}`, "error");
    out.say(`wrote ${path}; open it in a browser`, "ok");
    return EXIT.ok;
  },
};
