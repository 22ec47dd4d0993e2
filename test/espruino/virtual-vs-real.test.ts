import { afterAll, beforeAll, expect, it } from "vitest";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { VirtualPins } from "../../hal/sim/virtual-pins";
import { startEspruino, type EspruinoProcess } from "../../host/espruino/espruino-process";
import { EspruinoRuntime } from "../../host/sim/runtime/espruino-runtime";
import { describeOnInterpreter, theInterpreter } from "../interpreter-gate";

/**
 * Where fobsync's JavaScript model of Espruino (host/sim/runtime, kept for
 * virtual time, decoder-less builds and UART faults) differs from the real
 * interpreter. If the model is changed to match, the test says so and the
 * list in docs/espruino.md section 7 must change with it.
 */
let real: EspruinoProcess;
let n = 0;

/** What the real interpreter prints for one REPL line (between markers printed before and after it). */
async function onReal(line: string): Promise<string> {
  const tag = `VR${++n}`;
  const done = real.waitFor(new RegExp(`${tag}START\\r?\\n([\\s\\S]*)${tag}END`), 3000);
  // One line at a time, as a host sends commands: Espruino shows its prompt only when no input is waiting.
  for (const l of [`\x10print("${tag}"+"START")\n`, line, `\x10print("${tag}"+"END")\n`]) {
    real.write(l);
    await new Promise((r) => setTimeout(r, 100));
  }
  const m = await done;
  return m ? m[1] : "no answer";
}

function onVirtual(line: string): string {
  const clock = new VirtualClock();
  const rt = new EspruinoRuntime({ clock, pins: new VirtualPins(clock) });
  rt.powerOn();
  return rt.feedBytes(line);
}

describeOnInterpreter("fobsync's virtual Espruino against the real interpreter", () => {
  beforeAll(() => {
    real = startEspruino({ interpreter: theInterpreter().path });
  });
  afterAll(async () => {
    await real?.stop();
  });

  it("hoisting: the model runs a call before the function's declaration, Espruino does not", async () => {
    const line = '\x10(function(){f();function f(){print("R"+"AN")}})()\n';
    expect(onVirtual(line)).toContain("RAN");
    const out = await onReal(line);
    expect(out).not.toContain("RAN");
    expect(out).toMatch(/Uncaught ReferenceError: "f" is not defined/);
  });

  it("the answer to a silent command line: Espruino prints it after its '>' prompt, the model without one", async () => {
    const line = '\x10print("@1 5 I ok cmd=status")\n';
    expect(onVirtual(line)).toMatch(/^@1 5 I ok/m);
    expect(await onReal(line)).toMatch(/^>@1 5 I ok/m);
  });

  it("String indexOf: Espruino 2v29 finds a needle whose start matches the end of the string (' a b '.indexOf(' c ') is 4), the model does not", async () => {
    // src/jswrap_string.c: the iterator loop compares past the last possible start with "equal at end of string";
    // the firmware therefore never looks a multi-character needle up in a string (firmware/inputs.ts isWired)
    const line = '\x10print([" a b ".indexOf(" c "), "abcd".indexOf("cdx"), "abcd".indexOf("cd"), "ab".indexOf("zz")].join())\n';
    expect(await onReal(line)).toContain("4,2,2,-1");
    expect(onVirtual(line)).toContain("-1,-1,2,-1");
  });

  it("memory: Espruino reports JsVars, the model has no process.memory()", async () => {
    expect(Number(await onReal('\x10print(process.memory().usage)\n').then((s) => s.replace(/\D+/g, "")))).toBeGreaterThan(0);
    expect(onVirtual('\x10print(typeof process.memory)\n')).toContain("undefined");
  });
});
