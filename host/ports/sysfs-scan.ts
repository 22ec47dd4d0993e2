/**
 * Serial ports from /sys/class/tty and /dev/serial/by-id, without udevadm.
 *
 * serialport's Linux listing spawns `udevadm info -e`; where udevadm is missing
 * (containers, minimal systems) that spawn fails. This scan reads what the
 * kernel exposes: every tty with a `device` link, and for USB devices the
 * idVendor/idProduct/manufacturer/product/serial files of the USB device
 * above it. The roots are parameters so tests can use a fake tree.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { PortInfo } from "./port-info";
import { guessUsb } from "./usb-ids";

export interface ScanRoots {
  /** Usually "/sys". */
  sys: string;
  /** Usually "/dev". */
  dev: string;
}

/** Same selection as serialport's Linux listing: real serial devices only. */
const SERIAL_NAME = /^(tty(S|WCH|ACM|USB|AMA|MFD|O|XRUSB)\d+|rfcomm\d+)$/;

/** Serial ports visible in sysfs, sorted by path. Legacy 8250 UART placeholders are skipped unless `all`. */
export function scanSysfs(roots: ScanRoots, all = false): PortInfo[] {
  const classDir = join(roots.sys, "class", "tty");
  const byId = readByIdLinks(roots.dev);
  const ports: PortInfo[] = [];
  for (const name of safeReaddir(classDir)) {
    if (!SERIAL_NAME.test(name)) continue;
    const deviceLink = join(classDir, name, "device");
    const device = safeRealpath(deviceLink);
    if (!device) continue;
    if (!all && isLegacyUartPlaceholder(device)) continue;
    const usb = findUsbDevice(device, roots.sys);
    const info: PortInfo = { path: join(roots.dev, name), byId: byId.get(name) ?? [], source: "sysfs" };
    if (usb) {
      info.vendorId = readAttr(usb, "idVendor");
      info.productId = readAttr(usb, "idProduct");
      info.manufacturer = readAttr(usb, "manufacturer");
      info.product = readAttr(usb, "product");
      info.serialNumber = readAttr(usb, "serial");
      const guess = guessUsb(info.vendorId, info.productId);
      if (guess) info.guess = `${guess.chip} (${guess.boards})`;
    }
    ports.push(info);
  }
  return ports.sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true }));
}

/** tty name -> by-id link names, from /dev/serial/by-id. */
export function readByIdLinks(devRoot: string): Map<string, string[]> {
  const dir = join(devRoot, "serial", "by-id");
  const map = new Map<string, string[]>();
  for (const link of safeReaddir(dir)) {
    const target = safeRealpath(join(dir, link));
    if (!target) continue;
    const tty = basename(target);
    map.set(tty, [...(map.get(tty) ?? []), join(dir, link)]);
  }
  return map;
}

/** Walk up from the tty's device until a directory with idVendor (the USB device); undefined when not USB. */
function findUsbDevice(device: string, sysRoot: string): string | undefined {
  let dir = device;
  for (let depth = 0; depth < 8 && dir.startsWith(sysRoot) && dir !== dirname(dir); depth++) {
    if (existsSync(join(dir, "idVendor")) && existsSync(join(dir, "idProduct"))) return dir;
    dir = dirname(dir);
  }
  return undefined;
}

/** A serial8250 platform port that exists on every PC whether or not a UART is there. */
function isLegacyUartPlaceholder(device: string): boolean {
  const driver = safeRealpath(join(device, "driver"));
  return driver !== undefined && basename(driver) === "serial8250";
}

function readAttr(dir: string, name: string): string | undefined {
  try {
    const text = readFileSync(join(dir, name), "utf8").trim();
    return text === "" ? undefined : text;
  } catch {
    return undefined;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
