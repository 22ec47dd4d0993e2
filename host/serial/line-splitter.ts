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

/**
 * REPL prompts a firmware line was printed after: NodeMCU does not redraw its
 * `> ` prompt before a timer's print, and Espruino prints the output of a
 * silent (`\x10`) command line right after its `>` prompt.
 */
const PROMPT_BEFORE_EVENT = /^(?:>>? ?)+(?=@)/;

/**
 * The line without the REPL prompts in front of a firmware line: NodeMCU's
 * `> @7 3720 I ...` after a timer's print, Espruino's `>@2 157 I ok ...` for
 * the answer to a `\x10fs("...")` command. Other lines are returned as they are.
 */
export function withoutReplPrompt(text: string): string {
  return text.charCodeAt(0) === 62 ? text.replace(PROMPT_BEFORE_EVENT, "") : text;
}

/**
 * The line as a terminal shows it: `\r` returns to the line start, backspace
 * and `ESC[<n>D` move left, `ESC[<n>C` right, `ESC[J`/`ESC[K` erase to the end,
 * later characters overwrite earlier ones; other `ESC[` sequences are dropped.
 * Espruino erases its `>` prompt this way (`>\r\x1b[J`) before a timer or
 * watch prints, so a firmware line printed after a prompt still reads `@...`.
 */
export function terminalView(text: string): string {
  if (!TERMINAL_CONTROL.test(text)) return text;
  const cells: string[] = [];
  let cursor = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\r") cursor = 0;
    else if (ch === "\b") cursor = Math.max(0, cursor - 1);
    else if (ch === "\x1b" && text[i + 1] === "[") {
      let j = i + 2;
      while (j < text.length && /[0-9;?]/.test(text[j])) j++;
      const n = parseInt(text.slice(i + 2, j), 10) || 1;
      const final = text[j];
      if (final === "J" || final === "K") cells.length = Math.min(cells.length, cursor);
      else if (final === "D") cursor = Math.max(0, cursor - n);
      else if (final === "C") cursor += n;
      i = j;
    } else cells[cursor++] = ch;
  }
  let out = "";
  for (let i = 0; i < cells.length; i++) out += cells[i] ?? " ";
  return out;
}

// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\r\b\x1b]/;

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
    text = terminalView(text);
    const overlong = this.cutLine;
    this.partial = "";
    this.dropping = false;
    this.cutLine = false;
    this.onLine({ text, garbage: NOT_PRINTABLE.test(text), overlong });
  }
}
