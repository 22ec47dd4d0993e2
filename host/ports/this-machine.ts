/**
 * This machine's serial ports, through serialport (or the sysfs scan where
 * that cannot list them): one place for `ports`, `doctor` and the USB ids
 * `install-espruino` gives esptool-js.
 */
import { realpathSync } from "node:fs";
import { SerialPort } from "serialport";
import { listPorts, type ListResult } from "./list-ports";

/** Roots of the kernel trees (FOBSYNC_SYS_ROOT / FOBSYNC_DEV_ROOT point them at a test tree). */
export function scanRoots(env: NodeJS.ProcessEnv): { sys: string; dev: string } {
  return { sys: env.FOBSYNC_SYS_ROOT || "/sys", dev: env.FOBSYNC_DEV_ROOT || "/dev" };
}

export function listPortsHere(env: NodeJS.ProcessEnv, all = false): Promise<ListResult> {
  return listPorts({
    platform: process.platform,
    pathVar: env.PATH,
    roots: scanRoots(env),
    serialportList: () => SerialPort.list() as Promise<Array<Record<string, string | undefined>>>,
    all,
  });
}

/** The USB vendor and product ids of the port at `path` (a /dev/serial/by-id name too), as numbers; none for a port without them. */
export async function usbIdsOf(path: string, env: NodeJS.ProcessEnv = process.env): Promise<{ usbVendorId?: number; usbProductId?: number }> {
  const real = realPath(path);
  const listing = await listPortsHere(env, true).catch(() => null);
  const port = listing?.ports.find((p) => realPath(p.path) === real);
  const id = (hex: string | undefined) => (hex && /^(0x)?[0-9a-f]{1,4}$/i.test(hex) ? parseInt(hex, 16) : undefined);
  return port ? { usbVendorId: id(port.vendorId), usbProductId: id(port.productId) } : {};
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
