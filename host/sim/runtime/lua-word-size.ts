/**
 * The word size of a Lua 5.1 VM on this machine, from the header of a dumped
 * chunk (its 9th byte is `sizeof(size_t)`: 4 on a 32-bit Lua, as NodeMCU's,
 * 8 on a 64-bit one, whose tables and strings are larger). Debian's
 * `lua5.1:i386` is the 32-bit one (`npm run setup` installs it where dpkg
 * can add the i386 architecture).
 */
import { spawnSync } from "node:child_process";

/** 32 or 64; null when the VM does not run. */
export function luaWordBits(vm = "lua5.1"): 32 | 64 | null {
  const r = spawnSync(vm, ["-e", "io.write(string.byte(string.dump(function() end), 9))"], { encoding: "utf8" });
  if (r.status !== 0) return null;
  return r.stdout.trim() === "4" ? 32 : 64;
}

/** How a heap figure measured on `vm` is labelled. */
export function luaWordLabel(vm = "lua5.1"): string {
  const bits = luaWordBits(vm);
  if (bits === 32) return `${vm}, 32-bit as NodeMCU`;
  if (bits === 64) return `${vm}, 64-bit (NOT NodeMCU's word size: its objects are larger; npm run setup installs lua5.1:i386 where dpkg can add i386)`;
  return `${vm} (not found)`;
}
