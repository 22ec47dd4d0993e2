/**
 * Tests whose figures mean something only on a 32-bit Lua, as NodeMCU's
 * (its heap budgets: a 64-bit Lua's objects are larger). They run when
 * `lua5.1` is 32-bit (Debian's lua5.1:i386, which `npm run setup` installs
 * where dpkg can add i386); otherwise they are reported as not run by
 * test/summary-reporter.ts, never hidden.
 */
import { it, type TestOptions } from "vitest";
import { luaWordBits } from "../host/sim/runtime/lua-word-size";

declare module "vitest" {
  export interface TaskMeta {
    /** Set on a test that needs a 32-bit lua5.1 (counted by test/summary-reporter.ts). */
    lua32?: boolean;
  }
}

export const LUA_WORD_BITS = luaWordBits("lua5.1");

/** One test that needs a 32-bit lua5.1. */
export function itOnLua32(name: string, options: TestOptions, fn: () => Promise<void> | void): void {
  it.skipIf(LUA_WORD_BITS !== 32)(name, { ...options, meta: { lua32: true } } as TestOptions, fn);
}
