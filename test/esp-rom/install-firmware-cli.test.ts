/**
 * `fobsync install-espruino` and `install-nodemcu` (the built CLI) against the simulated chip on a
 * pseudo-terminal, driven by the real esptool-js: the files of a release
 * folder at their offsets, MD5-verified, then Espruino's banner; and one test
 * per failure a user meets that the simulation can show.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildCli, ROOT } from "../cli/run-cli";
import { startSimChip, type SimChip } from "./sim-chip";
import { esp32ReleaseFiles, nodemcuBanner, type ReleaseFile } from "./release-fixture";
import { openPtyPair } from "../../host/sim/pty-pair";

let chip: SimChip | null = null;
afterEach(async () => {
  await chip?.stop();
  chip = null;
});
beforeAll(() => buildCli(), 60_000);

/** A release folder as Espruino's ESP32 zip unpacks. */
function esp32Release(): { dir: string; files: ReleaseFile[] } {
  const dir = mkdtempSync(join(tmpdir(), "fobsync-espruino-release-"));
  const files = esp32ReleaseFiles();
  for (const f of files) writeFileSync(join(dir, f.name), f.data);
  return { dir, files };
}

/** Run the CLI; `onOut` sees its stdout as it comes (and can signal the process). */
function cli(args: string[], onOut: (text: string, kill: (signal: NodeJS.Signals) => void) => void = () => undefined): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "fobsync.js"), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
      onOut(out, (signal) => child.kill(signal));
    });
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/**
 * The reset esptool-js does through RTS cannot cross a pty: the test stands in
 * for the circuit and boots the chip once the CLI says (`waiting`) it waits for the banner.
 */
function bootOnceWaiting(sim: SimChip, waiting: RegExp): (out: string) => void {
  let booted = false;
  return (out) => {
    if (booted || !waiting.test(out)) return;
    booted = true;
    sim.boot();
  };
}

describe("fobsync install-espruino against a simulated ESP32 (the real esptool-js)", () => {
  it("writes the release's three files at their offsets, verified by MD5 on the chip, then sees Espruino's banner and points to fobsync flash", { timeout: 90_000 }, async () => {
    chip = await startSimChip();
    const release = esp32Release();
    const r = await cli(["install-espruino", "--port", chip.hostPath, "--from", release.dir, "--baud", "115200"], bootOnceWaiting(chip, /waiting for Espruino's banner/));
    expect(r.code, r.err + r.out).toBe(0);
    for (const f of release.files) expect(Buffer.compare(chip.flash.subarray(f.address, f.address + f.data.length), f.data), f.name).toBe(0);
    expect(r.out).toContain("Espruino for an ESP32: bootloader.bin at 0x1000 (24000 bytes), partitions_espruino.bin at 0x8000 (3072 bytes), espruino_esp32.bin at 0x10000");
    expect(r.out).toMatch(/written and verified by MD5 on the chip \(ESP32.*, MAC [0-9a-f:]{17}\): bootloader\.bin, partitions_espruino\.bin, espruino_esp32\.bin/);
    expect(r.out).toMatch(/Espruino 2v29 runs on the board\. Next: fobsync flash --port \S+/);
    expect(r.out).toContain("Crystal is 40MHz");
  });

  it("--json: one record per step, ending with the Espruino version", { timeout: 90_000 }, async () => {
    chip = await startSimChip();
    const release = esp32Release();
    const r = await cli(["install-espruino", "--json", "--port", chip.hostPath, "--from", release.dir, "--baud", "115200"], bootOnceWaiting(chip, /"type":"waiting"/));
    expect(r.code, r.err).toBe(0);
    const records = r.out.trim().split("\n").map((l) => JSON.parse(l) as { type: string });
    expect(records[0]).toMatchObject({ type: "image", chip: "ESP32" });
    expect(records.find((x) => x.type === "installed")).toMatchObject({ parts: [{ name: "bootloader.bin", address: 0x1000 }, { name: "partitions_espruino.bin" }, { name: "espruino_esp32.bin" }] });
    expect(records.at(-1)).toEqual({ type: "espruino", version: "2v29", port: chip.hostPath });
  });

  it("files for another chip: refused in one line before anything is written (exit 2)", { timeout: 90_000 }, async () => {
    chip = await startSimChip();
    const dir = mkdtempSync(join(tmpdir(), "fobsync-esp8266-release-"));
    writeFileSync(join(dir, "espruino_2v29_esp8266_4mb_combined_4096.bin"), Buffer.alloc(4096, 0x11));
    const r = await cli(["install-espruino", "--port", chip.hostPath, "--from", dir, "--baud", "115200"]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toMatch(/^fobsync: the board is an ESP32[^;]*; the files given are for an ESP8266: nothing was written$/);
    expect(chip.ops.filter((op) => op === 0x10 || op === 0x11)).toEqual([]);
  });

  it("an ESP8266 gets its 4 MB combined image at 0x0, verified by MD5; ESP32 files are refused on it before anything is written", { timeout: 90_000 }, async () => {
    chip = await startSimChip({ chip: "ESP8266" });
    const wrong = await cli(["install-espruino", "--port", chip.hostPath, "--from", esp32Release().dir, "--baud", "115200"]);
    expect(wrong.code).toBe(2);
    expect(wrong.err.split("\n")[0]).toMatch(/^fobsync: the board is an ESP8266EX; the files given are for an ESP32: nothing was written$/);
    const dir = mkdtempSync(join(tmpdir(), "fobsync-esp8266-release-"));
    const image = Buffer.concat([Buffer.from([0xe9, 0x03, 0x02, 0x40]), randomBytes(60_000)]);
    writeFileSync(join(dir, "espruino_2v29_esp8266_4mb_combined_4096.bin"), image);
    const r = await cli(["install-espruino", "--port", chip.hostPath, "--from", dir, "--baud", "115200"], bootOnceWaiting(chip, /waiting for Espruino's banner/));
    expect(r.code, r.err).toBe(0);
    expect(Buffer.compare(chip.flash.subarray(0, image.length), image)).toBe(0);
    expect(r.out).toMatch(/written and verified by MD5 on the chip \(ESP8266EX, MAC 18:fe:34:00:00:00\): espruino_2v29_esp8266_4mb_combined_4096\.bin/);
  });

  it("a release older than fobsync needs: written, then its banner names it, and the command says so (exit 6)", { timeout: 90_000 }, async () => {
    chip = await startSimChip({ espruinoVersion: "2v25" });
    const r = await cli(["install-espruino", "--port", chip.hostPath, "--from", esp32Release().dir, "--baud", "115200"], bootOnceWaiting(chip, /waiting for Espruino's banner/));
    expect(r.code).toBe(6);
    expect(r.err.split("\n")[0]).toBe("fobsync: Espruino 2v25 runs on the board, and fobsync needs 2v27 or newer");
  });

  it("a flash cell that stores a wrong byte: exit 6, and the board is said NOT ready", { timeout: 90_000 }, async () => {
    chip = await startSimChip({ badByteAt: 0x10000 + 777 });
    const r = await cli(["install-espruino", "--port", chip.hostPath, "--from", esp32Release().dir, "--baud", "115200"]);
    expect(r.code).toBe(6);
    expect(r.err.split("\n")[0]).toBe("fobsync: the chip's flash does not hold what was written (its MD5 differs): the board is NOT ready");
    expect(r.out).not.toMatch(/written and verified/);
  });

  it("a port where no ROM loader answers: exit 5 with what to try (BOOT, the cable, the driver, dialout)", { timeout: 120_000 }, async () => {
    const silent = await openPtyPair();
    try {
      const r = await cli(["install-espruino", "--port", silent.hostPath, "--from", esp32Release().dir, "--baud", "115200"]);
      expect(r.code).toBe(5);
      expect(r.err).toMatch(/^fobsync: no answer from the chip's ROM loader on \S+/);
      expect(r.err).toMatch(/hold the BOOT \(IO0\) button while you press EN\/RESET[^\n]*data cable[^\n]*CH340 or CP210x[^\n]*dialout/);
    } finally {
      await silent.close();
    }
  });

  it("a rate the adapter cannot do: the chip goes quiet after the baud change, esptool-js goes on at 115200, and the install succeeds", { timeout: 90_000 }, async () => {
    chip = await startSimChip({ deafAfterBaudChange: true });
    const release = esp32Release();
    const r = await cli(["install-espruino", "--port", chip.hostPath, "--from", release.dir, "--baud", "921600"], bootOnceWaiting(chip, /waiting for Espruino's banner/));
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).toMatch(/Continuing at 115200 baud/);
    for (const f of release.files) expect(Buffer.compare(chip.flash.subarray(f.address, f.address + f.data.length), f.data), f.name).toBe(0);
  });

  it("the cable pulled while the firmware is written: exit 3, and it says the board holds a half-written firmware", { timeout: 90_000 }, async () => {
    chip = await startSimChip({ unplugAfterData: 1 });
    const r = await cli(["install-espruino", "--port", chip.hostPath, "--from", esp32Release().dir, "--baud", "115200"]);
    expect(r.code, r.err).toBe(3);
    expect(r.err.split("\n")[0]).toMatch(/^fobsync: \S+ went away while the firmware was written: the board holds a half-written firmware and will not start$/);
    expect(r.out).not.toMatch(/written and verified/);
    chip = null; // its pty is gone already
  });

  it("the port gone while the ROM loader is reached (unplugged, or a USB that comes back under another name): exit 3, nothing written, and fobsync ports names the port it has now", { timeout: 90_000 }, async () => {
    chip = await startSimChip({ unplugAtSync: true });
    const r = await cli(["install-espruino", "--port", chip.hostPath, "--from", esp32Release().dir, "--baud", "115200"]);
    expect(r.code, r.err).toBe(3);
    expect(r.err.split("\n")[0]).toMatch(/^fobsync: \S+ went away before anything was written \(unplugged, or a board whose USB comes back under another name at each reset\)$/);
    expect(r.err).toMatch(/fobsync ports shows the name it has now/);
    chip = null; // its pty is gone already
  });

  it("Ctrl-C while the firmware is written: ends within 2 s (exit 7) and says the board holds a half-written firmware", { timeout: 90_000 }, async () => {
    chip = await startSimChip({ dataDelayMs: 300 });
    const dir = mkdtempSync(join(tmpdir(), "fobsync-espruino-slow-"));
    const { files } = esp32Release();
    for (const f of files) writeFileSync(join(dir, f.name), f.name === "espruino_esp32.bin" ? Buffer.concat([f.data.subarray(0, 4), randomBytes(200_000)]) : f.data);
    let sentAt = 0;
    const r = await cli(["install-espruino", "--port", chip.hostPath, "--from", dir, "--baud", "115200"], (out, kill) => {
      if (sentAt === 0 && /Writing at 0x1[0-9a-f]{4}/.test(out)) {
        sentAt = Date.now();
        kill("SIGINT");
      }
    });
    expect(sentAt).toBeGreaterThan(0);
    expect(Date.now() - sentAt).toBeLessThan(2000);
    expect(r.code).toBe(7);
    expect(r.err.split("\n")[0]).toBe("fobsync: interrupted while the firmware was written: the board holds a half-written firmware and will not start");
  });

  it("a folder without Espruino's files, or a missing one: exit 2 naming what is missing", { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "fobsync-not-a-release-"));
    writeFileSync(join(dir, "bootloader.bin"), "x");
    const r = await cli(["install-espruino", "--port", "/dev/null", "--from", dir]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toMatch(/lacks partitions_espruino\.bin and espruino_esp32\.bin of Espruino's ESP32 files/);
  });
});

describe("fobsync install-nodemcu against a simulated ESP8266 (the real esptool-js)", () => {
  /** A cloud build's float image, as the user downloads it. */
  function floatImage(): { path: string; data: Buffer } {
    const path = join(mkdtempSync(join(tmpdir(), "fobsync-nodemcu-")), "nodemcu-release-6-modules-2026-12-01-float.bin");
    const data = Buffer.concat([Buffer.from([0xe9, 0x03, 0x02, 0x40]), randomBytes(80_000)]);
    writeFileSync(path, data);
    return { path, data };
  }

  it("writes the float image at 0x0, verified by MD5, then reads NodeMCU's banner (float, fobsync's modules) and points to flash --target nodemcu", { timeout: 90_000 }, async () => {
    chip = await startSimChip({ chip: "ESP8266", appBanner: nodemcuBanner("float", "adc,file,gpio,node,tmr,uart") });
    const image = floatImage();
    const r = await cli(["install-nodemcu", "--port", chip.hostPath, "--from", image.path, "--baud", "115200"], bootOnceWaiting(chip, /waiting for NodeMCU's banner/));
    expect(r.code, r.err + r.out).toBe(0);
    expect(Buffer.compare(chip.flash.subarray(0, image.data.length), image.data)).toBe(0);
    expect(r.out).toContain("NodeMCU for an ESP8266: nodemcu-release-6-modules-2026-12-01-float.bin at 0x0 (80004 bytes)");
    expect(r.out).toMatch(/NodeMCU 3\.0\.0\.0 \(Lua 5\.1\.4, float; modules adc,file,gpio,node,tmr,uart\) runs on the board\. Next: fobsync flash --target nodemcu --port \S+/);
  });

  it("a build without the modules fobsync needs: written, then its banner says which are missing (exit 6)", { timeout: 90_000 }, async () => {
    chip = await startSimChip({ chip: "ESP8266", appBanner: nodemcuBanner("float", "file,node,uart,wifi") });
    const r = await cli(["install-nodemcu", "--port", chip.hostPath, "--from", floatImage().path, "--baud", "115200"], bootOnceWaiting(chip, /waiting for NodeMCU's banner/));
    expect(r.code).toBe(6);
    expect(r.err.split("\n")[0]).toBe("fobsync: NodeMCU 3.0.0.0 runs on the board without the modules fobsync needs: gpio, tmr");
  });
});
