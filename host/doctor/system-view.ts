/**
 * What the doctor reads about this machine, behind one interface so tests
 * inject a fake /proc, /dev and /etc/group (roots are parameters).
 */
import { accessSync, constants, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { commandOnPath } from "../ports/find-command";
import { commandLine, commandName, processIds, scanHolders, type Holder } from "../ports/port-holders";

export interface PortStat {
  mode: number;
  uid: number;
  gid: number;
  /** The device number of a device file (major * 256 + minor on Linux), 0 for other files. */
  rdev?: number;
}

export interface SystemView {
  /** Does the path exist? */
  exists(path: string): boolean;
  /** Owner, group, mode of a device file; undefined when it cannot be read. */
  stat(path: string): PortStat | undefined;
  /** Can this process open the path read-write? */
  canReadWrite(path: string): boolean;
  /** Processes with the path open (scan of /proc/<pid>/fd). */
  holders(path: string): Holder[];
  /** Command names (comm) of running processes. */
  runningCommands(): string[];
  /** The command line of the parent of process `pid` (arguments joined by spaces), if readable. */
  parentCommandLine(pid: number): string | undefined;
  /** The command line of process `pid` itself (arguments joined by spaces), if readable. */
  commandLine(pid: number): string | undefined;
  /** Is an executable on PATH? */
  hasCommand(name: string): boolean;
  /** Group name for a gid (from /etc/group). */
  groupName(gid: number): string | undefined;
  /** Members listed for a group in /etc/group. */
  groupMembers(name: string): string[];
  /** Current user: name, uid, and the group ids this process has now. */
  user(): { name: string; uid: number; gids: number[] };
}

export interface RealRoots {
  proc: string;
  etc: string;
  pathVar: string | undefined;
  userName: string;
}

/** The system view over real (or test) directory roots. */
export function realSystemView(roots: RealRoots): SystemView {
  return {
    exists: (p) => {
      try {
        statSync(p);
        return true;
      } catch {
        return false;
      }
    },
    stat: (p) => {
      try {
        const s = statSync(p);
        return { mode: s.mode, uid: s.uid, gid: s.gid, rdev: s.rdev };
      } catch {
        return undefined;
      }
    },
    canReadWrite: (p) => {
      try {
        accessSync(p, constants.R_OK | constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },
    holders: (p) => scanHolders(roots.proc, p),
    parentCommandLine: (pid) => parentCommandLine(roots.proc, pid),
    commandLine: (pid) => commandLine(roots.proc, pid),
    runningCommands: () => processIds(roots.proc).map((pid) => commandName(roots.proc, pid)).filter((c): c is string => !!c),
    hasCommand: (name) => commandOnPath(name, roots.pathVar),
    groupName: (gid) => readGroups(roots.etc).find((g) => g.gid === gid)?.name,
    groupMembers: (name) => readGroups(roots.etc).find((g) => g.name === name)?.members ?? [],
    user: () => ({
      name: roots.userName,
      uid: typeof process.getuid === "function" ? process.getuid() : -1,
      gids: typeof process.getgroups === "function" ? process.getgroups() : [],
    }),
  };
}

interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

function readGroups(etcRoot: string): GroupEntry[] {
  let text: string;
  try {
    text = readFileSync(join(etcRoot, "group"), "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .map((line) => line.split(":"))
    .filter((f) => f.length >= 4 && /^\d+$/.test(f[2]))
    .map((f) => ({ name: f[0], gid: Number(f[2]), members: f[3].split(",").filter(Boolean) }));
}

/** The parent's command line of `pid`, from /proc/<pid>/stat (field 4) and /proc/<ppid>/cmdline. */
function parentCommandLine(procRoot: string, pid: number): string | undefined {
  try {
    const stat = readFileSync(join(procRoot, String(pid), "stat"), "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return readFileSync(join(procRoot, String(ppid), "cmdline"), "utf8").split("\0").join(" ").trim();
  } catch {
    return undefined;
  }
}
