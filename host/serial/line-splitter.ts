/**
 * Bytes from a board into lines. Tolerant: any byte value is accepted, `\r\n`
 * and `\n` both end a line, XON/XOFF flow-control bytes are taken out of the
 * text (they are reported separately), and a line longer than `maxLength` is
 * cut there, flagged `overlong`, and the rest up to the next newline dropped,
 * so a board spewing without newlines cannot grow memory without bound.
 */

export const XON = 0x11;
export const XOFF = 0x13;

export interface SplitLine {
  /** The line without its terminator, bytes as latin1 characters. */
  text: string;
  /** Contains bytes outside printable ASCII (0x20..0x7E, tab allowed). */
  garbage: boolean;
  /** Cut at `maxLength`. */
  overlong: boolean;
}

// eslint-disable-next-line no-control-regex
const NOT_PRINTABLE = /[^\x20-\x7e\t]/;

/** NodeMCU prompts a firmware line was printed after (NodeMCU does not redraw its `> ` prompt). */
const PROMPT_BEFORE_EVENT = /^(?:>>? )+(?=@)/;

/**
 * The line without the NodeMCU REPL prompts in front of a firmware line: a
 * timer's `print` lands after the `> ` the console shows (`> @7 3720 I ...`).
 * Other lines are returned as they are.
 */
export function withoutReplPrompt(text: string): string {
  return text.charCodeAt(0) === 62 ? text.replace(PROMPT_BEFORE_EVENT, "") : text;
}

/** Does the text hold bytes outside printable ASCII? */
export function hasGarbage(text: string): boolean {
  return NOT_PRINTABLE.test(text);
}

export class LineSplitter {
  private partial = "";
  private dropping = false;
  private cutLine = false;

  /**
   * @param onLine called for every complete line
   * @param onFlow called with XON/XOFF when the board sends one
   * @param maxLength longest line kept (characters)
   */
  constructor(
    private readonly onLine: (line: SplitLine) => void,
    private readonly onFlow: (byte: number) => void = () => {},
    private readonly maxLength = 4096,
  ) {}

  /** Feed a chunk of bytes. */
  push(chunk: Uint8Array): void {
    let text = Buffer.isBuffer(chunk) ? chunk.toString("latin1") : Buffer.from(chunk).toString("latin1");
    if (text.indexOf("\x11") >= 0 || text.indexOf("\x13") >= 0) text = this.takeFlow(text);
    let start = 0;
    for (;;) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) break;
      this.append(text.substring(start, nl));
      this.finish();
      start = nl + 1;
    }
    if (start < text.length) this.append(text.substring(start));
  }

  /** Text received since the last newline (an Espruino `>` prompt has none). */
  pending(): string {
    return this.partial;
  }

  /** Emit whatever is pending as a line (end of a recording, port closed). */
  flush(): void {
    if (this.partial !== "" || this.cutLine) this.finish();
  }

  private takeFlow(text: string): string {
    let kept = "";
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === XON || c === XOFF) this.onFlow(c);
      else kept += text[i];
    }
    return kept;
  }

  private append(piece: string): void {
    if (this.dropping) return;
    const room = this.maxLength - this.partial.length;
    if (piece.length > room) {
      this.partial += piece.substring(0, room);
      this.dropping = true;
      this.cutLine = true;
      return;
    }
    this.partial += piece;
  }

  private finish(): void {
    let text = this.partial;
    if (text.endsWith("\r")) text = text.slice(0, -1);
    const overlong = this.cutLine;
    this.partial = "";
    this.dropping = false;
    this.cutLine = false;
    this.onLine({ text, garbage: NOT_PRINTABLE.test(text), overlong });
  }
}
