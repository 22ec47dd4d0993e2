import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanSysfs } from "../../host/ports/sysfs-scan";
import { guessUsb } from "../../host/ports/usb-ids";
import { buildCli, runCli } from "./run-cli";

/**
 * A fake kernel tree: a CP210x ESP32 board on ttyUSB0 (with a by-id link),
 * an ESP32-S3 native USB port on ttyACM0, an 8250 UART placeholder on ttyS0,
 * and a virtual console (tty1) that is no serial port.
 */
function fakeTree(): { root: string; sys: string; dev: string } {
  const root = mkdtempSync(join(tmpdir(), "fobsync-sysfs-"));
  const sys = join(root, "sys");
  const dev = join(root, "dev");
  const usb = (path: string, ids: Record<string, string>) => {
    mkdirSync(join(sys, path), { recursive: true });
    for (const [k, v] of Object.entries(ids)) writeFileSync(join(sys, path, k), v + "\n");
  };
  usb("devices/pci0000:00/usb1/1-1", { idVendor: "10c4", idProduct: "ea60", manufacturer: "Silicon Labs", product: "CP2102 USB to UART Bridge Controller", serial: "0001" });
  mkdirSync(join(sys, "devices/pci0000:00/usb1/1-1/1-1:1.0/ttyUSB0"), { recursive: true });
  usb("devices/pci0000:00/usb1/1-2", { idVendor: "303a", idProduct: "1001" });
  mkdirSync(join(sys, "devices/pci0000:00/usb1/1-2/1-2:1.0"), { recursive: true });
  mkdirSync(join(sys, "devices/platform/serial8250/tty/ttyS0"), { recursive: true });
  mkdirSync(join(sys, "bus/platform/drivers/serial8250"), { recursive: true });
  symlinkSync("../../../bus/platform/drivers/serial8250", join(sys, "devices/platform/serial8250/driver"));
  const cls = join(sys, "class/tty");
  for (const n of ["ttyUSB0", "ttyACM0", "ttyS0", "tty1"]) mkdirSync(join(cls, n), { recursive: true });
  symlinkSync("../../../devices/pci0000:00/usb1/1-1/1-1:1.0/ttyUSB0", join(cls, "ttyUSB0/device"));
  symlinkSync("../../../devices/pci0000:00/usb1/1-2/1-2:1.0", join(cls, "ttyACM0/device"));
  symlinkSync("../../../devices/platform/serial8250", join(cls, "ttyS0/device"));
  mkdirSync(join(dev, "serial/by-id"), { recursive: true });
  for (const n of ["ttyUSB0", "ttyACM0", "ttyS0"]) writeFileSync(join(dev, n), "");
  symlinkSync("../../ttyUSB0", join(dev, "serial/by-id/usb-Silicon_Labs_CP2102_0001-if00-port0"));
  return { root, sys, dev };
}

describe("ports without udevadm: the sysfs scan", () => {
  const tree = fakeTree();
  afterAll(() => rmSync(tree.root, { recursive: true, force: true }));

  it("finds USB serial ports with ids, guess and by-id names, and skips UART placeholders and consoles", () => {
    const ports = scanSysfs({ sys: tree.sys, dev: tree.dev });
    expect(ports.map((p) => p.path)).toEqual([join(tree.dev, "ttyACM0"), join(tree.dev, "ttyUSB0")]);
    const cp = ports[1];
    expect(cp).toMatchObject({ vendorId: "10c4", productId: "ea60", manufacturer: "Silicon Labs", serialNumber: "0001", source: "sysfs" });
    expect(cp.guess).toMatch(/CP210x/);
    expect(cp.byId).toEqual([join(tree.dev, "serial/by-id/usb-Silicon_Labs_CP2102_0001-if00-port0")]);
    expect(ports[0].guess).toMatch(/Espressif native USB/);
  });

  it("lists the UART placeholder with all=true", () => {
    expect(scanSysfs({ sys: tree.sys, dev: tree.dev }, true).map((p) => p.path)).toContain(join(tree.dev, "ttyS0"));
  });

  it("guesses common adapters by USB id", () => {
    expect(guessUsb("1a86", "7523")?.chip).toBe("WCH CH340");
    expect(guessUsb("0x0403", "0x6001")?.chip).toBe("FTDI FT232R");
    expect(guessUsb("dead", "beef")).toBeUndefined();
  });
});

describe("fobsync ports (built CLI) on a machine without udevadm", () => {
  const tree = fakeTree();
  beforeAll(() => buildCli(), 60_000);
  afterAll(() => rmSync(tree.root, { recursive: true, force: true }));
  const env = { PATH: join(tree.root, "no-bin"), FOBSYNC_SYS_ROOT: tree.sys, FOBSYNC_DEV_ROOT: tree.dev };

  it("says it used the fallback and lists the ports as NDJSON", () => {
    const r = runCli(["ports", "--json"], env);
    expect(r.code).toBe(0);
    const recs = r.records();
    expect(recs[0]).toMatchObject({ type: "notice", method: "sysfs" });
    expect(recs[0].text).toMatch(/udevadm is not installed/);
    expect(recs.filter((x) => x.type === "port").map((x) => x.vendorId)).toEqual(["303a", "10c4"]);
    expect(recs.pop()).toEqual({ type: "ports", count: 2 });
  });

  it("prints an aligned table for a person", () => {
    const r = runCli(["ports"], env);
    expect(r.stdout).toMatch(/note: udevadm is not installed/);
    expect(r.stdout).toMatch(/ttyUSB0\s+10c4:ea60\s+Silicon Labs CP210x/);
  });
});
