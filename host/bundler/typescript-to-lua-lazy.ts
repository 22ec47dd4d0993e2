import { createRequire } from "node:module";
import type Typescript from "typescript";
import type * as TypescriptToLua from "typescript-to-lua";

const load = createRequire(import.meta.url);

/**
 * typescript and typescript-to-lua, loaded when a Lua build first needs them:
 * loading them takes about 0.9 s, which every CLI command paid at start-up
 * (and a Ctrl-C in that time was lost, docs/cli.md).
 */
export function luaCompiler(): { ts: typeof Typescript; tstl: typeof TypescriptToLua } {
  return { ts: load("typescript") as typeof Typescript, tstl: load("typescript-to-lua") as typeof TypescriptToLua };
}
