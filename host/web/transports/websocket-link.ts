/**
 * A SerialLink over a WebSocket: the page's side of `fobsync web --port P`,
 * whose server bridges the socket to the serial port. Binary frames carry the
 * bytes both ways; the socket closing is the port going away.
 */
import { Buffer } from "buffer";
import type { ModemSignals, SerialLink } from "../../serial/link";
import { LinkListeners } from "./link-listeners";

/** Open `url` (ws://host/link?token=...). Rejects with a one-line reason when the bridge refuses. */
export function openWebSocketLink(url: string, path: string, baudRate: number): Promise<SerialLink> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = "arraybuffer";
    const listeners = new LinkListeners();
    let open = false;
    let asked = false;
    ws.onmessage = (m) => {
      listeners.bytes(Buffer.from(new Uint8Array(m.data as ArrayBuffer)));
    };
    ws.onclose = () => {
      const was = open;
      open = false;
      if (!was) return reject(new Error("the fobsync web bridge refused the connection (wrong token or page?)"));
      listeners.close(asked ? "closed" : "disconnected");
    };
    ws.onopen = () => {
      open = true;
      resolve({
        path,
        baudRate,
        get isOpen() {
          return open;
        },
        async write(bytes: Uint8Array | string) {
          if (!open) throw new Error("the board's link is closed");
          ws.send(new Uint8Array(typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes));
        },
        async drain() {
          while (open && ws.bufferedAmount > 0) await new Promise((r) => setTimeout(r, 5));
        },
        onData: listeners.onData,
        onClose: listeners.onClose,
        async setSignals(_signals: ModemSignals) {
          // the bridge's port keeps its lines; a reset goes through the REPL
        },
        async close() {
          asked = true;
          ws.close();
        },
      });
    };
  });
}
