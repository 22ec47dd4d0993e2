/**
 * The browser page in real Chromium, end to end on the board `fobsync sim`
 * gives (the real Espruino interpreter when this run has one, else
 * fobsync's model of Espruino): `fobsync sim` (the board), `fobsync web --port` (the page and
 * its bridge), then the page as a person uses it at 360 px wide: connect,
 * flash the shipped bytes (CRC and build id checked), which car, the key
 * count, a 2-key bmw-zke session to "confirmed", the result and its timing
 * picture, and the log it downloads, which `fobsync replay` plays and
 * `fobsync plot` draws. Each step's screenshot is compared with its baseline
 * (test/web/baseline; a tolerance, not pixel equality; UPDATE_SCREENSHOTS=1
 * rewrites them and the README's docs/web-page.png), the page makes no
 * request beyond its own origin, and its text meets WCAG AA contrast.
 */
import { interpreter } from "../interpreter-gate";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { buildCli, ROOT, runCliAsync } from "../cli/run-cli";
import { checkShot, launchChromium, printed, shots, startCli, type Running } from "./harness";

let sim: Running;
let web: Running;
let browser: Browser;
let url = "";

beforeAll(async () => {
  buildCli();
  sim = startCli(["sim"]);
  const port = (await printed(sim, /^(\/dev\/pts\/\d+)$/m))[1];
  await new Promise((r) => setTimeout(r, 300));
  web = startCli(["web", "--port", port, "--no-open"]);
  url = (await printed(web, /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32})/))[1];
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await sim?.stop();
});

/** The contrast ratio of an element's text against its background (WCAG 2). */
async function contrast(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((e) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let bgEl: Element | null = e;
    let bg = "rgba(0, 0, 0, 0)";
    while (bgEl && /rgba\(0, 0, 0, 0\)|transparent/.test((bg = getComputedStyle(bgEl).backgroundColor))) bgEl = bgEl.parentElement;
    if (!bgEl) bg = "rgb(255, 255, 255)";
    const a = lum(rgb(getComputedStyle(e).color));
    const b = lum(rgb(bg));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

describe(`the browser page, through fobsync web, on ${interpreter ? "the real Espruino interpreter" : "fobsync's model of Espruino (no interpreter in this run)"}`, () => {
  it("connects, flashes the shipped bytes, guides a 2-key bmw-zke session to confirmed, and downloads a log replay plays", { timeout: 240_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, acceptDownloads: true });
    const origin = new URL(url).origin;
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(origin) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await pairThroughThePage(page, foreign, errors);
    } finally {
      await page.close();
    }
  });

  it("an ESP32 with Wi-Fi and Bluetooth on (the model): after the flash the page warns and ticks its one step; flashed again, both are off and the warning goes", { timeout: 120_000 }, async () => {
    const radioSim = startCli(["sim", "--virtual", "--radios", "wifi,ble"]);
    const radioPort = (await printed(radioSim, /^(\/dev\/pts\/\d+)$/m))[1];
    const radioWeb = startCli(["web", "--port", radioPort, "--no-open"]);
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    try {
      await page.goto((await printed(radioWeb, /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32})/))[1]);
      await page.click("#connect");
      await page.waitForSelector("#connect-status.ok", { timeout: 15_000 });
      expect(await page.isChecked("#lock-radios")).toBe(false); // no fobsync answered yet: nothing known of the radios
      await page.click("#flash");
      await page.waitForSelector("#flash-status.ok, #flash-status.error", { timeout: 60_000 });
      expect(await page.textContent("#radios")).toMatch(/the board has Wi-Fi and Bluetooth on: anyone in range can reach its console, which presses your fobs\..*Flash again with .Switch Wi-Fi and Bluetooth off for good first. ticked/);
      expect(await page.isChecked("#lock-radios")).toBe(true);
      await checkShot(page, "8-radios-on", "#step-flash", ["#flash-about", "#flash-status"]);
      await page.click("#flash");
      await page.waitForFunction(() => /Wi-Fi and Bluetooth switched off for good\.$/.test(document.getElementById("flash-status")!.textContent ?? ""), undefined, { timeout: 60_000 });
      expect(await page.textContent("#radios")).toBe("");
      expect(await page.isChecked("#lock-radios")).toBe(false);
    } finally {
      await page.close();
      await radioWeb.stop();
      await radioSim.stop();
    }
  });

  it("the monitor tab shows the board's lines and sends a command, checked first", { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(url);
    await page.click("#connect");
    await page.waitForSelector("#connect-status.ok", { timeout: 15_000 });
    await page.click("#tab-monitor");
    await page.fill("#monitor-command", "pair");
    await page.click("#monitor-form button");
    await page.waitForFunction(() => /code=bad-argument/.test(document.getElementById("monitor-lines")!.textContent ?? ""), undefined, { timeout: 10_000 });
    await page.fill("#monitor-command", "status \u00e9t\u00e9");
    await page.click("#monitor-form button");
    expect(await page.textContent("#monitor-error")).not.toBe("");
    await page.fill("#monitor-command", "status");
    await page.click("#monitor-form button");
    await page.waitForFunction(() => /I status state=idle/.test(document.getElementById("monitor-lines")!.textContent ?? ""), undefined, { timeout: 10_000 });
    await page.close();
  });
});

/** The whole flow on one page (the first test). */
async function pairThroughThePage(page: Page, foreign: string[], errors: string[]): Promise<void> {
  await page.goto(url);
  await checkShot(page, "0-page", "#pair");
  await checkShot(page, "1-start", "#step-connect");
  // before anything is connected: a disabled field looks disabled, and the session box is not lit up
  const look = (sel: string) => page.locator(sel).evaluate((e) => { const c = getComputedStyle(e); return { background: c.backgroundColor, border: c.borderTopColor, color: c.color }; });
  expect(await page.isDisabled("#car-year")).toBe(true);
  expect(await look("#car-year")).not.toEqual(await look("#baud"));
  expect((await look("#instruction")).border).toBe("rgb(200, 200, 200)");

  await page.click("#connect");
  await page.waitForSelector("#connect-status.ok", { timeout: 15_000 });
  expect(await page.textContent("#connect-status")).toMatch(/\(through fobsync web\)\. No fobsync firmware answers: flash it\./);
  await checkShot(page, "2-connected", "#step-connect", ["#connect-status"]);

  await page.click("#flash");
  await page.waitForSelector("#flash-status.ok, #flash-status.error", { timeout: 60_000 });
  const flashed = (await page.textContent("#flash-status")) ?? "";
  const shipped = /^Flashed and verified: (\d+) bytes \(heatshrink chunks, (\d+) bytes on the wire\), CRC [0-9a-f]{8} matches, the board booted build [0-9a-f]{8}\.$/.exec(flashed);
  expect(shipped, flashed).not.toBeNull();
  // heatshrink in the page too (its chunks match the CLI's byte for byte: heatshrink-page.test.ts)
  const build = /build ([0-9a-f]{8})/.exec((await page.textContent("#flash-about")) ?? "")![1];
  expect(flashed).toContain(`booted build ${build}`);
  await checkShot(page, "3-flashed", "#step-flash", ["#flash-about", "#flash-status"]);

  await page.selectOption("#car-make", "mini");
  await page.fill("#car-year", "2005");
  await page.fill("#car-month", "3");
  await page.fill("#car-buttons", "3");
  // no model: the assumption is said in the page's words (its Model field), not the CLI's flag
  await page.click("#which");
  expect(await page.textContent("#advice")).toContain("No model given: assuming a MINI R50/R52/R53 (for a BMW, fill in Model, e.g. E46).");
  expect(await page.textContent("#advice")).not.toMatch(/--\w/);
  await page.fill("#car-model", "R53");
  await page.click("#which");
  expect(await page.textContent("#advice")).toMatch(/MINI Cooper S \(R53\) built 03\/2005.*recipe bmw-zke/);
  expect(await page.textContent("#advice")).toContain("BMW training manual");
  await checkShot(page, "4-car", "#step-car");

  // the key count: a different count is refused and nothing is sent
  await page.fill("#keys", "2");
  await page.fill("#keys-owned", "3");
  await page.click("#start");
  expect(await page.textContent("#keys-status")).toMatch(/You own 3 keys but the session has 2.*Nothing was sent/);
  await page.fill("#keys-owned", "2");
  expect(await page.textContent("#safety")).toMatch(/Every key NOT done in this session stops working/);
  await checkShot(page, "5-keys", "#step-keys", ["#keys-status"]);

  await page.click("#start");
  await page.waitForFunction(() => /Insert key 1|position 1/.test(document.getElementById("instruction")!.textContent ?? ""), undefined, { timeout: 20_000 });
  expect((await look("#instruction")).border).toBe("rgb(31, 95, 191)");
  await page.waitForFunction(() => /left/.test(document.getElementById("countdown")!.textContent ?? ""), undefined, { timeout: 30_000 });
  await checkShot(page, "6-running", "#step-run", ["#instruction", "#countdown", "#run-lines"]);

  await page.waitForSelector("#step-results:not(.locked)", { timeout: 120_000 });
  expect(await page.textContent("#verdict")).toBe("All 2 keys confirmed (bmw-zke).");
  expect(await page.locator("#results tbody tr").allTextContents()).toEqual(["11confirmed-", "22confirmed-"]);
  expect(await page.locator("#timing svg").count()).toBe(1);
  await checkShot(page, "7-result", "#step-results", ["#timing"]);
  // the timing picture: the whole of it inside the card, or at full size scrolling sideways, never cut at the card's edge
  const timing = () => page.locator("#timing").evaluate((e) => ({ svg: e.querySelector("svg")!.getBoundingClientRect().right, box: e.getBoundingClientRect().right, scrolls: e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === "auto" }));
  const fitted = await timing();
  expect(fitted.svg).toBeLessThanOrEqual(fitted.box + 0.5);
  await page.click("#timing-zoom");
  expect(await page.textContent("#timing-zoom")).toBe("Fit to the page");
  expect((await timing()).scrolls).toBe(true);
  await page.click("#timing-zoom");
  expect(await timing()).toEqual(fitted);

  // 360 px: nothing wider than the screen
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // WCAG AA: 4.5:1 for the page's text
  for (const sel of ["h1", ".tagline", "label", "#download-log", "#verdict", ".warn", "#results td"]) expect(await contrast(page, sel), sel).toBeGreaterThanOrEqual(4.5);

  const download = page.waitForEvent("download");
  await page.click("#download-log");
  const file = join(shots, "session.ndjson");
  await (await download).saveAs(file);
  const replay = await runCliAsync(["replay", file]);
  expect(replay.code).toBe(0);
  expect(replay.stdout).toMatch(/session\.end recipe=bmw-zke ok=1 keys=2 confirmed=2 reason=done/);
  const plot = await runCliAsync(["plot", file, "--out", join(shots, "timing.svg")]);
  expect(plot.code, plot.stderr).toBe(0);
  expect(plot.stdout).toMatch(/2 key results/);

  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);

  // the README's picture of the page: the whole of it after the session, as a desktop browser shows it
  await page.setViewportSize({ width: 760, height: 900 });
  const whole = await page.screenshot({ fullPage: true, animations: "disabled", caret: "hide" });
  writeFileSync(join(shots, "web-page.png"), whole);
  if (process.env.UPDATE_SCREENSHOTS === "1") writeFileSync(join(ROOT, "docs", "web-page.png"), whole);
}
