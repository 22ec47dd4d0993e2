/**
 * Nobody else drives the relays: `fobsync web` listens on the loopback
 * address, and its WebSocket takes only its own page's origin with the
 * per-run token. A refused connection never opens the board's port; the page
 * with the token still connects after. The server serves its own files only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { buildCli } from "../cli/run-cli";
import { printed, startCli, type Running } from "./harness";

let sim: Running;
let web: Running;
let url: URL;

beforeAll(async () => {
  buildCli();
  sim = startCli(["sim"]);
  const port = (await printed(sim, /^(\/dev\/pts\/\d+)$/m))[1];
  web = startCli(["web", "--port", port, "--no-open"]);
  url = new URL((await printed(web, /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32})/))[1]);
}, 60_000);

afterAll(async () => {
  await web?.stop();
  await sim?.stop();
});

/** Try the bridge: the HTTP status the upgrade got (101 when accepted), the socket closed after. */
function tryLink(token: string | null, origin: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${url.host}/link${token === null ? "" : `?token=${token}`}`, origin ? { origin } : {});
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("open", () => {
      resolve(101);
      ws.close();
    });
    ws.on("error", () => resolve(0));
  });
}

describe("fobsync web: only its own page, with the token, reaches the board", () => {
  it("refuses another origin, no origin, no token and a wrong token (403), and opens nothing; its own page with the token connects", { timeout: 30_000 }, async () => {
    const token = url.searchParams.get("token")!;
    expect(await tryLink(token, "http://evil.example")).toBe(403);
    expect(await tryLink(token, "http://127.0.0.1:1")).toBe(403);
    expect(await tryLink(token, undefined)).toBe(403);
    expect(await tryLink(null, url.origin)).toBe(403);
    expect(await tryLink("0".repeat(32), url.origin)).toBe(403);
    await printed(web, /refused a connection to \/link from origin \(none\)/);
    expect(web.out()).toMatch(/from origin http:\/\/evil\.example: not this page's origin/);
    expect(web.out()).toMatch(/wrong or missing token/);
    expect(web.out()).not.toMatch(/the page connected/);
    expect(await tryLink(token, url.origin)).toBe(101);
    await printed(web, /the page connected to the board/);
    await printed(web, /the page disconnected/);
  });

  it("gives /info only with the token, serves its own files only, with a policy that forbids other origins", async () => {
    expect((await fetch(new URL("/info", url))).status).toBe(403);
    const info = await fetch(new URL(`/info?token=${url.searchParams.get("token")}`, url));
    expect(await info.json()).toMatchObject({ bridge: { baud: 115200, target: "espruino" } });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/default-src 'self'.*connect-src 'self'/);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    for (const path of ["/../package.json", "/%2e%2e/package.json", "/firmware/../../package.json", "/nope.js"]) expect((await fetch(new URL(path, url))).status, path).toBe(404);
    expect((await fetch(new URL("/", url), { method: "POST" })).status).toBe(405);
  });

  it("listens on the loopback address unless --host says otherwise, and then warns", { timeout: 30_000 }, async () => {
    expect(url.hostname).toBe("127.0.0.1");
    const open = startCli(["web", "--host", "0.0.0.0", "--no-open"]);
    try {
      await printed(open, /warning: listening on 0\.0\.0\.0: other machines on that network can open the page/);
      await printed(open, /token=/);
    } finally {
      await open.stop();
    }
  });
});
