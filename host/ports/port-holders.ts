/**
 * Which processes hold a serial port open, from /proc/<pid>/fd (Linux), named
 * as a person knows them (`fobsync monitor`, not `node`), and which of them
 * holds its lock (/proc/locks). Read by `fobsync doctor` and by a busy port's
 * error; the root is a parameter so tests give a fake /proc.
 */
import { readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";

export interface Holder {
  pid: number;
  command: string;
}

/** The process ids under `procRoot`. */
export function processIds(procRoot: string): number[] {
  try {
    return readdirSync(procRoot).filter((n) => /^\d+$/.test(n)).map(Number);
  } catch {
    return [];
  }
}

/** The command name (comm) of process `pid`. */
export function commandName(procRoot: string, pid: number): string | undefined {
  try {
    return readFileSync(join(procRoot, String(pid), "comm"), "utf8").trim();
  } catch {
    return undefined;
  }
}

/** The command line of process `pid` (arguments joined by spaces), if readable. */
export function commandLine(procRoot: string, pid: number): string | undefined {
  try {
    return readFileSync(join(procRoot, String(pid), "cmdline"), "utf8").split("\0").join(" ").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Processes other than this one with `path` (or what it links to) open; those whose fds cannot be read are not seen. */
export function scanHolders(procRoot: string, path: string): Holder[] {
  const targets = new Set([path]);
  try {
    targets.add(realpathSync(path));
  } catch {
    // keep the path as given
  }
  const found: Holder[] = [];
  for (const pid of processIds(procRoot)) {
    if (pid === process.pid) continue;
    const fdDir = join(procRoot, String(pid), "fd");
    let fds: string[];
    try {
      fds = readdirSync(fdDir);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(join(fdDir, fd));
      } catch {
        continue;
      }
      if (targets.has(target)) {
        found.push({ pid, command: commandName(procRoot, pid) ?? "?" });
        break;
      }
    }
  }
  return found;
}

/** `fobsync monitor` for a fobsync process (from its command line), else its command name. */
function holderName(h: Holder, line: string | undefined): string {
  const m = /fobsync(?:\.js|\.mjs)?\s+([a-z-]+)/.exec(line ?? "");
  return m ? `fobsync ${m[1]}` : h.command;
}

/** A holder as "name (pid N)", named from its command line as holderName does. */
export function holderLabel(h: Holder, line: string | undefined): string {
  return `${holderName(h, line)} (pid ${h.pid})`;
}

/** Processes `pids` as "name (pid N)", each as a person knows it. */
export function describeProcesses(pids: number[], procRoot = "/proc"): { pids: number[]; names: string[] } {
  return { pids, names: pids.map((pid) => holderLabel({ pid, command: commandName(procRoot, pid) ?? "?" }, commandLine(procRoot, pid))) };
}

/**
 * The processes holding a lock on `path` (serialport takes an exclusive flock
 * on the ports it opens), from /proc/locks: "1: FLOCK ADVISORY WRITE <pid>
 * <major>:<minor>:<inode> 0 EOF", the device and inode in the format of the
 * kernel's fs/locks.c. Empty where there is no /proc/locks.
 */
export function lockHolders(path: string, procRoot = "/proc"): number[] {
  let id: string;
  let table: string;
  try {
    const st = statSync(path, { bigint: true });
    id = `${hex2(deviceMajor(st.dev))}:${hex2(deviceMinor(st.dev))}:${st.ino}`;
    table = readFileSync(join(procRoot, "locks"), "utf8");
  } catch {
    return [];
  }
  const pids = table
    .split("\n")
    .filter((line) => !/^\d+:\s+->/.test(line)) // a process waiting for the lock, not holding it
    .map((line) => line.replace(/^\d+:\s+/, "").trim().split(/\s+/))
    .filter((f) => f.length >= 5 && f[4] === id)
    .map((f) => Number(f[3]));
  return [...new Set(pids)];
}

/** glibc's major() and minor() of a device number (sys/sysmacros.h). */
function deviceMajor(dev: bigint): bigint {
  return ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
}
function deviceMinor(dev: bigint): bigint {
  return (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
}
function hex2(n: bigint): string {
  return n.toString(16).padStart(2, "0");
}
