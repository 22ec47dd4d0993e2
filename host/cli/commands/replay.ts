/**
 * `fobsync replay FILE`: run a recording made with `monitor --record` through
 * the monitor pipeline again (same lines, lost-line and reboot detection,
 * filters and formats, with the recorded host times).
 */
import { checkWritableFile } from "../../common/paths";
import type { CommandModule } from "../command-module";
import { addOptions } from "../command-module";
import { EXIT, usageError } from "../../common/errors";
import { FILTER_OPTIONS, filterOf, type FilterOptions } from "../../monitor/monitor-options";
import { MonitorPipeline } from "../../monitor/monitor-pipeline";
import { readRecording } from "../../monitor/recording";
import { RecordSink } from "../../monitor/record-sink";

interface ReplayOptions extends FilterOptions {
  args: string[];
}

export const replayCommand: CommandModule<ReplayOptions> = {
  name: "replay",
  summary: "show a raw recording (monitor --record) as the monitor saw it",
  configure(cmd) {
    cmd.argument("<file>", "recording made with fobsync monitor --record");
    addOptions(cmd, FILTER_OPTIONS);
  },
  async run(opts, { out }) {
    const file = opts.args[0];
    if (!file) throw usageError("replay needs the recording file");
    if (opts.log) checkWritableFile(opts.log, "--log");
    const { entries, skipped } = readRecording(file);
    if (skipped.length > 0) {
      const first = skipped[0];
      const more = skipped.length > 1 ? ` and ${skipped.length - 1} more line${skipped.length > 2 ? "s" : ""}` : "";
      // one warning, on stderr: the lines that read back are all replayed
      out.error({ type: "warning", code: "recording-lines-skipped", file, skipped }, `fobsync: ${file}: skipped line ${first.line} (${first.why})${more}; replaying the ${entries.length} entries that read back`);
    }
    const sink = new RecordSink(out, filterOf(opts), opts.log);
    try {
      const pipeline = new MonitorPipeline((rec) => sink.take(rec));
      for (const e of entries) {
        if (e.dir === "rx") pipeline.rx(e.bytes, e.t);
        else if (e.dir === "tx") pipeline.tx(e.bytes.toString("latin1").replace(/^\x10/, ""), e.t);
        else if (e.dir === "disconnected") pipeline.disconnected(e.t, file);
        else pipeline.reconnected(e.t, file);
      }
      pipeline.end();
    } finally {
      sink.close();
    }
    const summary = `replayed ${entries.length} recorded entries from ${file}${skipped.length > 0 ? ` (${skipped.length} line${skipped.length > 1 ? "s" : ""} skipped)` : ""}`;
    out.emit({ type: "replayed", file, entries: entries.length, skipped: skipped.length }, summary, "dim");
    return EXIT.ok;
  },
};
