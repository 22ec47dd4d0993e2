/**
 * The page's step 1, "Put Espruino on the board", in real Chromium: the built
 * page (dist/web) with the real esptool-js, over a Web Serial port that
 * carries bytes and modem lines to the simulated chip (test/esp-rom/sim-chip.ts)
 * in this process. The chip starts out of download mode, as a board out of the
 * bag: esptool-js's reset through DTR/RTS puts it in its ROM loader, and the
 * page's reset after the write boots what it now holds. The flash is read back
 * byte for byte; each failure a user can meet here is said in one line.
 */
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { checkShot, servePageInChromium } from "./harness";
import { chipEngine, type ChipEngine, type SimChipOptions } from "../esp-rom/sim-chip";
import { esp32ReleaseFiles } from "../esp-rom/release-fixture";

const served = servePageInChromium();

interface UsbInfo {
  usbVendorId: number;
  usbProductId: number;
}

/**
 * The chip behind a Web Serial port in the page: each open is a generation (bytes the chip
 * sends while the port is closed are lost, as on a real port), reads wait up to 100 ms, and
 * the chip's unplug makes the port go away.
 */
async function wireChip(page: Page, opts: SimChipOptions): Promise<ChipEngine> {
  let generation = 0;
  let open = false;
  let gone = false;
  let pending: number[] = [];
  let wake: () => void = () => undefined;
  const engine = chipEngine(
    { startsInDownloadMode: false, ...opts },
    (bytes) => {
      if (!open) return;
      pending.push(...bytes);
      wake();
    },
    async () => {
      gone = true;
      wake();
    },
  );
  await page.exposeFunction("chipOpen", () => {
    open = true;
    pending = [];
    return ++generation;
  });
  await page.exposeFunction("chipClose", () => {
    open = false;
    pending = [];
    wake();
  });
  await page.exposeFunction("chipWrite", (bytes: number[]) => {
    if (!gone) engine.input(Uint8Array.from(bytes));
  });
  await page.exposeFunction("chipSignals", (dtr: boolean, rts: boolean) => {
    if (!gone) engine.setSignals(dtr, rts);
  });
  await page.exposeFunction("chipRead", async (g: number) => {
    if (pending.length === 0 && !gone && g === generation) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, 100)));
    if (g !== generation) return { bytes: [], gone: false, stale: true };
    const bytes = pending;
    pending = [];
    return { bytes, gone, stale: false };
  });
  return engine;
}

/** `navigator.serial` with one port, its streams fresh at each open, fed by the exposed chip functions. */
function fakeWebSerial(info: UsbInfo): void {
  type Chip = {
    chipOpen(baud: number): Promise<number>;
    chipClose(): Promise<void>;
    chipWrite(bytes: number[]): Promise<void>;
    chipSignals(dtr: boolean, rts: boolean): Promise<void>;
    chipRead(g: number): Promise<{ bytes: number[]; gone: boolean; stale: boolean }>;
  };
  const w = window as unknown as Chip & { requested: number };
  w.requested = 0;
  let dtr = false;
  let rts = false;
  const port = new EventTarget() as EventTarget & Record<string, unknown>;
  let generation = 0;
  port.readable = null;
  port.writable = null;
  port.getInfo = () => info;
  port.open = async ({ baudRate }: { baudRate: number }) => {
    if (port.readable) throw new DOMException("The port is already open.", "InvalidStateError");
    const g = await w.chipOpen(baudRate);
    generation = g;
    port.readable = new ReadableStream<Uint8Array>({
      async pull(c) {
        for (;;) {
          if (generation !== g) return;
          const r = await w.chipRead(g);
          if (r.stale || generation !== g) return;
          if (r.gone) {
            generation = -1;
            port.readable = null;
            port.writable = null;
            c.error(new DOMException("The device has been lost.", "NetworkError"));
            port.dispatchEvent(new Event("disconnect"));
            return;
          }
          if (r.bytes.length) return c.enqueue(new Uint8Array(r.bytes));
        }
      },
      cancel() {
        if (generation === g) generation = 0;
      },
    });
    port.writable = new WritableStream<Uint8Array>({ write: (chunk) => w.chipWrite(Array.from(chunk)) });
  };
  port.close = async () => {
    generation = 0;
    port.readable = null;
    port.writable = null;
    await w.chipClose();
  };
  port.setSignals = async (s: { dataTerminalReady?: boolean; requestToSend?: boolean }) => {
    if (s.dataTerminalReady !== undefined) dtr = s.dataTerminalReady;
    if (s.requestToSend !== undefined) rts = s.requestToSend;
    await w.chipSignals(dtr, rts);
  };
  Object.defineProperty(navigator, "serial", {
    value: {
      requestPort: async () => {
        w.requested++;
        return port;
      },
    },
  });
}

const CP2102: UsbInfo = { usbVendorId: 0x10c4, usbProductId: 0xea60 };

/** A page with the chip wired to its Web Serial port. */
async function pageWithChip(opts: SimChipOptions, info: UsbInfo = CP2102): Promise<{ page: Page; chip: ChipEngine }> {
  const page = await served.browser().newPage();
  const chip = await wireChip(page, opts);
  await page.addInitScript(fakeWebSerial, info);
  await page.goto(served.origin() + "/");
  return { page, chip };
}

function releaseZip(): { name: string; mimeType: string; buffer: Buffer } {
  const files = Object.fromEntries(esp32ReleaseFiles().map((f) => [f.name, new Uint8Array(f.data)]));
  return { name: "espruino_2v29_esp32.zip", mimeType: "application/zip", buffer: Buffer.from(zipSync({ espruino_2v29_esp32: files })) };
}

/** Choose `files`, press Install, and the status it ends with. */
async function install(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<{ text: string; ok: boolean }> {
  await page.setInputFiles("#espruino-files", files);
  await page.click("#install");
  await page.waitForSelector("#install-status.ok, #install-status.error", { timeout: 60_000 });
  const status = page.locator("#install-status");
  return { text: (await status.textContent()) ?? "", ok: (await status.getAttribute("class"))!.includes("ok") };
}

const SLIP_FLASH_WRITES = (chip: ChipEngine) => chip.ops.filter((op) => op === 0x10 || op === 0x11);

describe("the page's step 1: Espruino onto a bare board over Web Serial (Chromium, the real esptool-js, the simulated chip)", () => {
  it("the release zip as downloaded: esptool-js resets the chip into its ROM loader, writes the three files at their offsets, MD5-checked; the page resets the board and reads Espruino's banner; step 2 connects to the same port", { timeout: 90_000 }, async () => {
    const { page, chip } = await pageWithChip({});
    expect(await page.isDisabled("#install")).toBe(true);
    const r = await install(page, [releaseZip()]);
    expect(r, r.text).toMatchObject({ ok: true });
    expect(r.text).toMatch(/^Espruino 2v29 runs on the board \(ESP32-\S+ \(revision \d+\), MAC 24:0a:c4:12:34:56\): bootloader\.bin, partitions_espruino\.bin, espruino_esp32\.bin written and verified by MD5 on the chip\. Next: connect \(step 2\)\.$/);
    for (const f of esp32ReleaseFiles()) expect(Buffer.compare(Buffer.from(chip.flash.subarray(f.address, f.address + f.data.length)), f.data), f.name).toBe(0);
    expect(chip.ops.filter((op) => op === 0x13)).toHaveLength(3);
    expect(chip.inDownloadMode()).toBe(false); // booted what it holds
    await checkShot(page, "install-done", "#step-install");
    // step 2 uses the port step 1 chose; Espruino answers no fobsync version, so step 3 offers the flash
    await page.click("#connect");
    await page.waitForSelector("#connect-status.ok", { timeout: 20_000 });
    expect(await page.textContent("#connect-status")).toMatch(/No fobsync firmware answers: flash it\./);
    expect(await page.evaluate(() => (window as unknown as { requested: number }).requested)).toBe(1);
    await page.close();
  });

  it("the .bin files chosen one by one work as the zip does", { timeout: 90_000 }, async () => {
    const { page, chip } = await pageWithChip({});
    const r = await install(page, esp32ReleaseFiles().map((f) => ({ name: f.name, mimeType: "application/octet-stream", buffer: f.data })));
    expect(r, r.text).toMatchObject({ ok: true });
    const app = esp32ReleaseFiles()[2];
    expect(Buffer.compare(Buffer.from(chip.flash.subarray(0x10000, 0x10000 + app.data.length)), app.data)).toBe(0);
    await page.close();
  });

  it("a chip's own USB (Espressif's vendor id, an ESP32-S3 or C3 that re-enumerates at each reset): refused before the port is opened, nothing written", { timeout: 60_000 }, async () => {
    const { page, chip } = await pageWithChip({}, { usbVendorId: 0x303a, usbProductId: 0x1001 });
    const r = await install(page, [releaseZip()]);
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/^Install failed: the board's port is a chip's own USB \(USB id 303a:1001: an ESP32-S2, S3, C3 or C6\), which goes away and comes back at every reset; .*nothing was written\. Use an ESP32 or ESP8266 board with a USB-serial chip/);
    expect(chip.ops).toEqual([]);
    await page.close();
  });

  it("files for another chip: the ESP8266 says which it is, nothing written", { timeout: 60_000 }, async () => {
    const { page, chip } = await pageWithChip({ chip: "ESP8266" });
    const r = await install(page, [releaseZip()]);
    expect(r.text).toMatch(/^Install failed: the board is an ESP8266EX; the files given are for an ESP32: nothing was written\. Choose Espruino's ESP8266 release\.$/);
    expect(SLIP_FLASH_WRITES(chip)).toEqual([]);
    await page.close();
  });

  it("the cable pulled while the firmware is written: the page says the board holds a half-written firmware, and how to start again", { timeout: 60_000 }, async () => {
    const { page } = await pageWithChip({ unplugAfterData: 1 });
    const r = await install(page, [releaseZip()]);
    expect(r.text).toMatch(/^Install failed: the board's port went away while the firmware was written: the board holds a half-written firmware and will not start\. Plug it back in, hold BOOT while you press EN\/RESET, and install Espruino again\.$/);
    await page.close();
  });

  it("a flash cell that stores a wrong byte: the MD5 check on the chip fails, and the board is said NOT ready", { timeout: 60_000 }, async () => {
    const { page } = await pageWithChip({ badByteAt: 0x10000 + 777 });
    const r = await install(page, [releaseZip()]);
    expect(r.text).toMatch(/^Install failed: the chip's flash does not hold what was written \(its MD5 differs\): the board is NOT ready\. Install Espruino again with “Erase the whole flash first” ticked; /);
    await page.close();
  });
});
