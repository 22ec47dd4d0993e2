/**
 * The Web Serial adapter, in real Chromium, against a scripted
 * `navigator.serial`: the port the page asks for is opened at the chosen
 * baud, the page's commands reach it as the firmware's REPL calls, and the
 * lines it answers with are read as events. The page is served by fobsync's
 * own server without a bridge (no token: the page uses Web Serial).
 */
import { describe, expect, it } from "vitest";
import { replCommandLine } from "../../host/serial/firmware-command";
import { servePageInChromium } from "./harness";

const served = servePageInChromium();

/** A Web Serial port that answers `version` and `status` as the firmware does, and keeps what it was sent. */
function scriptedSerial(): void {
  const w = window as unknown as { written: string; opened: number[] };
  w.written = "";
  w.opened = [];
  let push: (line: string) => void = () => {};
  const readable = new ReadableStream<Uint8Array>({
    start(c) {
      push = (line) => c.enqueue(new TextEncoder().encode(line + "\r\n"));
    },
  });
  let seq = 0;
  const writable = new WritableStream<Uint8Array>({
    write(chunk) {
      const text = new TextDecoder("latin1").decode(chunk);
      w.written += text;
      if (text.includes('fs("version")')) {
        push(`@${++seq} 1200 I version fw=0.1.0 build=abcdef12 target=espruino board=esp32-relay8 proto=2 rf=1`);
        push(`@${++seq} 1201 I ok cmd=version`);
      }
      if (text.includes('fs("status")')) {
        push(`@${++seq} 1300 I status state=idle recipe=- step=- key=0 on=-`);
        push(`@${++seq} 1301 I ok cmd=status`);
      }
    },
  });
  const port = {
    open: async (o: { baudRate: number }) => void w.opened.push(o.baudRate),
    close: async () => {},
    readable,
    writable,
    setSignals: async () => {},
  };
  Object.defineProperty(navigator, "serial", { value: { requestPort: async () => port } });
}

describe("the Web Serial adapter (scripted navigator.serial in Chromium)", () => {
  it("opens the chosen port at the chosen baud, sends the firmware's REPL calls and reads its lines as events", { timeout: 60_000 }, async () => {
    const page = await served.browser().newPage();
    await page.addInitScript(scriptedSerial);
    await page.goto(served.origin() + "/");
    expect(await page.textContent("#connect-how")).toMatch(/Web Serial/);
    await page.selectOption("#baud", "57600");
    await page.click("#connect");
    await page.waitForSelector("#connect-status.ok", { timeout: 10_000 });
    expect(await page.textContent("#connect-status")).toBe("Connected: board on a Web Serial port at 57600 baud. fobsync firmware build abcdef12 answers.");
    expect(await page.evaluate(() => (window as unknown as { opened: number[] }).opened)).toEqual([57600]);
    expect(await page.evaluate(() => (window as unknown as { written: string }).written)).toBe(replCommandLine("version"));
    await page.click("#tab-monitor");
    await page.fill("#monitor-command", "status");
    await page.click("#monitor-form button");
    await page.waitForFunction(() => /I status state=idle/.test(document.getElementById("monitor-lines")!.textContent ?? ""), undefined, { timeout: 5_000 });
    await page.close();
  });

  it("a browser without Web Serial is told which browsers have it", { timeout: 30_000 }, async () => {
    const page = await served.browser().newPage();
    await page.addInitScript(() => Object.defineProperty(navigator, "serial", { value: undefined }));
    await page.goto(served.origin() + "/");
    await page.click("#connect");
    await page.waitForSelector("#connect-status.error");
    expect(await page.textContent("#connect-status")).toMatch(/no Web Serial: use Chrome, Edge or Opera, or run fobsync web --port/);
    await page.close();
  });
});
