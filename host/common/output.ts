/**
 * One output stream, two formats.
 *
 * Commands emit records (`{ type, ... }`). In `--json` mode each record is one
 * line of NDJSON on stdout; in human mode the command's human text is printed,
 * coloured by tone (picocolors; off for NO_COLOR, non-TTY and TERM=dumb).
 */
import pc from "picocolors";

export type Tone = "plain" | "dim" | "info" | "ok" | "warn" | "error" | "prompt" | "heading";

/** A record in the stream. Every record has a `type`. */
export interface OutputRecord {
  type: string;
  [key: string]: unknown;
}

/** Where text goes (process.stdout, or a buffer in tests). */
export interface Writer {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface OutputOptions {
  json: boolean;
  color: boolean;
  stdout: Writer;
  stderr: Writer;
}

/** A table column: record key, header, optional colouring of a cell. */
export interface Column {
  key: string;
  header: string;
  tone?: (value: unknown, row: Record<string, unknown>) => Tone;
}

type Painter = (text: string) => string;

/** Should colour be used on this writer with this environment? */
export function colorWanted(stream: Writer, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

/** Visible width of a string (ANSI colour codes do not count). */
export function visibleWidth(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "").length;
}

export class Output {
  readonly json: boolean;
  readonly color: boolean;
  private readonly stdout: Writer;
  private readonly stderr: Writer;
  private readonly painters: Record<Tone, Painter>;
  /** A transient status line (live countdown) is on screen and must be cleared before the next line. */
  private statusShown = false;

  constructor(opts: OutputOptions) {
    this.json = opts.json;
    this.color = opts.color && !opts.json;
    this.stdout = opts.stdout;
    this.stderr = opts.stderr;
    const c = pc.createColors(this.color);
    this.painters = {
      plain: (t) => t,
      dim: c.dim,
      info: c.cyan,
      ok: c.green,
      warn: c.yellow,
      error: c.red,
      prompt: (t) => c.bold(c.magenta(t)),
      heading: c.bold,
    };
  }

  /** Colour `text` with `tone` (no-op without colour). */
  paint(tone: Tone, text: string): string {
    return this.painters[tone](text);
  }

  /**
   * Emit a record. JSON: the record as one line. Human: `human` painted with
   * `tone` (nothing printed when `human` is null: JSON-only records).
   */
  emit(record: OutputRecord, human: string | string[] | null, tone: Tone = "plain"): void {
    if (this.json) {
      this.stdout.write(JSON.stringify(record) + "\n");
      return;
    }
    if (human === null) return;
    this.clearStatus();
    const lines = Array.isArray(human) ? human : [human];
    for (const line of lines) this.stdout.write(this.paint(tone, line) + "\n");
  }

  /** Can a transient status line be shown (human output on a terminal)? */
  get live(): boolean {
    return !this.json && this.stdout.isTTY === true;
  }

  /** Show (or with null, clear) a one-line status that the next output replaces. Terminal only. */
  status(text: string | null): void {
    if (!this.live) return;
    if (text === null) return this.clearStatus();
    this.stdout.write("\r\u001b[K" + text);
    this.statusShown = true;
  }

  private clearStatus(): void {
    if (!this.statusShown) return;
    this.stdout.write("\r\u001b[K");
    this.statusShown = false;
  }

  /** A plain message record `{type:"message", level, text}`. */
  message(level: Tone, text: string): void {
    this.emit({ type: "message", level, text }, text, level);
  }

  /** Human-only text (nothing in JSON mode): headings, blank lines, decorations. */
  say(text: string, tone: Tone = "plain"): void {
    if (this.json) return;
    this.clearStatus();
    this.stdout.write(this.paint(tone, text) + "\n");
  }

  /**
   * A table: in JSON one record per row (`{type, ...row}`), in human mode
   * aligned columns under a bold header.
   */
  table(type: string, columns: Column[], rows: Array<Record<string, unknown>>): void {
    if (this.json) {
      for (const row of rows) this.stdout.write(JSON.stringify({ type, ...row }) + "\n");
      return;
    }
    this.clearStatus();
    this.stdout.write(formatTable(columns, rows, (tone, t) => this.paint(tone, t)) + "\n");
  }

  /** Write an error for the user: JSON record on stdout, or a line on stderr (on a line of its own). */
  error(record: OutputRecord, human: string, hint?: string): void {
    if (this.json) {
      this.stdout.write(JSON.stringify(record) + "\n");
      return;
    }
    if (this.statusShown) {
      // end the status line (it may show the board's last bytes): the error starts a line of its own
      this.stdout.write("\n");
      this.statusShown = false;
    }
    this.stderr.write(this.paint("error", human) + "\n");
    if (hint) this.stderr.write(this.paint("dim", hint) + "\n");
  }
}

/** Aligned text table; `paint` colours cells after padding so widths stay right. */
export function formatTable(
  columns: Column[],
  rows: Array<Record<string, unknown>>,
  paint: (tone: Tone, text: string) => string = (_t, s) => s,
): string {
  const cells = rows.map((row) => columns.map((col) => cellText(row[col.key])));
  const widths = columns.map((col, i) =>
    Math.max(col.header.length, ...cells.map((r) => visibleWidth(r[i]))),
  );
  const pad = (text: string, w: number) => text + " ".repeat(Math.max(0, w - visibleWidth(text)));
  const header = columns.map((col, i) => paint("heading", pad(col.header, widths[i]))).join("  ");
  const body = rows.map((row, r) =>
    columns
      .map((col, i) => {
        const padded = i === columns.length - 1 ? cells[r][i] : pad(cells[r][i], widths[i]);
        return col.tone ? paint(col.tone(row[col.key], row), padded) : padded;
      })
      .join("  ")
      .trimEnd(),
  );
  return [header.trimEnd(), ...body].join("\n");
}

function cellText(value: unknown): string {
  if (value === undefined || value === null || value === "") return "-";
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}
