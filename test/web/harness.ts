/**
 * For the page's tests: the built CLI's `sim` (the real Espruino interpreter
 * when the run has one, else fobsync's model of Espruino)
 * and `web` as a user starts them, and Chromium driven by playwright-core
 * (the Chromium `npm run setup` installs from Debian).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { startWebServer, type WebServer } from "../../host/web/server/web-server";
import { ROOT } from "../cli/run-cli";

const CLI = join(ROOT, "bin", "fobsync.js");

export interface Running {
  child: ChildProcess;
  out(): string;
  stop(): Promise<void>;
}

/** `fobsync <args>` in the background until stop() (Ctrl-C). */
export function startCli(args: string[]): Running {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return {
    child,
    out: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGINT");
      await exited;
    },
  };
}

/** Wait until `pattern` shows in what `r` printed; its first match. */
export async function printed(r: Running, pattern: RegExp, ms = 20_000): Promise<RegExpExecArray> {
  const end = Date.now() + ms;
  for (;;) {
    const m = pattern.exec(r.out());
    if (m) return m;
    if (Date.now() > end || r.child.exitCode !== null) throw new Error(`no ${pattern} in: ${r.out()}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

/** Debian's Chromium (npm run setup installs it). */
export function chromiumPath(): string {
  for (const p of [process.env.CHROMIUM_BIN, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (p && existsSync(p)) return p;
  const w = spawnSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], { encoding: "utf8" });
  if (w.stdout.trim()) return w.stdout.trim();
  throw new Error("Chromium is not installed: npm run setup installs it");
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--font-render-hinting=none"] });
}

/**
 * Compare a screenshot with its baseline in test/web/baseline (UPDATE_SCREENSHOTS=1 writes
 * it): the share of pixels that differ beyond pixelmatch's colour threshold, and where the
 * new one was saved. A layout change moves whole blocks and fails; antialiasing does not.
 */
export function compareWithBaseline(name: string, png: Buffer, outDir: string): { diffRatio: number; missing: boolean } {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.png`), png);
  const file = join(ROOT, "test", "web", "baseline", `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS === "1") writeFileSync(file, png);
  if (!existsSync(file)) return { diffRatio: 1, missing: true };
  const a = PNG.sync.read(readFileSync(file));
  const b = PNG.sync.read(png);
  // a section a line taller or shorter (a longer port name wrapping) compares on the common area;
  // the rest counts as different
  const w = Math.min(a.width, b.width);
  const h = Math.min(a.height, b.height);
  const diff = new PNG({ width: w, height: h });
  const n = pixelmatch(crop(a, w, h), crop(b, w, h), diff.data, w, h, { threshold: 0.2 });
  writeFileSync(join(outDir, `${name}.diff.png`), PNG.sync.write(diff));
  const total = Math.max(a.width, b.width) * Math.max(a.height, b.height);
  return { diffRatio: (n + total - w * h) / total, missing: false };
}

/** The top-left `w` x `h` of an image's RGBA data. */
function crop(img: PNG, w: number, h: number): Buffer {
  if (img.width === w && img.height === h) return img.data;
  const out = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) img.data.copy(out, y * w * 4, y * img.width * 4, y * img.width * 4 + w * 4);
  return out;
}

/** Where each run's screenshots (and their diffs against the baselines) are saved, for a person to look at. */
export const shots = join(ROOT, "test-results", "web");
/** Pixels of a step's screenshot that may differ from its baseline (antialiasing, a wrapped line). */
const TOLERANCE = 0.02;

/** Screenshot one step's section, the changing texts masked, and compare with its baseline. */
export async function checkShot(page: Page, name: string, section: string, masks: string[] = []): Promise<void> {
  const png = await page.locator(section).screenshot({ animations: "disabled", caret: "hide", mask: masks.map((m) => page.locator(m)) });
  const r = compareWithBaseline(name, png, shots);
  expect(r.missing, `no baseline for ${name}: run with UPDATE_SCREENSHOTS=1 and commit test/web/baseline/${name}.png`).toBe(false);
  expect(r.diffRatio, `${name}: ${(r.diffRatio * 100).toFixed(2)}% of pixels differ (see ${shots})`).toBeLessThanOrEqual(TOLERANCE);
}

/**
 * For a test file of the page over Web Serial: fobsync's own server with the built page (no bridge,
 * so the page uses Web Serial) and Chromium, started before its tests and stopped after them.
 */
export function servePageInChromium(): { origin(): string; browser(): Browser } {
  let server: WebServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startWebServer({ root: join(ROOT, "dist", "web"), host: "127.0.0.1", port: 0, token: "t".repeat(32) });
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return { origin: () => server!.origin, browser: () => browser! };
}
