/**
 * A board's answers arrive in pieces (USB packets, a pty under load): the
 * flasher must read whole lines. Seen on the real Espruino interpreter under
 * load: "FSCRC=290" arrived before "1478313", and a good upload was reported
 * as corrupted (CRC 00000122). This board, scripted over serialport's mock
 * binding, answers every line of the flash conversation and cuts its CRC
 * answer (the verify line's) in two.
 */
import { afterEach, describe, expect, it } from "vitest";
import { crc32 } from "../../host/flash/crc32";
import { flashEspruino } from "../../host/flash/espruino-flasher";
import { ReplConsole } from "../../host/serial/repl-console";
import { mockHarness, type LinkHarness } from "../serial/link-harness";

let h: LinkHarness | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
});

const BUNDLE = new Uint8Array(Buffer.from("(()=>{print('@1 0 I boot fw=0.1.0 build=0a1b2c3d')})()", "latin1"));

/** Answer each complete line the host sends, as an Espruino board would; the CRC answer in two pieces. */
function scriptedBoard(harness: LinkHarness): () => void {
  let seen = 0;
  let stopped = false;
  const loop = async () => {
    while (!stopped) {
      const got = (await harness.boardReceived()).toString("latin1");
      const lines = got.slice(seen).split("\n");
      const complete = lines.slice(0, -1);
      seen += complete.reduce((n, l) => n + l.length + 1, 0);
      for (const line of complete) {
        const probe = /NC(\d+)( atob=)?/.exec(line);
        const storage = '{"v":"2v29","f":[],"s":{"freeBytes":200000,"trashBytes":0,"totalBytes":262144}}';
        if (probe) await harness.boardSends(`FSYNC${probe[1]}${probe[2] ? ` atob=function hs=0 v=2v29 r=- t=0 s=${storage}` : ""}\r\n`);
        else if (line.includes("VER=")) {
          // the verify line: the CRC before and after the copy, cut in two, then the board loads the new build
          const crc = String(crc32(BUNDLE) >>> 0);
          await harness.boardSends(`FSVER=${crc.slice(0, 3)}`);
          await new Promise((r) => setTimeout(r, 50));
          await harness.boardSends(`${crc.slice(3)} ${crc}\r\n`);
          await harness.boardSends("@1 0 I boot fw=0.1.0 build=0a1b2c3d\r\n");
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  void loop();
  return () => (stopped = true);
}

describe("flash reads whole answers", () => {
  it("a CRC answer cut in two is read whole: the upload verifies", { timeout: 10_000 }, async () => {
    h = mockHarness();
    const link = await h.open();
    const stop = scriptedBoard(h);
    try {
      const r = await flashEspruino({ console: new ReplConsole(link), bundle: BUNDLE, build: "0a1b2c3d", encodings: ["base64", "literal"] });
      expect(r.crc).toBe(crc32(BUNDLE) >>> 0);
      expect(r.build).toBe("0a1b2c3d");
    } finally {
      stop();
    }
  });
});
