/**
 * The virtual board's UART between the pseudo-terminal and the runtime:
 * bytes from the host are delivered to the board no faster than the baud
 * rate allows (10 bit times per byte), and when more than `highWater` bytes
 * wait the board sends XOFF, then XON once they are down to `lowWater`, as
 * Espruino does with its input buffer. Baud 0 means no rate limit.
 *
 * Fault injection for tests: `corruptAtByte` changes one letter of the input,
 * the first at or after that byte that stands inside a string literal (line
 * noise in the data, not in a name: the syntax stays intact, so only a
 * checksum can catch it);
 * `unplugAtByte` calls `onUnplug` once that many bytes have arrived.
 */
export interface UartOptions {
  baud: number;
  highWater?: number;
  lowWater?: number;
  corruptAtByte?: number;
  unplugAtByte?: number;
}

export class PtyUart {
  private inbox: Buffer[] = [];
  private inboxBytes = 0;
  private received = 0;
  private credit = 0;
  private lastPump = -1;
  private xoff = false;
  private corrupted = false;
  /** Where the host's bytes stand: inside a "..." literal, and after a backslash in it. */
  private inString = false;
  private escaped = false;
  private unplugged = false;
  /** XOFFs sent, for reports. */
  xoffs = 0;

  constructor(
    private readonly opts: UartOptions,
    /** Bytes the board may take now. */
    private readonly deliver: (bytes: string) => void,
    /** Bytes the board sends to the host (flow control). */
    private readonly sendToHost: (bytes: string) => void,
    private readonly onUnplug: () => void = () => {},
  ) {}

  /** Bytes arrived from the host. */
  fromHost(chunk: Buffer): void {
    let data = chunk;
    const at = this.opts.corruptAtByte;
    if (at !== undefined && !this.corrupted) data = this.corrupt(data, at - this.received);
    this.received += data.length;
    this.inbox.push(data);
    this.inboxBytes += data.length;
    if (!this.xoff && this.opts.baud > 0 && this.inboxBytes > (this.opts.highWater ?? 1024)) {
      this.xoff = true;
      this.xoffs++;
      this.sendToHost("\x13");
    }
    if (this.opts.unplugAtByte !== undefined && !this.unplugged && this.received >= this.opts.unplugAtByte) {
      this.unplugged = true;
      this.onUnplug();
    }
    if (this.opts.baud === 0) this.pump(0);
  }

  /** Deliver what the line rate allows up to real time `nowMs`. */
  pump(nowMs: number): void {
    if (this.inboxBytes === 0) {
      this.lastPump = nowMs;
      this.credit = 0;
      return;
    }
    let allowed = Infinity;
    if (this.opts.baud > 0) {
      if (this.lastPump < 0) this.lastPump = nowMs;
      this.credit += ((nowMs - this.lastPump) * this.opts.baud) / 10_000;
      this.lastPump = nowMs;
      allowed = Math.floor(this.credit);
      this.credit -= allowed;
    }
    let out = "";
    while (allowed > 0 && this.inbox.length > 0) {
      const head = this.inbox[0];
      if (head.length <= allowed) {
        out += head.toString("latin1");
        allowed -= head.length;
        this.inbox.shift();
        this.inboxBytes -= head.length;
      } else {
        out += head.subarray(0, allowed).toString("latin1");
        this.inbox[0] = head.subarray(allowed);
        this.inboxBytes -= allowed;
        allowed = 0;
      }
    }
    if (out !== "") this.deliver(out);
    if (this.xoff && this.inboxBytes <= (this.opts.lowWater ?? 256)) {
      this.xoff = false;
      this.sendToHost("\x11");
    }
  }

  private corrupt(data: Buffer, from: number): Buffer {
    const copy = Buffer.from(data);
    for (let i = 0; i < copy.length; i++) {
      const c = copy[i];
      if (!this.corrupted && i >= from && this.inString && !this.escaped && c >= 0x61 && c <= 0x7a) {
        copy[i] = c === 0x7a ? 0x61 : c + 1;
        this.corrupted = true;
      }
      this.track(c);
    }
    return copy;
  }

  /** Follow the string literals of the host's lines, byte by byte. */
  private track(c: number): void {
    if (this.escaped) this.escaped = false;
    else if (this.inString && c === 0x5c) this.escaped = true;
    else if (c === 0x22) this.inString = !this.inString;
    else if (c === 0x0a) this.inString = false;
  }
}
