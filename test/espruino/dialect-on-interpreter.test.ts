import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkDialect } from "../../host/bundler/espruino/dialect-gate";
import { startEspruino, type EspruinoProcess } from "../../host/espruino/espruino-process";
import { describeOnInterpreter, theInterpreter } from "../interpreter-gate";

/**
 * The dialect gate checked against the REAL Espruino interpreter: every
 * construct the gate refuses is shown to fail there (an error, or a result
 * other than a standard JavaScript engine's), and every construct the
 * project relies on is shown to work there and to pass the gate. A rule the
 * interpreter disproves fails this test and must be dropped from the gate.
 */

/** Programs whose value differs on Espruino (or that throw there), with the gate's name for the construct. */
const REFUSED: { construct: string; code: string }[] = [
  { construct: "used before its declaration", code: "(function(){return f();function f(){return 1}})()" },
  { construct: "used before its var declaration", code: "(function(){var f=function(){return 1};return (function(){x=f;var x;return typeof x})()+typeof x})()" },
  { construct: "class field without a value", code: "(function(){class C{f;constructor(){this.f=2}}return new C().f})()" },
  { construct: "default value", code: "(function(a=3){return a})()" },
  { construct: "rest parameter", code: "(function(...r){return r.length})(1,2)" },
  { construct: "spread", code: "Math.max(...[1,2])" },
  { construct: "destructuring", code: "(function(){var {a}={a:1};return a})()" },
  { construct: "destructuring", code: "(function(){var [a]=[1];return a})()" },
  { construct: "tagged template", code: "(function(){function t(s){return s[0]}return t`x`})()" },
  { construct: "optional chaining", code: "(function(){var o={a:{b:1}};return o?.a?.b})()" },
  { construct: "labelled statement", code: "(function(){var n=0;a:for(var i=0;i<3;i++){for(var j=0;j<3;j++){n++;if(j==1)continue a}}return n})()" },
  { construct: "async function", code: "(function(){async function f(){return 1}return typeof f})()" },
  { construct: "generator", code: "(function(){function* g(){yield 1}return g().next().value})()" },
  { construct: "exponent operator", code: "2**3" },
  { construct: "instanceof TypeError", code: "(function(){try{null.x}catch(e){return e instanceof TypeError}})()" },
  { construct: "computed key", code: '(function(){var k="a";return {[k]:1}.a})()' },
  { construct: "class extends Error", code: '(function(){class E2 extends Error{constructor(){super("m")}}return new E2().message})()' },
  { construct: "Map", code: "new Map().size" },
  { construct: "Set", code: "new Set().size" },
  { construct: "Symbol", code: "typeof Symbol()" },
  { construct: "Object.freeze", code: "Object.freeze({a:1}).a" },
  { construct: "Array.from", code: "Array.from([1,2]).length" },
  { construct: "Number.isInteger", code: "Number.isInteger(3)" },
  { construct: "Number.isFinite", code: "Number.isFinite(3)" },
  { construct: "Math.trunc", code: "Math.trunc(2.5)" },
  { construct: "loop variable captured", code: "(function(){var fs=[];for(let i=0;i<3;i++)fs.push(()=>i);return fs.map(f=>f()).join()})()" },
  { construct: "switch case", code: "(function(){let x=1;switch(1){case 1:let x=2;}return x})()" },
];

/** Programs the firmware's build relies on: same value on Espruino as on a standard engine, and no gate violation. */
const ACCEPTED: string[] = [
  "(function(){class A{constructor(x){this.x=x}get d(){return this.x*2}static k(){return 5}m(){return this.x}}class B extends A{m(){return super.m()+1}}return new B(2).m()+new B(2).d+A.k()})()",
  "(function(){class C{f=4}return new C().f})()",
  "(function(){var o={v:3,f(){return [1].map(()=>this.v)[0]}};return o.f()})()",
  "(function(){let a=1;{let a=2}const b=3;return a+b})()",
  "(function(){var x=5;return `v=${x}!`})()",
  "(function(){var s=0;for(const v of [1,2,3])s+=v;for(var k in {a:1,b:2})s+=k.length;return s})()",
  "(function(){var a=1;var o={a,get g(){return 7}};return o.a+o.g})()",
  "(function(){var u;return (u??4)+(0??9)})()",
  "(function(){var r=0;try{throw 1}catch{r=1}finally{r+=1}return r})()",
  "(function(){try{null.x}catch(e){return typeof e}})()",
  "typeof Promise+typeof Promise.resolve(1).then",
  "Object.keys({a:1,b:2}).join()+Object.entries({c:3})[0].join()+Object.values({d:4})[0]+Object.assign({},{e:5}).e",
  "Array.isArray([])+','+[0,0].fill(7).join()+[1,2,3].find(x=>x>1)+[1,2,3].findIndex(x=>x>1)+[1,2].includes(2)",
  "'ab'.repeat(2)+' x '.trim()+'5'.padStart(3,'0')+'abc'.startsWith('a')+'abc'.includes('bc')",
  "JSON.stringify(JSON.parse('{\"a\":[1,2]}'))+/b+/.test('abb')+/(\\d+)/.exec('x42')[1]+'a-b'.replace(/-/,'+')+'a1b2c'.split(/\\d/).length",
  "new Uint8Array([1,2,300])[2]",
  // an ES5-compiled Error subclass: the gate refused it until this interpreter showed it works
  '(function(){function E2(m){return Error.call(this,m)||this}E2.prototype=Object.create(Error.prototype);return new E2("m").message})()',
  "(function(){function f(){return 1}return f()})()",
  "(function(){function g(){return f()}function f(){return 2}return g()})()",
];

let board: EspruinoProcess;
let n = 0;

/** The value of `code` on the interpreter, as text, or "threw: <error>". */
async function onEspruino(code: string): Promise<string> {
  const tag = `DG${++n}`;
  const answer = board.waitFor(new RegExp(`${tag}:([^\\r\\n]*)\\r?\\n`), 3000);
  board.write(`\x10try{print("${tag}:"+String(eval(${JSON.stringify(code)})))}catch(e){print("${tag}:threw: "+e)}\n`);
  const m = await answer;
  return m ? m[1] : "no answer";
}

function onNode(code: string): string {
  return String(runInNewContext(code));
}

describeOnInterpreter("dialect gate against the real Espruino interpreter", () => {
  beforeAll(() => {
    board = startEspruino({ interpreter: theInterpreter().path });
  });
  afterAll(async () => {
    await board?.stop();
  });

  it("the 3-line program that crashed the first bundle: the interpreter fails it, the gate refuses it with name and position", async () => {
    const program = "(function(){\n  f();\n  function f(){ print('ran') }\n})()";
    expect(await onEspruino(program)).toMatch(/threw: .*f/);
    expect(onNode("(function(){ var ran; f(); function f(){ ran = 1 } return ran })()")).toBe("1");
    const found = checkDialect(program);
    expect(found.map((v) => [v.construct.slice(0, 40), v.line, v.column])).toEqual([["function 'f' used before its declaration", 2, 2]]);
    expect(checkDialect("(function(){\n  function f(){ print('ran') }\n  f();\n})()")).toEqual([]);
  });

  for (const r of REFUSED) {
    it(`refused and failing on Espruino: ${r.construct}: ${r.code.slice(0, 60)}`, async () => {
      expect(checkDialect(r.code).map((v) => v.construct).join("; ")).toContain(r.construct);
      expect(await onEspruino(r.code)).not.toBe(onNode(r.code));
    });
  }

  for (const code of ACCEPTED) {
    it(`accepted and working on Espruino: ${code.slice(0, 70)}`, async () => {
      expect(checkDialect(code)).toEqual([]);
      expect(await onEspruino(code)).toBe(onNode(code));
    });
  }
});
