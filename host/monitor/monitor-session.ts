/**
 * A live monitor session: open the port, feed every chunk (with its host
 * time) through the monitor pipeline and the optional raw recording, send
 * the lines the user types as firmware commands, and when the port
 * disappears say so and reopen it as soon as it is back.
 *
 * The first open fails loudly (not found, busy, permission); so does a line
 * that starts out as garbage (wrong baud rate). Ends when `signal` aborts.
 */
import { createInterface } from "node:readline";
import type { SerialLink } from "../serial/link";
import { replCommandLine } from "../serial/firmware-command";
import { garbageOnLine } from "../serial/port-errors";
import { openSerialLink, type BindingInterface } from "../serial/serialport-link";
import { MonitorPipeline } from "./monitor-pipeline";
import type { MonitorRecord } from "./records";
import type { RecordingWriter } from "./recording";

export interface MonitorSessionOptions {
  path: string;
  baudRate: number;
  binding?: BindingInterface;
  reconnect: boolean;
  sink: (rec: MonitorRecord) => void;
  recorder?: RecordingWriter;
  signal: AbortSignal;
  /** Lines typed by the user, sent as firmware commands. */
  input?: NodeJS.ReadableStream;
  /** Problems with typed commands (too long, not ASCII): shown, nothing sent. */
  onInputError?: (message: string) => void;
  /** Send typed commands with Espruino's DLE prefix (no echo); false for the Lua REPL. */
  silentCommands?: boolean;
  retryMs?: number;
  now?: () => number;
}

/** Bytes judged before deciding whether the line is garbage. */
const GARBAGE_WINDOW = 64;

export async function runMonitor(o: MonitorSessionOptions): Promise<void> {
  const now = o.now ?? (() => Date.now());
  const pipeline = new MonitorPipeline(o.sink);
  let link: SerialLink = await openSerialLink({ path: o.path, baudRate: o.baudRate, binding: o.binding });
  let judged = 0;
  let bad = 0;
  let garbage: Error | null = null;
  let finish: (err?: Error) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    finish = (err) => (err ? reject(err) : resolve());
  });

  const attach = (l: SerialLink) => {
    l.onData((chunk) => {
      const t = now();
      o.recorder?.bytes(t, "rx", chunk);
      if (judged < GARBAGE_WINDOW) {
        for (let i = 0; i < chunk.length && judged < GARBAGE_WINDOW; i++, judged++) {
          const c = chunk[i];
          if ((c < 0x20 || c > 0x7e) && c !== 10 && c !== 13 && c !== 9 && c !== 8 && c !== 0x11 && c !== 0x13) bad++;
        }
        if (judged >= GARBAGE_WINDOW && bad * 4 >= judged && !garbage) {
          garbage = garbageOnLine(o.path, o.baudRate, `${bad} of the first ${judged} bytes are not text`);
          finish(garbage);
        }
      }
      pipeline.rx(chunk, t);
    });
    l.onClose((reason) => {
      if (reason !== "disconnected" || o.signal.aborted) return;
      const t = now();
      o.recorder?.link(t, "disconnected");
      pipeline.disconnected(t, o.path);
      if (!o.reconnect) finish();
      else void reopen();
    });
  };

  const reopen = async () => {
    while (!o.signal.aborted) {
      await new Promise((r) => setTimeout(r, o.retryMs ?? 100));
      if (o.signal.aborted) return;
      try {
        link = await openSerialLink({ path: o.path, baudRate: o.baudRate, binding: o.binding });
      } catch {
        continue;
      }
      const t = now();
      o.recorder?.link(t, "reconnected");
      pipeline.reconnected(t, o.path);
      attach(link);
      return;
    }
  };

  attach(link);
  const typed = o.input ? createInterface({ input: o.input, terminal: false }) : null;
  typed?.on("line", (line) => {
    const text = line.trim();
    if (text === "") return;
    let wire: string;
    try {
      wire = replCommandLine(text, o.silentCommands ?? true);
    } catch (err) {
      o.onInputError?.((err as Error).message);
      return;
    }
    if (!link.isOpen) {
      o.onInputError?.("not sent: the port is disconnected");
      return;
    }
    const t = now();
    o.recorder?.bytes(t, "tx", Buffer.from(wire, "latin1"));
    pipeline.tx(text, t);
    link.write(wire).catch(() => o.onInputError?.("not sent: the port went away"));
  });
  const onAbort = () => finish();
  o.signal.addEventListener("abort", onAbort);
  try {
    await done;
  } finally {
    o.signal.removeEventListener("abort", onAbort);
    typed?.close();
    pipeline.end();
    if (link.isOpen) await link.close();
  }
}
