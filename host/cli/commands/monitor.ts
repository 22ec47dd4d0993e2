/**
 * `fobsync monitor`: stream the firmware's lines with host and device time,
 * coloured by level; detect lost lines and reboots; reconnect when the port
 * comes back; send typed lines as firmware commands (docs/cli.md#monitor).
 */
import { checkWritableFile } from "../../common/paths";
import type { CommandModule, OptionSpec } from "../command-module";
import { addOptions } from "../command-module";
import { EXIT } from "../../common/errors";
import { FILTER_OPTIONS, filterOf, type FilterOptions } from "../../monitor/monitor-options";
import { runMonitor } from "../../monitor/monitor-session";
import { RecordingWriter } from "../../monitor/recording";
import { RecordSink } from "../../monitor/record-sink";
import { BAUD_OPTION, PORT_OPTION, requirePort } from "../../serial/cli-options";

interface MonitorOptions extends FilterOptions {
  port?: string;
  baud: number;
  record?: string;
  reconnect: boolean;
  target: string;
}

const OPTIONS: OptionSpec[] = [
  PORT_OPTION,
  BAUD_OPTION,
  ...FILTER_OPTIONS,
  { flags: "--record <file>", description: "record the raw bytes both ways with timestamps (NDJSON) for `fobsync replay`" },
  { flags: "--no-reconnect", description: "end when the port disappears instead of waiting for it" },
  { flags: "--target <target>", description: "firmware target, for how typed commands are sent: espruino or nodemcu", default: "espruino", choices: ["espruino", "nodemcu"] },
];

export const monitorCommand: CommandModule<MonitorOptions> = {
  name: "monitor",
  summary: "stream the board's log lines; type a command line to send it to the firmware",
  configure(cmd) {
    addOptions(cmd, OPTIONS);
    cmd.addHelpText(
      "after",
      "\nExamples:\n  $ fobsync monitor --port /dev/ttyUSB0 --level W --log bench.log   # runs until Ctrl-C (exit 0)\nType e.g. `status` and Enter to send it. Ctrl-C ends (exit 0).",
    );
  },
  async run(opts, { out, stdin, signal }) {
    const path = requirePort(opts.port, "monitor");
    if (opts.log) checkWritableFile(opts.log, "--log");
    if (opts.record) checkWritableFile(opts.record, "--record");
    const sink = new RecordSink(out, filterOf(opts), opts.log);
    const recorder = opts.record ? new RecordingWriter(opts.record) : undefined;
    out.say(`monitoring ${path} at ${opts.baud} baud; type a command and Enter to send it, Ctrl-C to stop`, "dim");
    try {
      await runMonitor({
        path,
        baudRate: opts.baud,
        reconnect: opts.reconnect,
        sink: (rec) => sink.take(rec),
        recorder,
        signal,
        input: stdin,
        silentCommands: opts.target === "espruino",
        onInputError: (msg) => out.message("warn", msg),
      });
    } finally {
      sink.close();
      recorder?.close();
    }
    return EXIT.ok;
  },
};
