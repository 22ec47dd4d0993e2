/**
 * The page compresses as the CLI does: host/web/page/heatshrink-page.ts,
 * bundled for the browser exactly as the page build bundles it (the same
 * esbuild plugin), runs in real Chromium and compresses every 1 KiB chunk of
 * the shipped bundle; each must equal, byte for byte, what the CLI's
 * compressor (host/flash/espruino-heatshrink.ts, through Node) makes of it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { pageHeatshrink } from "../../host/bundler/web-build";
import { heatshrinkCompress } from "../../host/flash/espruino-heatshrink";
import { ROOT } from "../cli/run-cli";
import { launchChromium } from "./harness";
import { espruinoBundle } from "../../host/flash/bundle-source";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe("the page's heatshrink", () => {
  it("compresses every chunk of the shipped bundle byte for byte as the CLI does", { timeout: 60_000 }, async () => {
    const bundled = await build({
      stdin: { contents: 'import { heatshrinkCompress } from "./espruino-heatshrink"; (globalThis as any).pageCompress = (a: number[]) => Array.from(heatshrinkCompress(Uint8Array.from(a)));', resolveDir: join(ROOT, "host", "flash"), loader: "ts" },
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: "es2020",
      plugins: [pageHeatshrink],
      logLevel: "error",
    });
    const page = await browser.newPage();
    try {
      await page.setContent("<!doctype html><title>heatshrink</title>");
      await page.addScriptTag({ content: bundled.outputFiles[0].text });
      const shipped = espruinoBundle().bytes;
      let chunks = 0;
      for (let at = 0; at < shipped.length; at += 1024) {
        const chunk = shipped.subarray(at, at + 1024);
        const inPage = await page.evaluate((a) => (globalThis as unknown as { pageCompress(a: number[]): number[] }).pageCompress(a), Array.from(chunk));
        expect(Buffer.from(inPage).equals(Buffer.from(heatshrinkCompress(chunk))), `chunk at ${at}`).toBe(true);
        chunks++;
      }
      expect(chunks).toBe(Math.ceil(shipped.length / 1024));
      expect(readFileSync(join(ROOT, "node_modules", "espruino", "libs", "heatshrink.js"), "latin1")).toMatch(/heatshrink_config\.h matches that of Espruino/);
    } finally {
      await page.close();
    }
  });
});
