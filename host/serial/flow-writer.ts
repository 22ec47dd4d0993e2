/**
 * Writes large payloads to a board in slices, honouring software flow
 * control: after an XOFF (0x13) from the board nothing more is written until
 * its XON (0x11). Espruino sends XOFF when its input buffer fills (it is busy
 * writing flash) and XON when it has caught up.
 */
import type { SerialLink } from "./link";
import { XOFF, XON } from "./line-splitter";
import { boardNotAnswering, portDisconnected } from "./port-errors";

export interface FlowWriterOptions {
  /** Bytes per write call. Small slices let an XOFF take effect quickly. */
  sliceBytes?: number;
  /** Longest time the board may hold us off with XOFF before we give up. */
  xoffTimeoutMs?: number;
  /** Called after every slice with the bytes written so far in this call. */
  onProgress?: (written: number) => void;
  /** Stop writing when aborted. */
  signal?: AbortSignal;
}

export class FlowWriter {
  private paused = false;
  private resume: (() => void) | null = null;
  /** Ends a pending XON wait when the port goes away (an unplug during an XOFF pause). */
  private abandon: ((error: Error) => void) | null = null;
  /** XOFFs seen (for reports and tests). */
  xoffCount = 0;

  constructor(private readonly link: SerialLink) {
    link.onClose((reason) => this.abandon?.(reason === "disconnected" ? portDisconnected(link.path, "a write") : new Error(`${link.path} was closed during a write`)));
  }

  /** Feed every XON/XOFF byte the board sends (from `LineSplitter`'s onFlow). */
  flow(byte: number): void {
    if (byte === XOFF) {
      this.paused = true;
      this.xoffCount++;
    } else if (byte === XON) {
      this.paused = false;
      const r = this.resume;
      this.resume = null;
      r?.();
    }
  }

  /** True while the board has asked us to stop. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Write `data`, slice by slice, waiting out XOFF. */
  async write(data: string | Uint8Array, opts: FlowWriterOptions = {}): Promise<void> {
    const bytes = typeof data === "string" ? Buffer.from(data, "latin1") : Buffer.from(data);
    const slice = opts.sliceBytes ?? 256;
    let written = 0;
    while (written < bytes.length) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("aborted");
      if (this.paused) await this.waitForXon(opts.xoffTimeoutMs ?? 10_000);
      const end = Math.min(bytes.length, written + slice);
      await this.link.write(bytes.subarray(written, end));
      written = end;
      opts.onProgress?.(written);
    }
  }

  private waitForXon(timeoutMs: number): Promise<void> {
    if (!this.link.isOpen) return Promise.reject(portDisconnected(this.link.path, "a write"));
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        this.resume = null;
        this.abandon = null;
      };
      const timer = setTimeout(() => {
        settle();
        reject(boardNotAnswering(this.link.path, timeoutMs, "XON after the board paused the upload with XOFF"));
      }, timeoutMs);
      this.resume = () => {
        settle();
        resolve();
      };
      this.abandon = (error) => {
        settle();
        reject(error);
      };
    });
  }
}
