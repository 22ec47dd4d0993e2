import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { minifyLua } from "../../host/bundler/lua-minify";

/**
 * The Lua minifier keeps behaviour: each program prints the same on lua5.1
 * and lua5.3 before and after minification, on programs written to trip a
 * renamer (shadowing, closures, globals, implicit self, repeat-until scope)
 * or a whitespace stripper (`- -`, `..` next to numbers, long strings).
 */
const dir = mkdtempSync(join(tmpdir(), "fobsync-minify-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run Lua source on `vm`, return stdout (stderr appended when it fails). */
function run(vm: string, src: string): string {
  const f = join(dir, "p.lua");
  writeFileSync(f, src);
  const r = spawnSync(vm, [f], { encoding: "utf8" });
  return r.stdout + (r.status === 0 ? "" : "ERR " + r.stderr);
}

const PROGRAMS: { [name: string]: string } = {
  shadowing: `
local value = 1
local function show(x) print("show", x, value) end
do local value = value + 1; show(value) end
local value = value * 10
show(value)
for i = 1, 2 do local i = i * 3; print("i", i) end
local t = { value = 5, ["end"] = 6 }
print(t.value, t["end"])`,
  closures: `
local counters = {}
for n = 1, 3 do
  local count = n
  counters[n] = function() count = count + 1; return count end
end
print(counters[1](), counters[1](), counters[3]())
local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
print(fib(15))`,
  globals: `
a = 3
local b = 4
local function f() local c = a + b; a = c; return c end
print(f(), a, b, type(print), string.format("%d", 7))`,
  selfAndVarargs: `
local obj = { n = 2 }
function obj:twice(...) local extra = select("#", ...); return self.n * 2 + extra end
print(obj:twice(1, 2, 3))
local function pack(...) return { ... } end
print(#pack(1, nil, 3))`,
  concatChains: `
local n, f, s = 7, 2.5, "x"
local a = ((("a" .. tostring(n)) .. " b=") .. tostring(f)) .. s
local b = ((s .. n) .. f) .. (n + 1) .. (s == "x" and "y" or "z")
print(a, b, (("p" .. n)) == "p7", #(s .. s), (s .. n):upper(), ("q" .. n) .. ("r" .. f))`,
  localRuns: `
local x = 1
local y = (function() x = x + 10; return x end)()
local z = x + 1
local u, v = 5
local w = u
local p = nil
local q = select("#", 1, 2, 3)
local r = (select(2, "a", "b", "c"))
print(x, y, z, u, v, w, p, q, r)`,
  repeatScope: `
local i = 0
repeat local done = i >= 3; i = i + 1 until done
print("i", i)`,
  operators: `
local a, b = 5, -2
print(a - -b, a- - -b, 1 .. 2, a .. b, #"abc", not nil, 2^3, 7 % 3, -a ^ 2)
local s = [[long
string -- not a comment]] .. [==[x]]y]==]
print(s)
print(("x"):rep(3), #{1, 2, 3})`,
};

describe("Lua minifier", () => {
  for (const [name, src] of Object.entries(PROGRAMS)) {
    for (const vm of ["lua5.1", "lua5.3"]) {
      it(`${name}: same output on ${vm}, and shorter`, () => {
        const before = run(vm, src);
        expect(before).not.toContain("ERR");
        const min = minifyLua(src);
        expect(run(vm, min)).toBe(before);
        expect(min.length).toBeLessThan(src.length);
      });
    }
  }

  it("renames locals to short names but keeps globals and field names", () => {
    const min = minifyLua("local function longName(someArgument) return someArgument.field + globalThing end\nprint(longName({ field = 1 }))");
    expect(min).not.toContain("longName");
    expect(min).not.toContain("someArgument");
    expect(min).toContain("globalThing");
    expect(min).toContain(".field");
    expect(min).toContain("field=1");
  });

  it("writes a concatenation chain without the parentheses typescript-to-lua puts around its left side", () => {
    expect(minifyLua('print((("a" .. tostring(n)) .. " b=") .. tostring(f))')).toBe('print("a"..tostring(n).." b="..tostring(f))\n');
    expect(minifyLua('print(("a" .. b) == c, (a or b) .. c)')).toBe('print(("a"..b)==c,(a or b)..c)\n');
  });

  it("joins runs of single local statements whose values do not use each other", () => {
    expect(minifyLua("local first = 1\nlocal second = g()\nlocal third = first\nprint(first, second, third)")).toBe("local a,b=1,g()local c=a print(a,b,c)\n");
  });

  it("wraps long lines, never right before a '('", () => {
    const calls = Array.from({ length: 60 }, (_, i) => `print((${i}))`).join(" ");
    const min = minifyLua(calls, { maxLine: 40 });
    const lines = min.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
    for (const l of lines.slice(1)) expect(l.startsWith("(")).toBe(false);
    expect(run("lua5.1", min)).toBe(run("lua5.1", calls));
  });

  it("refuses Lua that does not parse", () => {
    expect(() => minifyLua("local = 1")).toThrow();
  });
});
