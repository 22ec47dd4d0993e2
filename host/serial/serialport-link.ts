/**
 * `SerialLink` over node-serialport with an injectable binding: the real
 * `@serialport/bindings-cpp` for hardware and pseudo-terminals, or
 * `@serialport/binding-mock` in tests.
 *
 * On open, DTR and RTS are driven to a fixed state (both released by default)
 * so that opening the port neither resets an ESP32 (EN on DTR) nor puts it in
 * its bootloader (IO0 on RTS), as the usual auto-reset circuit would.
 */
import { existsSync } from "node:fs";
import { SerialPortStream } from "@serialport/stream";
import type { CloseReason, ModemSignals, SerialLink } from "./link";
import { CliError } from "../common/errors";
import { describeProcesses, lockHolders } from "../ports/port-holders";
import { openErrorToCli, portBusy, portDisconnected } from "./port-errors";
import { notASerialDevice } from "./serial-device-check";

/** A serialport binding (real bindings-cpp or the mock), as SerialPortStream takes it. */
export type BindingInterface = ConstructorParameters<typeof SerialPortStream>[0]["binding"];

export interface OpenLinkOptions {
  path: string;
  baudRate: number;
  /** Defaults to the real bindings for this operating system. */
  binding?: BindingInterface;
  /** DTR/RTS right after opening. Default: both false (board neither reset nor held in bootloader). */
  signalsOnOpen?: ModemSignals;
  /**
   * How often to check that the device node still exists (real bindings only;
   * 0 disables). A pseudo-terminal whose other end closed, like some USB
   * adapters, reports no read error: its node simply disappears.
   */
  presenceCheckMs?: number;
}

/** The real binding for this OS, loaded on first use (native module). */
async function realBinding(): Promise<BindingInterface> {
  const mod = await import("@serialport/bindings-cpp");
  return mod.autoDetect() as unknown as BindingInterface;
}

class SerialPortLink implements SerialLink {
  private open = true;
  private readonly closeHandlers = new Set<(reason: CloseReason, error?: Error) => void>();
  private closing = false;
  private presenceTimer: NodeJS.Timeout | null = null;
  /** Writes whose callback has not come yet: failed when the port goes away (its callback may never come then). */
  private readonly pendingWrites = new Set<(error: Error) => void>();

  constructor(
    readonly path: string,
    readonly baudRate: number,
    private readonly port: SerialPortStream,
    presenceCheckMs: number,
  ) {
    if (presenceCheckMs > 0) {
      this.presenceTimer = setInterval(() => {
        if (!existsSync(this.path)) this.vanished();
      }, presenceCheckMs);
      this.presenceTimer.unref();
    }
    port.on("close", (err?: Error & { disconnected?: boolean }) => this.closed(this.closing ? "closed" : "disconnected", err));
    // A read error on a vanished port arrives as 'error' before 'close'; the close handler reports it.
    port.on("error", () => {});
  }

  get isOpen(): boolean {
    return this.open;
  }

  write(data: Uint8Array | string): Promise<void> {
    if (!this.open) return Promise.reject(portDisconnected(this.path, "a write"));
    const buf = typeof data === "string" ? Buffer.from(data, "latin1") : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        this.pendingWrites.delete(fail);
        reject(error);
      };
      this.pendingWrites.add(fail);
      this.port.write(buf, (err) => {
        if (!this.pendingWrites.delete(fail)) return;
        if (!err) return resolve();
        // A failed write on a serial port means the device went away (EIO, ENXIO, EBADF).
        this.vanished();
        reject(portDisconnected(this.path, "a write"));
      });
    });
  }

  drain(): Promise<void> {
    if (!this.open) return Promise.reject(portDisconnected(this.path, "a write"));
    return new Promise((resolve, reject) => this.port.drain((err) => (err ? reject(err) : resolve())));
  }

  onData(fn: (chunk: Buffer) => void): () => void {
    this.port.on("data", fn);
    return () => this.port.off("data", fn);
  }

  onClose(fn: (reason: CloseReason, error?: Error) => void): () => void {
    this.closeHandlers.add(fn);
    return () => this.closeHandlers.delete(fn);
  }

  async setSignals(signals: ModemSignals): Promise<void> {
    if (!this.open) return;
    await new Promise<void>((resolve) => {
      // Pseudo-terminals have no modem lines (ENOTTY/EINVAL): nothing to protect there.
      this.port.set({ dtr: signals.dtr, rts: signals.rts }, () => resolve());
    });
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.closing = true;
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
    this.closed("closed");
  }

  /** The device node is gone: close our side and report a disconnect. */
  private vanished(): void {
    if (!this.open) return;
    this.port.close(() => {});
    this.closed("disconnected", new Error(`${this.path} disappeared`));
  }

  private closed(reason: CloseReason, error?: Error): void {
    if (!this.open) return;
    this.open = false;
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    const failure = reason === "disconnected" ? portDisconnected(this.path, "a write") : new Error(`${this.path} was closed during a write`);
    for (const fail of [...this.pendingWrites]) fail(failure);
    for (const fn of [...this.closeHandlers]) fn(reason, error);
    this.closeHandlers.clear();
  }
}

/**
 * Open a serial port. Rejects with a typed `CliError` (not found, busy,
 * permission) when it cannot be opened.
 */
export async function openSerialLink(opts: OpenLinkOptions): Promise<SerialLink> {
  const real = opts.binding === undefined;
  if (real) {
    const notSerial = notASerialDevice(opts.path);
    if (notSerial) throw notSerial;
  }
  const binding = opts.binding ?? (await realBinding());
  const port = real ? await openUnlessHeld(binding, opts.path, opts.baudRate) : await openPort(binding, opts.path, opts.baudRate);
  const link = new SerialPortLink(opts.path, opts.baudRate, port, real ? (opts.presenceCheckMs ?? 250) : 0);
  await link.setSignals(opts.signalsOnOpen ?? { dtr: false, rts: false });
  return link;
}

/**
 * How long a port that is locked while no other process holds its lock is
 * tried again: a handle closing that moment (this process's own, or one of a
 * process that has just ended) lets go within milliseconds.
 */
export const UNSEEN_LOCK_RETRY_MS = 1000;

/**
 * Open the port. When it is locked by another process (/proc/locks), fail at
 * once and name it; when no other process holds the lock, try again for up to
 * UNSEEN_LOCK_RETRY_MS before saying it is busy.
 */
async function openUnlessHeld(binding: BindingInterface, path: string, baudRate: number): Promise<SerialPortStream> {
  const giveUpAt = Date.now() + UNSEEN_LOCK_RETRY_MS;
  for (;;) {
    try {
      return await openPort(binding, path, baudRate);
    } catch (err) {
      if (!(err instanceof CliError) || err.code !== "port-busy") throw err;
      const holders = describeProcesses(lockHolders(path).filter((pid) => pid !== process.pid));
      if (holders.names.length > 0 || Date.now() >= giveUpAt) throw portBusy(path, holders);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function openPort(binding: BindingInterface, path: string, baudRate: number): Promise<SerialPortStream> {
  let port: SerialPortStream;
  try {
    port = new SerialPortStream({ binding, path, baudRate, autoOpen: false, hupcl: false });
  } catch (err) {
    throw openErrorToCli(path, err);
  }
  await new Promise<void>((resolve, reject) => {
    port.open((err) => (err ? reject(openErrorToCli(path, err)) : resolve()));
  });
  return port;
}
