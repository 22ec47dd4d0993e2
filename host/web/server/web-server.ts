/**
 * `fobsync web`'s server: the page (dist/web) over HTTP, and, with a port,
 * a WebSocket at /link bridging the page to the board's serial port.
 *
 * Nobody else may drive the relays: it listens on the loopback address unless
 * told otherwise; the WebSocket takes only the page's own origin and the
 * random per-run token the page got in the URL it was opened with (any
 * website the user visits could otherwise open ws://localhost:.../link and
 * press the buttons of their car's keys). A refused upgrade changes nothing:
 * the port is opened only for an accepted connection, one at a time.
 */
import { timingSafeEqual } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { SerialLink } from "../../serial/link";
import { LineSplitter, withoutReplPrompt } from "../../serial/line-splitter";
import { commandInReplLine, replCommandLine } from "../../serial/firmware-command";
import { parseEventLine } from "../../protocol/event-line";

export interface Bridge {
  /** The serial port to bridge. */
  path: string;
  baud: number;
  target: string;
  /** Open the port (serialport-link's openSerialLink; a test passes its own). */
  open(path: string, baud: number): Promise<SerialLink>;
}

export interface WebServerOptions {
  /** The built page (dist/web). */
  root: string;
  host: string;
  /** 0: any free port. */
  port: number;
  token: string;
  bridge?: Bridge;
  /** Told about each refused or accepted connection (the command prints it). */
  log?(text: string): void;
}

export interface WebServer {
  /** The page's address with the token: what the user opens. */
  url: string;
  /** The page's origin, `http://host:port`. */
  origin: string;
  close(): Promise<void>;
}

const TYPES: { [ext: string]: string } = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".bin": "application/octet-stream",
};

/** The page loads nothing from elsewhere and talks only to its own origin. */
const HEADERS = {
  "Content-Security-Policy": "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const log = o.log ?? (() => {});
  let busy = false;
  /** The page's own origins, known once the server listens (before any request can come). */
  let origins: string[] = [];
  const http = createServer((req, res) => serve(o, req, res));
  const wss = new WebSocketServer({ noServer: true });
  http.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = refuse(o, origins, req, busy);
    if (refusal) {
      log(`refused a connection to ${req.url?.split("?")[0]} from origin ${req.headers.origin ?? "(none)"}: ${refusal.why}`);
      socket.end(`HTTP/1.1 ${refusal.status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    busy = true;
    wss.handleUpgrade(req, socket, head, (ws) => {
      log("the page connected to the board");
      bridgeSocket(ws, o.bridge!, log).finally(() => (busy = false));
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(o.port, o.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const shown = o.host.includes(":") ? `[${o.host}]` : o.host;
  const origin = `http://${shown}:${port}`;
  origins = loopback(o.host) ? [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`] : [origin];
  return {
    url: `${origin}/?token=${o.token}`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

export function loopback(host: string): boolean {
  return host === "127.0.0.1" || host === "localhost" || host === "::1";
}

/** Why an upgrade is refused, or null: the path, the page's own origin, the token, one page at a time. */
function refuse(o: WebServerOptions, origins: string[], req: IncomingMessage, busy: boolean): { status: string; why: string } | null {
  const url = new URL(req.url ?? "/", "http://x");
  if (url.pathname !== "/link" || !o.bridge) return { status: "404 Not Found", why: "no such endpoint" };
  if (!origins.includes(req.headers.origin ?? "")) return { status: "403 Forbidden", why: "not this page's origin" };
  if (!sameToken(url.searchParams.get("token") ?? "", o.token)) return { status: "403 Forbidden", why: "wrong or missing token" };
  if (busy) return { status: "409 Conflict", why: "another page holds the board" };
  return null;
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How long opening the port may take before the page is told it failed (a port that hangs on open). */
export const OPEN_TIMEOUT_MS = 10_000;

/**
 * Pipe the socket to the port until either ends; the port is closed when the
 * page goes (even while it was opening). What the page sends before the port
 * is open waits for it, in order, so no command is lost. When the page goes
 * (its tab closed, the socket lost) while a session runs on the board, the
 * bridge sends the board `abort` before closing the port: every relay is
 * released at once, not only when the board's own host watch runs out.
 */
async function bridgeSocket(ws: WebSocket, bridge: Bridge, log: (text: string) => void): Promise<void> {
  const closed = new Promise<void>((resolve) => ws.once("close", () => resolve()));
  const early: Buffer[] = [];
  const session = new SessionTracker();
  /** Set once what the page sent while the port was opening has gone out, in order; until then the page's bytes queue. */
  let link: SerialLink | null = null;
  let port: SerialLink;
  ws.on("message", (data: Buffer) => {
    session.sent(data);
    if (link) void link.write(data).catch(() => ws.close(1011, "the port went away"));
    else early.push(data);
  });
  try {
    port = await withTimeout(bridge.open(bridge.path, bridge.baud), OPEN_TIMEOUT_MS, `opening ${bridge.path} took longer than ${OPEN_TIMEOUT_MS / 1000} s`);
  } catch (err) {
    log(`cannot open ${bridge.path}: ${(err as Error).message}`);
    ws.close(1011, `cannot open the port: ${(err as Error).message}`.slice(0, 120));
    await closed;
    return;
  }
  port.onData((chunk) => {
    session.push(chunk);
    ws.send(chunk);
  });
  port.onClose(() => ws.close(1011, "the port went away"));
  while (early.length > 0) await port.write(early.shift()!).catch(() => ws.close(1011, "the port went away"));
  link = port;
  await closed;
  if (session.running && port.isOpen) {
    log("the page disconnected during a session: abort sent to the board");
    await port.write(replCommandLine("abort", bridge.target === "espruino")).catch(() => undefined);
  } else log("the page disconnected");
  await port.close();
}

/**
 * Whether a session may run on the board: from a `pair` the page sent (its
 * session.start may still be on its way) or a session.start the board sent,
 * until the board's session.end, a refusal of the pair, or a reboot.
 */
class SessionTracker {
  running = false;
  private readonly lines = new LineSplitter((l) => {
    const ev = parseEventLine(withoutReplPrompt(l.text));
    if (ev?.event === "session.start") this.running = true;
    else if (ev?.event === "session.end" || ev?.event === "boot" || (ev?.event === "error" && ev.fields.cmd === "pair")) this.running = false;
  });

  /** Bytes from the board. */
  push(chunk: Uint8Array): void {
    this.lines.push(Buffer.from(chunk));
  }

  /** Bytes from the page: a pair command line means a session may start. */
  sent(data: Buffer): void {
    for (const line of data.toString("latin1").split("\n")) if (commandInReplLine(line)?.startsWith("pair ")) this.running = true;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(what)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

/** GET a file of the page, or /info (the bridged port, for the page that has the token). */
function serve(o: WebServerOptions, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://x");
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain", "GET only");
  if (url.pathname === "/info") {
    if (!sameToken(url.searchParams.get("token") ?? "", o.token)) return send(res, 403, "text/plain", "wrong or missing token");
    const b = o.bridge;
    return send(res, 200, TYPES[".json"], JSON.stringify({ bridge: b ? { port: b.path, baud: b.baud, target: b.target } : null }));
  }
  const rel = normalize(decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname)).replace(/^([/\\])+/, "");
  const file = join(o.root, rel);
  if (!file.startsWith(o.root + sep) || rel.split(/[/\\]/).includes("..")) return send(res, 404, "text/plain", "not found");
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return send(res, 404, "text/plain", "not found");
    size = st.size;
  } catch {
    return send(res, 404, "text/plain", "not found");
  }
  res.writeHead(200, { ...HEADERS, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Length": size });
  if (req.method === "HEAD") return void res.end();
  createReadStream(file).pipe(res);
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...HEADERS, "Content-Type": type });
  res.end(body);
}
