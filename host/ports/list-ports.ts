/**
 * List serial ports: serialport's listing where it works, the sysfs scan
 * where it cannot (Linux without udevadm), and always by-id names and a guess.
 */
import type { PortInfo } from "./port-info";
import { scanSysfs, readByIdLinks, type ScanRoots } from "./sysfs-scan";
import { commandOnPath } from "./find-command";
import { guessUsb } from "./usb-ids";
import { basename } from "node:path";

export interface ListResult {
  ports: PortInfo[];
  method: "serialport" | "sysfs";
  /** Why the fallback was used (shown to the user), when it was. */
  fallbackReason?: string;
}

export interface ListDeps {
  platform: NodeJS.Platform;
  pathVar: string | undefined;
  roots: ScanRoots;
  /** serialport's SerialPort.list (injected so tests do not touch real hardware). */
  serialportList: () => Promise<Array<Record<string, string | undefined>>>;
  all: boolean;
}

/** The ports on this machine, with the method used. */
export async function listPorts(deps: ListDeps): Promise<ListResult> {
  if (deps.platform === "linux" && !commandOnPath("udevadm", deps.pathVar)) {
    return {
      ports: scanSysfs(deps.roots, deps.all),
      method: "sysfs",
      fallbackReason: "udevadm is not installed (serialport's Linux listing needs it): read /sys/class/tty and /dev/serial/by-id instead",
    };
  }
  try {
    const raw = await deps.serialportList();
    const byId = deps.platform === "linux" ? readByIdLinks(deps.roots.dev) : new Map<string, string[]>();
    return { ports: raw.map((p) => fromSerialport(p, byId)), method: "serialport" };
  } catch (err) {
    if (deps.platform !== "linux") throw err;
    const why = err instanceof Error ? err.message : String(err);
    return { ports: scanSysfs(deps.roots, deps.all), method: "sysfs", fallbackReason: `serialport's listing failed (${why}): read /sys/class/tty instead` };
  }
}

function fromSerialport(p: Record<string, string | undefined>, byId: Map<string, string[]>): PortInfo {
  const path = p.path ?? "";
  const guess = guessUsb(p.vendorId, p.productId);
  return {
    path,
    byId: byId.get(basename(path)) ?? [],
    vendorId: p.vendorId,
    productId: p.productId,
    manufacturer: p.manufacturer,
    serialNumber: p.serialNumber,
    guess: guess ? `${guess.chip} (${guess.boards})` : undefined,
    source: "serialport",
  };
}
