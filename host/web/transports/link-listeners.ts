import type { Buffer } from "buffer";
import type { CloseReason, SerialLink } from "../../serial/link";

/** The listeners a browser link keeps: who hears its bytes and its close (the SerialLink contract's onData / onClose). */
export class LinkListeners {
  private data: ((chunk: Buffer) => void)[] = [];
  private closed: ((reason: CloseReason, error?: Error) => void)[] = [];

  readonly onData: SerialLink["onData"] = (fn) => {
    this.data.push(fn);
    return () => void this.data.splice(this.data.indexOf(fn), 1);
  };

  readonly onClose: SerialLink["onClose"] = (fn) => {
    this.closed.push(fn);
    return () => void this.closed.splice(this.closed.indexOf(fn), 1);
  };

  bytes(chunk: Buffer): void {
    for (const fn of this.data.slice()) fn(chunk);
  }

  close(reason: CloseReason, error?: Error): void {
    for (const fn of this.closed.slice()) fn(reason, error);
  }
}
