/**
 * Where monitor records go: the command's output (human or NDJSON, after the
 * filters) and, unfiltered, an optional `--log` file in plain text, each line
 * appended and written through at once so nothing is lost if fobsync dies.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import type { Output } from "../common/output";
import { CliError, EXIT } from "../common/errors";
import { passes, type MonitorFilter } from "./filters";
import { formatHuman } from "./format-human";
import type { MonitorRecord } from "./records";

export class RecordSink {
  private logFd: number | null = null;

  constructor(
    private readonly out: Output,
    private readonly filter: MonitorFilter,
    logFile?: string,
  ) {
    if (logFile) {
      try {
        this.logFd = openSync(logFile, "a");
      } catch (err) {
        throw new CliError("file", `cannot open log file ${logFile}: ${(err as Error).message}`, EXIT.usage);
      }
    }
  }

  /** Handle one record. */
  take(rec: MonitorRecord): void {
    const human = this.out.json && this.logFd === null ? null : formatHuman(rec);
    if (this.logFd !== null) writeSync(this.logFd, human!.text + "\n");
    if (!passes(rec, this.filter)) return;
    if (this.out.json) this.out.emit(rec as unknown as { type: string }, null);
    else this.out.emit(rec as unknown as { type: string }, human!.text, human!.tone);
  }

  close(): void {
    if (this.logFd !== null) closeSync(this.logFd);
    this.logFd = null;
  }
}
