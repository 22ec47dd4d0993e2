import { parse } from "acorn";
import { runInNewContext } from "node:vm";
import { minify_sync } from "terser";
import { beforeAll, describe, expect, it } from "vitest";
import { checkDialect } from "../../host/build/dialect-gate";
import { aliasRepeatedStrings } from "../../host/build/espruino-alias";
import { buildEspruinoBundle, type EspruinoBundle } from "../../host/build/espruino-build";
import { keywordConstants } from "../../host/build/espruino-keywords";
import { renameByFrequency } from "../../host/build/espruino-rename";
import { analyseBindings, analyseNames } from "../../host/build/espruino-scopes";
import { assertRoundTrip, pretokenise } from "../../host/build/espruino-tokens";

/**
 * The post-terser passes of the Espruino build (espruino-keywords.ts,
 * espruino-alias.ts, espruino-rename.ts, with espruino-scopes.ts): each must give a program that
 * computes the same results, and save exactly the pretokenised bytes it claims.
 */

/** Run a bundle-shaped script in a fresh context; what it pushed to `out`, as JSON. */
function run(code: string, globals: Record<string, unknown> = {}): string {
  const context: Record<string, unknown> = { out: [], ...globals };
  runInNewContext(code, context);
  return JSON.stringify(context.out);
}

/** terser as the build runs it (mangled locals, safe compression), property names kept. */
function minify(source: string): string {
  const r = minify_sync(source, {
    ecma: 2015,
    compress: { passes: 3, unsafe: false, unsafe_arrows: true },
    mangle: true,
    format: { ecma: 2015, comments: false, ascii_only: true },
  });
  return r.code!;
}

function bytes(code: string): number {
  return pretokenise(code).length;
}

/** Every identifier name of a script (bindings and references). */
function identifiers(code: string): Set<string> {
  return new Set(analyseNames(parse(code, { ecmaVersion: "latest" })).keys());
}

/** A program with the bundle's habits: strings built with +, built-in methods, events by name, a this-using object. */
const PROGRAM = `(() => {
  const events = [];
  function emit(level, text) { events.push(level + " " + text); out.push(level + " " + text); }
  const queue = { items: [], push(x) { this.items.push(x); return this; }, indexOf(x) { return this.items.indexOf(x); } };
  function role(name) { return name.substring(0, 3) === "fob" ? "output" : name.indexOf("battery") >= 0 ? "analog" : "input"; }
  const roles = ["fob1.unlock", "fob1.lock", "door", "fob2.battery", "ignition.klr"];
  for (const r of roles) emit("I", "role " + r + "=" + role(r));
  queue.push("edge").push("press").push("edge");
  out.push(queue.indexOf("press"), queue.items.length, queue.items.join(","));
  const parts = "a=1 b=2 c=3".split(" ");
  for (let i = 0; i < parts.length; i++) out.push(parts[i].split("=")[1].charCodeAt(0) - 48 + 1 + 2 + "x");
  out.push(1 + 2 + "edge" + 3 + 4, "edge" + 1 + 2, typeof out === "object" ? "edge" : "press");
  out.push(Math.max(3, 7) + Math.min(2, 9) + Math.floor(2.5) + Math.round(1.5));
  switch (role("door")) { case "input": out.push("press"); break; case "output": out.push("edge"); }
  out.push("edge" in { edge: 1 }, "press" in { edge: 1 }, events.length, void 0 === undefined, !0, !1);
  function again() { return"edge" }
  out.push(again() + again(), [1, 2, 3].indexOf(2), "press".length + "edge".length, "fob" + "-test");
})();`;

describe("keyword pass: !0, !1, void 0", () => {
  it("writes true, false, undefined, which pretokenise to one byte each, and the program gives the same results", () => {
    const code = minify(PROGRAM);
    const r = keywordConstants(code);
    expect(code).toMatch(/!0|!1|void 0/);
    expect(r.code).not.toMatch(/!0|!1|void 0/);
    expect(run(r.code)).toBe(run(code));
    expect(r.saved).toBe(bytes(code) - bytes(r.code));
    expect(r.saved).toBeGreaterThan(0);
  });

  it("leaves void 0 alone where a name undefined is declared, and spaces words apart", () => {
    const code = "(()=>{function f(undefined){return void 0}out.push(f(5));function g(){return!1}out.push(g(),!0)})();";
    const r = keywordConstants(code);
    expect(r.code).toContain("void 0");
    expect(r.code).toContain("return false");
    expect(r.undefineds).toBe(0);
    expect(run(r.code)).toBe(run(code));
  });
});

describe("alias pass", () => {
  it("gives the same results, method calls keep their this, a + chain that starts with numbers adds them first", () => {
    for (const code of [PROGRAM, minify(PROGRAM)]) {
      const r = aliasRepeatedStrings(code);
      expect(r.aliases.length).toBeGreaterThan(0);
      expect(r.code).toMatch(/\[[A-Za-z_$][A-Za-z0-9_$]?\]\(/); // x[A](...) method calls
      expect(run(r.code)).toBe(run(code));
      expect(JSON.parse(run(r.code))).toContain("3edge34");
      expect(checkDialect(r.code)).toEqual([]);
    }
  });

  it("saves exactly the pretokenised bytes it counts, and pretokenises to the same program", () => {
    const code = keywordConstants(minify(PROGRAM)).code;
    const r = aliasRepeatedStrings(code);
    expect(r.saved).toBe(bytes(code) - bytes(r.code));
    expect(r.saved).toBeGreaterThan(0);
    expect(() => assertRoundTrip(r.code, pretokenise(r.code))).not.toThrow();
    for (const a of r.aliases) expect(a.saved).toBeGreaterThan(0);
  });

  it("names aliases with names the input never uses, so nothing shadows them", () => {
    const code = minify(PROGRAM);
    const before = identifiers(code);
    const r = aliasRepeatedStrings(code);
    for (const a of r.aliases) {
      if (r.renamed.some((n) => n.from === a.name)) continue; // freed: checked below
      expect(before.has(a.name), a.name).toBe(false);
    }
    for (const n of r.renamed) {
      expect(before.has(n.to), n.to).toBe(false);
      expect(identifiers(r.code).has(n.from)).toBe(true); // now the alias
    }
    // one declaration, first in the wrapper, one name each
    const decl = r.code.match(/^\(\(\)=>\{const ([^;]*);/);
    expect(decl).not.toBeNull();
    const declared = decl![1].split(/,(?=[A-Za-z_$][A-Za-z0-9_$]*=)/).map((d) => d.split("=")[0]);
    expect(declared).toEqual(r.aliases.map((a) => a.name));
  });

  it("frees one-character names only from locals, never from a global the code reads", () => {
    // every one-character name is taken: locals a..z, A..Z, _ (20 uses each), and the global $ the code reads (12 uses, the cheapest)
    const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_".split("");
    const code = "(()=>{function f(" + letters.join(",") + "){return " + letters.map((c) => Array(20).fill(c).join("+")).join("+") + "}" +
      'out.push($.length,$.length,$.length,$.length,$.length,$.length,$.length,$.length,$.length,$.length,$.length,$.length);' +
      'out.push(f(' + letters.map((_, i) => String(i)).join(",") + ")," + Array(60).fill('"press"').join(",") + ")})();";
    const r = aliasRepeatedStrings(code);
    expect(r.renamed.length).toBeGreaterThan(0);
    expect(r.renamed.map((n) => n.from)).not.toContain("$");
    expect(r.code).toContain("$[");
    expect(run(r.code, { $: "global" })).toBe(run(code, { $: "global" }));
    expect(r.saved).toBe(bytes(code) - bytes(r.code));
  });

  it("renames a name shared by several scopes everywhere at once, and keeps shorthand keys", () => {
    const presses = Array.from({ length: 30 }, () => '"press"').join(",");
    const body = 'function f(q){return q+1}function g(q){const k={q};return k.q*2}let q=5;out.push(f(q),g(q),' + presses + ")";
    // every other one-character name is a local used 16 times: q (10 occurrences) is the cheapest to free
    const others = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$".split("").filter((c) => c !== "q");
    const filler = others.map((c) => `let ${c}=0;${c}+=${Array(14).fill(c).join("+")};`).join("");
    const code = "(()=>{" + body + ";{" + filler + "}})();";
    const r = aliasRepeatedStrings(code);
    expect(r.renamed.map((n) => n.from)).toEqual(["q"]);
    expect(r.code).toMatch(/\{q:[A-Za-z_$][A-Za-z0-9_$]\}/);
    expect(run(r.code)).toBe(run(code));
    expect(r.saved).toBe(bytes(code) - bytes(r.code));
  });

  it("aliases nothing when nothing pays, and returns the input unchanged", () => {
    const code = '(()=>{const s="ab";out.push(s.length,"xy","xy",s.indexOf("b"))})();';
    const r = aliasRepeatedStrings(code);
    expect(r.aliases).toEqual([]);
    expect(r.saved).toBe(0);
    expect(r.code).toBe(code);
  });

  it("leaves require() arguments, object keys, directives and data records as written", () => {
    const storage = Array.from({ length: 8 }, () => 'require("Storage")').join(",");
    const code = `(()=>{"ram";const r=x=>x;function require(n){return n}` +
      `out.push(${storage},"Storage","Storage","Storage","Storage","Storage",` +
      `{edge:"both",repeat:true},{"edge":1,edge2:"edge"},{r:"fob1.unlock",i:16,c:"high"},"high","high","high","high","high","high",r("edge"),r("edge"),r("edge"),r("edge"))})();`;
    const r = aliasRepeatedStrings(code);
    expect(r.aliases.map((a) => a.value)).toEqual(expect.arrayContaining(["Storage", "high", "edge"]));
    expect(r.code.split('require("Storage")').length - 1).toBe(8);
    expect(r.code).toContain('{edge:"both",repeat:true}'); // a record: all values constant
    expect(r.code).toContain('"edge":1');
    expect(r.code).toContain('{r:"fob1.unlock",i:16,c:"high"}');
    expect(r.code).toMatch(/^\(\(\)=>\{"ram";const /);
    expect(run(r.code)).toBe(run(code));
  });

  it("never aliases a member that is written, nor a global that the code declares", () => {
    const code = '(()=>{const a=[1,2,3];a.length=1;a.length=0;a.length=2;a.length=1;a.length=0;a.length=2;function g(Math){return Math.max}' +
      "out.push(a.length,g({max:7}),g({max:7}),g({max:7}),g({max:7}),g({max:7}),Math.max(1,2))})();";
    const r = aliasRepeatedStrings(code);
    expect(r.code.split(".length=").length - 1).toBe(6);
    expect(r.aliases.map((a) => a.value)).not.toContain("Math");
    expect(run(r.code)).toBe(run(code));
  });
});

describe("rename pass: one-character names to the most used", () => {
  /** Names of the variables declared in a script, with their occurrence counts. */
  function counts(code: string): Map<string, number> {
    const m = new Map<string, number>();
    for (const b of analyseBindings(parse(code, { ecmaVersion: "latest" })).bindings) m.set(b.name, (m.get(b.name) ?? 0) + b.occurrences.length);
    return m;
  }

  it("gives the same results on terser's output and on the alias pass's, in fewer pretokenised bytes", () => {
    for (const code of [minify(PROGRAM), aliasRepeatedStrings(keywordConstants(minify(PROGRAM)).code).code]) {
      const r = renameByFrequency(code);
      expect(run(r)).toBe(run(code));
      expect(bytes(r)).toBeLessThanOrEqual(bytes(code));
      expect(checkDialect(r)).toEqual([]);
      expect(() => assertRoundTrip(r, pretokenise(r))).not.toThrow();
    }
  });

  it("hands one-character names to the most used variables when there are not enough for all", () => {
    // 60 locals: `hot` read 30 times, the others twice; only 54 one-character names exist
    const names = Array.from({ length: 59 }, (_, i) => "v" + i);
    const code = "(()=>{let " + names.map((n, i) => `${n}=${i}`).join(",") + ",hot=1;" +
      "out.push(" + names.join("+") + "," + Array(30).fill("hot").join("+") + ")})();";
    const r = renameByFrequency(code);
    expect(run(r)).toBe(run(code));
    const after = counts(r);
    const hot = [...after].find(([, c]) => c === 31)!;
    expect(hot[0]).toHaveLength(1);
    expect(bytes(r)).toBeLessThan(bytes(code));
  });

  it("never captures: an inner variable never takes the name of an outer one it reads, nor of a global", () => {
    // the outer `total` is read inside `add`, whose own locals are used far more
    const code = "(()=>{let total=0;const add=(x)=>{let step=x;step=step+step+step+step+step+step;total=total+step;return step};" +
      "for(let i=0;i<3;i++)out.push(add(i),total);out.push(typeof a,typeof b,b(2))})();";
    const r = renameByFrequency(code);
    expect(run(r, { b: (x: number) => x * 7 })).toBe(run(code, { b: (x: number) => x * 7 }));
    const free = [...analyseBindings(parse(r, { ecmaVersion: "latest" })).free];
    expect(free).toEqual(expect.arrayContaining(["out", "a", "b"])); // globals still read by their names
    expect(counts(r).has("a")).toBe(false);
    expect(counts(r).has("b")).toBe(false);
  });

  it("lets sibling scopes share a name, keeps shorthand keys, and renames catch parameters and function-expression names", () => {
    const code = "(()=>{function f(first){return first*2}function g(second){const o={second};return o.second+1}" +
      "const h=function self(n){return n>0?self(n-1)+1:0};try{throw 7}catch(oops){out.push(oops)}out.push(f(1),g(2),h(3))})();";
    const r = renameByFrequency(code);
    expect(run(r)).toBe(run(code));
    expect(r).toMatch(/\{second:[A-Za-z_$]\}/);
    expect(r).not.toMatch(/first|oops|self\b/);
  });
});

describe("name resolution", () => {
  it("finds globals (free names) and bindings through functions, blocks, loops, catch and function-expression names", () => {
    const code = "var v=1;function f(p){let b=p;{const c=b;g(c)}for(let i=0;i<1;i++)h(i);try{}catch(e){e}return(function n(){return n})}";
    const names = analyseNames(parse(code, { ecmaVersion: "latest" }));
    for (const free of ["g", "h"]) expect(names.get(free)?.free, free).toBe(true);
    for (const bound of ["v", "f", "p", "b", "c", "i", "e", "n"]) expect(names.get(bound)?.free, bound).toBe(false);
    expect(names.get("c")!.occurrences.length).toBe(2);
    expect(names.get("g")!.declared).toBe(false);
  });

  it("counts a block-level let as unresolved outside its block", () => {
    const names = analyseNames(parse("{let x=1}x;", { ecmaVersion: "latest" }));
    expect(names.get("x")!.free).toBe(true);
    expect(names.get("x")!.declared).toBe(true);
  });
});

describe("the shipped bundle", () => {
  let bundle: EspruinoBundle;
  beforeAll(() => {
    bundle = buildEspruinoBundle();
  });

  it("carries the passes: one alias declaration first, no !0, !1 or void 0 left, no alias left that would still pay, names handed out by use", () => {
    expect(bundle.code).toMatch(/^\(\(\)=>\{const [A-Za-z_$]="/);
    expect(bundle.code).not.toMatch(/!0|!1\b|void 0/);
    expect(aliasRepeatedStrings(bundle.code).aliases).toEqual([]);
    expect(keywordConstants(bundle.code).saved).toBe(0);
    expect(bytes(renameByFrequency(bundle.code))).toBe(bytes(bundle.code)); // names already by use
  });

  it("counts bytes exactly on the bundle's own code", () => {
    const r = aliasRepeatedStrings(bundle.code, { keepRecords: false });
    expect(r.saved).toBe(bytes(bundle.code) - bytes(r.code));
  });
});
