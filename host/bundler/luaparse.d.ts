/** The part of luaparse (npm, no bundled types) the Lua minifier uses. */
declare module "luaparse" {
  interface ParseOptions {
    ranges?: boolean;
    luaVersion?: "5.1" | "5.2" | "5.3" | "LuaJIT";
    comments?: boolean;
  }
  /** The chunk's AST (luaparse's node objects). */
  function parse(code: string, options?: ParseOptions): { type: "Chunk"; body: unknown[] };
  const luaparse: { parse: typeof parse };
  export default luaparse;
}
