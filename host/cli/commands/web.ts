/**
 * `fobsync web`: serve the browser page (dist/web) on this machine and open
 * it. With --port, the page reaches that serial port through the server (a
 * WebSocket bridge); without, the page uses the browser's own Web Serial.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CommandModule } from "../command-module";
import { addOptions, intIn } from "../command-module";
import { CliError, EXIT, usageError } from "../../common/errors";
import { BAUD_OPTION, PORT_OPTION } from "../../serial/cli-options";
import { openSerialLink } from "../../serial/serialport-link";
import { portProblem } from "../../serial/serial-device-check";
import { loopback, startWebServer } from "../../web/server/web-server";
import { packageRoot } from "../session/package-root";

interface WebOptions {
  port?: string;
  baud: number;
  target: string;
  host: string;
  httpPort: number;
  open: boolean;
}

export const webCommand: CommandModule<WebOptions> = {
  name: "web",
  summary: "serve the browser page (flash, pair, monitor) and open it; --port bridges a serial port to it",
  configure(cmd) {
    addOptions(cmd, [
      { ...PORT_OPTION, description: "bridge this serial port to the page (without it the page uses the browser's Web Serial)" },
      BAUD_OPTION,
      { flags: "--target <target>", description: "firmware on the board: espruino or nodemcu", default: "espruino" },
      { flags: "--host <address>", description: "address to listen on; anything but the loopback lets other machines reach the page (a warning says so)", default: "127.0.0.1" },
      { flags: "--http-port <n>", description: "TCP port of the page (0: any free one)", default: 0, parse: intIn("--http-port", 0, 65535) },
      { flags: "--no-open", description: "print the address without opening a browser" },
    ]);
    cmd.addHelpText(
      "after",
      "\nThe page's address carries a random token that changes every run: only a page opened with it may use the board.\n" +
        "Web Serial works in Chrome, Edge and Opera (desktop), not in Firefox or Safari: there, use --port.\n" +
        "Examples:\n  $ fobsync web --port /dev/ttyUSB0 --no-open   # until Ctrl-C",
    );
  },
  async run(opts, { out, signal }) {
    if (opts.target !== "espruino" && opts.target !== "nodemcu") throw usageError(`--target must be espruino or nodemcu, got '${opts.target}'`);
    // the port is opened only when the page connects: a wrong one is said now, not then
    const wrongPort = opts.port ? portProblem(opts.port) : null;
    if (wrongPort) throw wrongPort;
    const root = join(packageRoot(), "dist", "web");
    if (!existsSync(join(root, "index.html"))) throw new CliError("not-set-up", "the page is not built (dist/web)", EXIT.notSetUp, "run: npm run build");
    if (!loopback(opts.host)) out.say(`warning: listening on ${opts.host}: other machines on that network can open the page (they still need the token)`, "warn");
    const server = await startWebServer({
      root,
      host: opts.host,
      port: opts.httpPort,
      token: randomBytes(16).toString("hex"),
      bridge: opts.port ? { path: opts.port, baud: opts.baud, target: opts.target, open: (path, baudRate) => openSerialLink({ path, baudRate }) } : undefined,
      log: (text) => out.emit({ type: "web-log", text }, text, "dim"),
    }).catch((err: Error) => {
      throw new CliError("web-failed", `cannot serve the page on ${opts.host}:${opts.httpPort}: ${err.message}`, EXIT.usage);
    });
    out.emit({ type: "web", url: server.url, bridge: opts.port ?? null }, server.url);
    out.say(opts.port ? `the page reaches ${opts.port} through this server; Ctrl-C stops it` : "the page uses the browser's Web Serial (Chrome, Edge, Opera); Ctrl-C stops the server", "dim");
    if (opts.open) openBrowser(server.url);
    await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve())));
    await server.close();
    return EXIT.ok;
  },
};

/** Open `url` in the desktop's browser, if there is a desktop (xdg-open); otherwise the printed address is enough. */
function openBrowser(url: string): void {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    spawn("xdg-open", [url], { stdio: "ignore", detached: true }).on("error", () => {}).unref();
  } catch {
    // no xdg-open: the address was printed
  }
}
