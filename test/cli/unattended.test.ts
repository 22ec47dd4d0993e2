/**
 * No session runs unattended, whatever way its host stops hearing or being
 * heard: `pair` (the BUILT CLI) over a pseudo-terminal to a simulated board
 * (the real Espruino interpreter when this run has one, else fobsync's model)
 * holding the shipped firmware and recipes. After each way, the board is asked `status` over its port:
 * idle, every relay released.
 *   - pair's output closed (piped into a program that stopped reading): exit 7, abort sent;
 *   - the terminal closed (SIGHUP): exit 7, abort sent;
 *   - pair killed outright (SIGKILL: nothing can be sent): the board's own host watch ends it;
 *   - the browser page's WebSocket to `fobsync web` lost mid-session: the bridge sends abort;
 *     and the bridge keeps what the page sends before the port is open.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { espruinoBundle } from "../../host/flash/bundle-source";
import { openSerialSession } from "../../host/session/open-serial-session";
import type { SerialSession } from "../../host/session/serial-session";
import { startEspruinoBoard } from "../../host/sim/boards/choose-board";
import type { SimBoard } from "../../host/sim/boards/sim-board";
import { replCommandLine } from "../../host/serial/firmware-command";
import { buildCli, ROOT } from "./run-cli";
import { printed, startCli, type Running } from "../web/harness";
import { espruinoBoardChoice, interpreter } from "../interpreter-gate";

const CLI = join(ROOT, "bin", "fobsync.js");
const PAIR = ["pair", "--recipe", "bmw-zke", "--keys", "2", "--yes"];
let board: SimBoard;

beforeAll(async () => {
  buildCli();
  // a board fobsync flash has flashed: the shipped bytes and the recipe files in its Storage
  board = await startEspruinoBoard(espruinoBoardChoice(), { car: "zke", baud: 0, bundle: espruinoBundle().bytes.toString("latin1") });
  for (let t = 0; t < 150 && !board.bench.events.some((e) => e.event === "boot"); t++) await new Promise((r) => setTimeout(r, 100));
}, 90_000);

afterAll(async () => {
  await board?.stop();
});

/** The board's `status` line, asked over its port as a host would. */
async function boardStatus(): Promise<string> {
  const session: SerialSession = await openSerialSession(board.hostPath, 115200, "the simulated board");
  try {
    await session.send("status");
    for (let line = await session.next(3000); line; line = await session.next(3000)) if (line.kind === "event" && line.event.event === "status") return line.text;
    return "no status";
  } finally {
    await session.close();
  }
}

/** `fobsync pair` on the board in the background; `started` once it pressed a relay (the board's own record). */
function startPair(): { child: ReturnType<typeof spawn>; started: Promise<void>; exited: Promise<number>; stderr: () => string } {
  const child = spawn(process.execPath, [CLI, ...PAIR, "--port", board.hostPath], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  child.stdout!.on("data", () => {});
  const from = board.bench.events.length;
  const started = new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (board.bench.events.slice(from).some((e) => e.event === "switch" && e.fields.on === 1)) {
        clearInterval(poll);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(poll);
        reject(new Error(`pair ended (exit ${child.exitCode}) before pressing anything: ${err}`));
      }
    }, 50);
  });
  const exited = new Promise<number>((resolve) => child.on("exit", (code, sig) => resolve(code ?? (sig ? 128 : -1))));
  return { child, started, exited, stderr: () => err };
}

/** Events since `from` in the board's own record. */
const endsSince = (from: number) => board.bench.events.slice(from).filter((e) => e.event === "session.end");

describe(`no unattended session on ${interpreter ? "the real Espruino interpreter" : "fobsync's model of Espruino"}`, () => {
  it("pair's output closed (a pipe whose reader stopped): abort sent, the board idle with nothing pressed, exit 7", { timeout: 60_000 }, async () => {
    const from = board.bench.events.length;
    const pair = startPair();
    await pair.started;
    pair.child.stdout!.destroy(); // the reader of pair's output goes away: its next line meets a closed pipe
    const code = await pair.exited;
    expect(code).toBe(7);
    expect(pair.stderr()).toMatch(/the output was closed, so nobody is watching: stopped/);
    expect(endsSince(from).map((e) => e.fields.reason)).toEqual(["abort"]);
    expect(await boardStatus()).toMatch(/state=idle .* on=-/);
  });

  it("the terminal closed (SIGHUP): abort sent, the board idle, exit 7", { timeout: 60_000 }, async () => {
    const from = board.bench.events.length;
    const pair = startPair();
    await pair.started;
    pair.child.kill("SIGHUP");
    expect(await pair.exited).toBe(7);
    expect(endsSince(from).map((e) => e.fields.reason)).toEqual(["abort"]);
    expect(await boardStatus()).toMatch(/state=idle .* on=-/);
  });

  it("pair killed outright (nothing can be sent): the board ends the session by itself 5 s after the last heartbeat, every relay released", { timeout: 60_000 }, async () => {
    const from = board.bench.events.length;
    const pair = startPair();
    await pair.started;
    const killedAt = board.bench.clock.now();
    pair.child.kill("SIGKILL");
    await pair.exited;
    await expect.poll(() => endsSince(from).length, { timeout: 10_000, interval: 100 }).toBe(1);
    const end = endsSince(from)[0];
    expect(end.fields).toMatchObject({ ok: 0, reason: "host-lost" });
    expect(end.ms - killedAt).toBeLessThan(6_000);
    expect(await boardStatus()).toMatch(/state=idle .* on=-/);
  });

  describe("through fobsync web's bridge", () => {
    let web: Running;
    let url: URL;
    beforeAll(async () => {
      web = startCli(["web", "--port", board.hostPath, "--no-open"]);
      url = new URL((await printed(web, /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32})/))[1]);
    }, 30_000);
    afterAll(async () => {
      await web?.stop();
    });

    /** The page's socket to the board: what it sends goes at once, before the port is open. */
    function connect(): Promise<{ ws: WebSocket; text: () => string }> {
      return new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://${url.host}/link?token=${url.searchParams.get("token")}`, { origin: url.origin });
        let text = "";
        ws.on("message", (d: Buffer) => (text += d.toString("latin1")));
        ws.on("open", () => resolve({ ws, text: () => text }));
        ws.on("error", reject);
      });
    }

    it("the first command the page sends is not lost while the bridge opens the port", { timeout: 30_000 }, async () => {
      const { ws, text } = await connect();
      ws.send(replCommandLine("version", true));
      await expect.poll(text, { timeout: 5000 }).toMatch(/I version fw=/);
      ws.close();
      await expect.poll(() => web.out(), { timeout: 5000 }).toMatch(/the page disconnected\n/);
    });

    it("the page gone mid-session (its socket lost): the bridge sends abort at once, the board idle", { timeout: 60_000 }, async () => {
      await new Promise((r) => setTimeout(r, 500)); // the previous connection has let the port go
      const from = board.bench.events.length;
      const { ws } = await connect();
      ws.send(replCommandLine("pair bmw-zke keys=2 confirm=2", true));
      await expect.poll(() => board.bench.events.slice(from).some((e) => e.event === "session.start"), { timeout: 10_000 }).toBe(true);
      const goneAt = board.bench.clock.now();
      ws.terminate();
      await expect.poll(() => endsSince(from).length, { timeout: 10_000, interval: 100 }).toBe(1);
      expect(endsSince(from)[0].fields.reason).toBe("abort");
      expect(endsSince(from)[0].ms - goneAt).toBeLessThan(2000);
      expect(web.out()).toMatch(/the page disconnected during a session: abort sent to the board/);
      await new Promise((r) => setTimeout(r, 500));
      expect(await boardStatus()).toMatch(/state=idle .* on=-/);
    });
  });
});
