import { describe, expect, it } from "vitest";
import { estimateJsVars } from "../../host/sim/runtime/espruino-memory";

describe("JsVar estimate (a model of Espruino's memory, not a measurement)", () => {
  const fn = `function f(){return "${"x".repeat(100)}"}`;

  it("counts a function's text in RAM only when the code was sent into RAM", () => {
    const inRam = estimateJsVars(fn, { codeInFlash: false });
    const inFlash = estimateJsVars(fn, { codeInFlash: true });
    expect(inRam.text).toBe(Math.ceil(fn.length / 12));
    expect(inFlash.text).toBe(0);
    expect(inFlash.functions).toBe(3);
    expect(inRam.total - inFlash.total).toBe(inRam.text);
  });

  it("counts string literals built at load time wherever the code lives, but not those inside functions", () => {
    const table = `var t=["${"a".repeat(24)}","${"b".repeat(13)}"];` + fn;
    const est = estimateJsVars(table, { codeInFlash: true });
    expect(est.literals).toBe(2 + 2);
    expect(est.properties).toBe(2);
  });

  it("defaults to the flash path, which is how fobsync flash installs the bundle", () => {
    expect(estimateJsVars(fn)).toEqual(estimateJsVars(fn, { codeInFlash: true }));
  });
});
