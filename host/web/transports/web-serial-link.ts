/**
 * A SerialLink over Web Serial (`navigator.serial`, Chromium-based browsers):
 * the page talks to the board on the user's own USB port, no install needed.
 */
import { Buffer } from "buffer";
import type { CloseReason, ModemSignals, SerialLink } from "../../serial/link";
import { LinkListeners } from "./link-listeners";

/** The parts of a Web Serial port this adapter uses (the DOM library has no types for it yet). */
export interface WebSerialPort {
  open(options: { baudRate: number }): Promise<void>;
  close(): Promise<void>;
  readonly readable: ReadableStream<Uint8Array> | null;
  readonly writable: WritableStream<Uint8Array> | null;
  setSignals(signals: { dataTerminalReady?: boolean; requestToSend?: boolean }): Promise<void>;
}

export interface WebSerial {
  requestPort(): Promise<WebSerialPort>;
}

/** `navigator.serial`, or null in a browser without Web Serial (Firefox, Safari). */
export function webSerial(): WebSerial | null {
  return (navigator as unknown as { serial?: WebSerial }).serial ?? null;
}

/** Open `port` at `baudRate` as a link; reading runs until the port closes or goes away. */
export async function openWebSerialLink(port: WebSerialPort, baudRate: number): Promise<SerialLink> {
  await port.open({ baudRate });
  const listeners = new LinkListeners();
  let open = true;
  let asked = false;
  const reader = port.readable!.getReader();
  const end = (reason: CloseReason, error?: Error) => {
    if (!open) return;
    open = false;
    listeners.close(reason, error);
  };
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (value && value.length) listeners.bytes(Buffer.from(value));
      }
      end(asked ? "closed" : "disconnected");
    } catch (err) {
      end(asked ? "closed" : "disconnected", err as Error);
    }
  })();
  return {
    path: "Web Serial port",
    baudRate,
    get isOpen() {
      return open;
    },
    async write(bytes: Uint8Array | string) {
      if (!open) throw new Error("the board's port is closed");
      const writer = port.writable!.getWriter();
      try {
        await writer.write(typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes);
      } finally {
        writer.releaseLock();
      }
    },
    async drain() {},
    onData: listeners.onData,
    onClose: listeners.onClose,
    async setSignals(s: ModemSignals) {
      await port.setSignals({ dataTerminalReady: s.dtr, requestToSend: s.rts });
    },
    async close() {
      asked = true;
      await reader.cancel().catch(() => undefined);
      reader.releaseLock();
      await port.close().catch(() => undefined);
      end("closed");
    },
  };
}
