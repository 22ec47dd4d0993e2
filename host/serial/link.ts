/**
 * The serial transport as an interface: everything above it (flash, monitor,
 * board sessions) talks to a `SerialLink`, never to `serialport` directly, so
 * the same code runs against serialport's mock binding, a pseudo-terminal and
 * real hardware.
 */

/** Modem control lines the host drives. */
export interface ModemSignals {
  dtr?: boolean;
  rts?: boolean;
}

/** Why a link closed: asked by us, or the port went away (unplugged, board process ended). */
export type CloseReason = "closed" | "disconnected";

export interface SerialLink {
  /** Port path as given by the user. */
  readonly path: string;
  readonly baudRate: number;
  /** True until `close()` or a disconnect. */
  readonly isOpen: boolean;
  /** Queue bytes; resolves once the operating system has taken them. Rejects when the port is gone. */
  write(data: Uint8Array | string): Promise<void>;
  /** Resolves when everything written so far has left the host (tcdrain). */
  drain(): Promise<void>;
  /** Receive every chunk of bytes from the board. Returns an unsubscribe function. */
  onData(fn: (chunk: Buffer) => void): () => void;
  /** Called once when the link closes, with why. Returns an unsubscribe function. */
  onClose(fn: (reason: CloseReason, error?: Error) => void): () => void;
  /** Set DTR/RTS (no-op on ports without modem lines, such as pseudo-terminals). */
  setSignals(signals: ModemSignals): Promise<void>;
  /** Close the port; safe to call twice. */
  close(): Promise<void>;
}

/** Standard baud rates fobsync accepts on the command line. */
export const STANDARD_BAUDS = [9600, 19200, 38400, 57600, 74880, 115200, 230400, 460800, 921600] as const;

/** Espruino on ESP32 and NodeMCU both talk at 115200 by default. */
export const DEFAULT_BAUD = 115200;
