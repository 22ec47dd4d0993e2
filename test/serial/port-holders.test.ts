/**
 * Who holds a port's lock, read from a /proc/locks table (a fake one here,
 * in the kernel's format): the lines on the path's device and inode, decoded
 * as glibc does; a "->" line is a process waiting for the lock, not its holder.
 */
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockHolders } from "../../host/ports/port-holders";

describe("lockHolders (/proc/locks)", () => {
  const dir = mkdtempSync(join(tmpdir(), "fobsync-locks-"));
  const port = join(dir, "ttyUSB0");
  writeFileSync(port, "");
  const st = statSync(port);
  const hex = (n: number) => n.toString(16).padStart(2, "0");
  const id = `${hex(Math.floor(st.dev / 256) & 0xfff)}:${hex(st.dev & 0xff)}:${st.ino}`;
  const proc = (table: string) => {
    const root = mkdtempSync(join(dir, "proc-"));
    writeFileSync(join(root, "locks"), table);
    return root;
  };

  it("names the process whose flock is on the port's device and inode, not locks on other files", () => {
    const root = proc(`1: POSIX  ADVISORY  WRITE 500 08:01:123456 0 EOF\n2: FLOCK  ADVISORY  WRITE 777 ${id} 0 EOF\n3: FLOCK  ADVISORY  WRITE 888 ${id.replace(/:\d+$/, `:${st.ino + 1}`)} 0 EOF\n`);
    expect(lockHolders(port, root)).toEqual([777]);
  });

  it("names the holder, not a process waiting for the lock (a '->' line)", () => {
    const root = proc(`2: FLOCK  ADVISORY  WRITE 777 ${id} 0 EOF\n2: -> FLOCK  ADVISORY  WRITE 901 ${id} 0 EOF\n`);
    expect(lockHolders(port, root)).toEqual([777]);
  });

  it("nobody when the table has no line for the port, there is no table, or no such path", () => {
    expect(lockHolders(port, proc("1: FLOCK  ADVISORY  WRITE 777 00:19:4 0 EOF\n"))).toEqual([]);
    expect(lockHolders(port, join(dir, "no-proc"))).toEqual([]);
    expect(lockHolders(join(dir, "ttyUSB9"), proc(`2: FLOCK  ADVISORY  WRITE 777 ${id} 0 EOF\n`))).toEqual([]);
  });
});
