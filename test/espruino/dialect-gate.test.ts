import { describe, expect, it } from "vitest";
import { assertDialect, checkDialect } from "../../host/bundler/espruino/dialect-gate";

/** One snippet per row of the "fails" column of shared/espruino-dialect.md (plus the let-loop and switch-case traps). */
const FAILS: [row: string, snippet: string, construct: RegExp][] = [
  ["class extends Error", "class E2 extends Error { constructor(m) { super(m); } }", /class extends Error/],
  ["default parameters", "function f(a = 3) { return a; }", /default value/],
  ["rest parameters", "function f(...r) { return r; }", /rest/],
  ["spread in a call", "f(...a);", /spread/],
  ["spread in an array", "var b = [0, ...a];", /spread/],
  ["tagged template", "var s = tag`x${1}`;", /tagged template/],
  ["object destructuring", "var { a } = o;", /destructuring/],
  ["array destructuring", "var [a] = x;", /destructuring/],
  ["destructuring parameter", "function f({ a }) { return a; }", /destructuring/],
  ["computed key", "var o = { [k]: v };", /computed key/],
  ["computed class key", "class C { [k]() {} }", /computed key/],
  ["optional chaining", "var v = o?.x;", /optional chaining/],
  ["exponent", "var v = 2 ** 3;", /exponent/],
  ["exponent assignment", "v **= 2;", /exponent/],
  ["labelled break", "outer: for (;;) { break outer; }", /labelled/],
  ["async/await", "async function f() { await g(); }", /async|await/],
  ["generator", "function* g() { yield 1; }", /generator|yield/],
  ["Map", "var m = new Map();", /^Map$/],
  ["Set", "var s = new Set();", /^Set$/],
  ["Symbol", "var s = Symbol('x');", /^Symbol$/],
  ["Object.freeze", "Object.freeze(o);", /Object\.freeze/],
  ["Array.from", "var a = Array.from(x);", /Array\.from/],
  ["Number.isInteger", "Number.isInteger(3);", /Number\.isInteger/],
  ["Number.isFinite", "Number.isFinite(3);", /Number\.isFinite/],
  ["Math.trunc", "Math.trunc(3.5);", /Math\.trunc/],
  ["instanceof TypeError", "try { null.x; } catch (e) { if (e instanceof TypeError) f(); }", /instanceof TypeError/],
  ["let loop captured by a closure", "for (let i = 0; i < 3; i++) fs.push(() => i);", /let\/const loop/],
  ["const in a switch case", "let x = 1; switch (k) { case 1: const x = 2; f(x); } g(x);", /switch case/],
];

/** Constructs the "works" column allows: the gate must not reject them. */
const WORKS = [
  "class A { constructor() { this.x = 1; } static s() {} get g() { return 1; } } class B extends A {}",
  "var f = (a) => a + 1; var g = function () { return () => this; };",
  "let a = 1; const b = 2; var s = `t${a}`;",
  "for (var x of [1, 2]) f(x); for (var k in o) f(k);",
  "var a = 1; var o = { a, m() { return 1; }, get g() { return 2; } };",
  "var v = a ?? b;",
  "try { f(); } catch { g(); } finally { h(); }",
  "new Promise(function (r) { setTimeout(r, 1); });",
  "Object.keys(o); Object.assign({}, o); Array.isArray(a); [1].includes(1); 'x'.padStart(2);",
  "var o = { Map: 1 }; o.Map = 2; o.freeze = 3; var m = o.Map;",
  "for (let i = 0; i < 3; i++) f(i);",
  "switch (k) { case 1: { const x = 2; f(x); } break; case 2: var y = 3; f(y); }",
  "var E = { code: 'bad' }; var t = new Uint8Array(4); JSON.stringify(t);",
];

describe("dialect gate", () => {
  for (const [row, snippet, construct] of FAILS) {
    it(`rejects ${row}`, () => {
      const found = checkDialect(snippet);
      expect(found.length).toBeGreaterThan(0);
      expect(found.map((v) => v.construct).some((c) => construct.test(c))).toBe(true);
    });
  }

  for (const snippet of WORKS) {
    it(`accepts: ${snippet.slice(0, 50)}`, () => {
      expect(checkDialect(snippet)).toEqual([]);
    });
  }

  it("reports the file offset, line and column of each construct", () => {
    const src = "var a = 1;\nvar b = o?.x;\n";
    const [v] = checkDialect(src);
    expect(v.construct).toMatch(/optional chaining/);
    expect(v.offset).toBe(src.indexOf("o?.x"));
    expect(v.line).toBe(2);
    expect(v.column).toBe(8);
    expect(v.snippet).toBe("o?.x");
  });

  it("reports a syntax error as a violation at its offset", () => {
    const [v] = checkDialect("var = 1;");
    expect(v.construct).toBe("syntax");
    expect(v.offset).toBe(4);
  });

  it("assertDialect names the file and every construct", () => {
    expect(() => assertDialect("f(...a); var [x] = y;", "bundle.js")).toThrow(/bundle\.js:1:2 \(offset 2\) spread[\s\S]*destructuring/);
    expect(() => assertDialect("var ok = 1;", "bundle.js")).not.toThrow();
  });
});
