/**
 * A Web Serial `SerialPort`, as esptool-js's `Transport` takes it, over
 * fobsync's own serial link (serialport in Node). What esptool-js needs of it:
 * - `open()` opens the port afresh each time, with fresh `readable` and
 *   `writable` streams: esptool-js closes and reopens the port to change
 *   baud rate;
 * - `setSignals()` takes DTR and RTS one at a time; serialport's `set` wants
 *   both and fills a missing one with `true`, so both are tracked here and
 *   always set together (the chip's EN and IO0 hang on them);
 * - `getInfo()` gives the USB vendor and product ids as numbers.
 * A pseudo-terminal has no modem lines: there setting them does nothing.
 */
import { openSerialLink, type BindingInterface } from "../serial/serialport-link";
import type { SerialLink } from "../serial/link";

export interface WebSerialInfo {
  usbVendorId?: number;
  usbProductId?: number;
}

export class WebSerialOverLink {
  private link: SerialLink | null = null;
  private dtr = false;
  private rts = false;
  private vanished = false;
  private readonly goneHandlers: Array<() => void> = [];
  readable: ReadableStream<Uint8Array> | null = null;
  writable: WritableStream<Uint8Array> | null = null;

  constructor(
    readonly path: string,
    private readonly info: WebSerialInfo = {},
    private readonly binding?: BindingInterface,
  ) {}

  async open(options: { baudRate: number }): Promise<void> {
    if (this.link) throw new DOMException("The port is already open.", "InvalidStateError");
    const link = await openSerialLink({ path: this.path, baudRate: options.baudRate, binding: this.binding, signalsOnOpen: { dtr: this.dtr, rts: this.rts } });
    this.link = link;
    let stopData = (): void => undefined;
    this.readable = new ReadableStream<Uint8Array>({
      start: (controller) => {
        stopData = link.onData((chunk) => controller.enqueue(new Uint8Array(chunk)));
        link.onClose((reason) => {
          if (reason === "disconnected") {
            // as a Web Serial port that lost its device: no streams (esptool-js waits while they are locked)
            this.vanished = true;
            this.readable = null;
            this.writable = null;
            for (const fn of this.goneHandlers) fn();
          }
          stopData();
          try {
            controller.close();
          } catch {
            // already closed by a cancel
          }
        });
      },
      cancel: () => stopData(),
    });
    this.writable = new WritableStream<Uint8Array>({
      write: (chunk) => link.write(chunk),
    });
  }

  async setSignals(signals: { dataTerminalReady?: boolean; requestToSend?: boolean; break?: boolean }): Promise<void> {
    if (signals.dataTerminalReady !== undefined) this.dtr = signals.dataTerminalReady;
    if (signals.requestToSend !== undefined) this.rts = signals.requestToSend;
    if (this.link) await this.link.setSignals({ dtr: this.dtr, rts: this.rts });
  }

  /** Called when the port goes away while open (esptool-js would only notice at its next timeout). */
  onGone(fn: () => void): void {
    this.goneHandlers.push(fn);
  }

  /** Whether the port went away (unplugged) while it was open. */
  wentAway(): boolean {
    return this.vanished;
  }

  /** The modem lines as last set (both, always). */
  signals(): { dtr: boolean; rts: boolean } {
    return { dtr: this.dtr, rts: this.rts };
  }

  getInfo(): WebSerialInfo {
    return { ...this.info };
  }

  async close(): Promise<void> {
    const link = this.link;
    this.link = null;
    this.readable = null;
    this.writable = null;
    if (link) await link.close();
  }
}
