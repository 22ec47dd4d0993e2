/**
 * The board as the page sees it: a link (Web Serial, or the `fobsync web`
 * bridge), every byte recorded for the downloadable log, one session reading
 * its lines, and a pump that hands each line to whoever listens (the monitor,
 * the running procedure).
 */
import type { SerialLink } from "../../serial/link";
import { replCommandLine } from "../../serial/firmware-command";
import type { DeviceEvent } from "../../protocol/event-line";
import { textField } from "../../protocol/event-line";
import { SerialSession } from "../../session/serial-session";
import type { SessionLine } from "../../session/board-session";
import { guessBaudMismatch } from "../../doctor/baud-guess";
import { RecordingTap } from "../transports/recording-tap";
import { openWebSocketLink } from "../transports/websocket-link";
import { openWebSerialLink, webSerial, type WebSerialPort } from "../transports/web-serial-link";

export interface Board {
  link: SerialLink;
  session: SerialSession;
  recording: RecordingTap;
  description: string;
  /** Every line from now on (returns an unsubscribe). */
  listen(fn: (line: SessionLine) => void): () => void;
  /** Send one firmware command line (`fs("...")`). */
  send(command: string): Promise<void>;
  /** The next event `pred` accepts within `ms`, or null. */
  waitFor(pred: (ev: DeviceEvent) => boolean, ms: number): Promise<DeviceEvent | null>;
  /** Stop reading lines (the flasher reads the link itself) and resume. */
  pause(): void;
  resume(): void;
}

/** The bridge `fobsync web --port` offers, from /info (needs the page's token), or null. */
export async function bridgeInfo(token: string): Promise<{ port: string; baud: number; target: string } | null> {
  const r = await fetch(`/info?token=${encodeURIComponent(token)}`);
  if (!r.ok) throw new Error(`the server refused this page (${r.status}): open the address fobsync web printed`);
  return ((await r.json()) as { bridge: { port: string; baud: number; target: string } | null }).bridge;
}

/**
 * Connect: through the bridge when the page has a token and the server bridges a port, else Web
 * Serial at `baud`, on `chosen` (the port step 1 installed Espruino on) or the one the user picks.
 */
export async function connectBoard(token: string | null, baud: number, chosen: WebSerialPort | null = null): Promise<Board> {
  const bridge = token ? await bridgeInfo(token) : null;
  let link: SerialLink;
  let description: string;
  if (bridge && token) {
    const proto = location.protocol === "https:" ? "wss" : "ws";
    link = await openWebSocketLink(`${proto}://${location.host}/link?token=${encodeURIComponent(token)}`, bridge.port, bridge.baud);
    description = `${bridge.target} board on ${bridge.port} (through fobsync web)`;
  } else {
    link = await openWebSerialLink(chosen ?? (await requestWebSerialPort()), baud);
    description = `board on a Web Serial port at ${baud} baud`;
  }
  const recording = new RecordingTap();
  const tapped = recording.wrap(link);
  return startPump(tapped, recording, description);
}

/** The port the user picks in the browser's chooser; a clear error in a browser without Web Serial. */
export async function requestWebSerialPort(): Promise<WebSerialPort> {
  const serial = webSerial();
  if (!serial) throw new Error("this browser has no Web Serial: use Chrome, Edge or Opera, or run fobsync web --port <port>");
  return serial.requestPort();
}

function startPump(link: SerialLink, recording: RecordingTap, description: string): Board {
  const session = SerialSession.over(link, description);
  const listeners: ((line: SessionLine) => void)[] = [];
  let paused = false;
  void (async () => {
    while (link.isOpen) {
      if (paused) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const line = await session.next(200);
      if (line) for (const fn of listeners.slice()) fn(line);
    }
  })();
  const board: Board = {
    link,
    session,
    recording,
    description,
    listen(fn) {
      listeners.push(fn);
      return () => void listeners.splice(listeners.indexOf(fn), 1);
    },
    send: (command) => link.write(replCommandLine(command)),
    waitFor(pred, ms) {
      return new Promise((resolve) => {
        const stop = board.listen((line) => {
          if (line.kind === "event" && pred(line.event)) done(line.event);
        });
        const timer = setTimeout(() => done(null), ms);
        function done(ev: DeviceEvent | null) {
          clearTimeout(timer);
          stop();
          resolve(ev);
        }
      });
    },
    pause: () => void (paused = true),
    resume: () => void (paused = false),
  };
  return board;
}

/**
 * No answer to `version`: what the bytes the board sends say about the baud
 * rate (doctor's guess, host/doctor/baud-guess.ts), after listening `ms`.
 * The text assumes 115200 on our side, as doctor's does; at another rate it is
 * said relative to that.
 */
export async function baudHint(board: Board, ms = 2000): Promise<string> {
  const chunks: Uint8Array[] = [];
  const stop = board.link.onData((c) => chunks.push(new Uint8Array(c)));
  await board.link.write("\r\n");
  await new Promise((r) => setTimeout(r, ms));
  stop();
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) bytes.set(c, at), (at += c.length);
  const g = guessBaudMismatch(bytes);
  return g.text.replace("115200", String(board.link.baudRate));
}

/** Ask `version`: the firmware's build id, or null when no fobsync firmware answers. */
export async function firmwareBuild(board: Board): Promise<{ build: string; radios: string } | null> {
  const answer = board.waitFor((e) => e.event === "version", 3000);
  await board.send("version");
  const ev = await answer;
  return ev ? { build: textField(ev, "build"), radios: ev.fields.radios === undefined ? "" : textField(ev, "radios") } : null;
}
