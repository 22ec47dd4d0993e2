/**
 * The virtual Espruino's line editor and ANSI escapes: EspruinoTools prefixes
 * every upload line after the first with a line-number hint `ESC[<n>d`, and
 * terminals send cursor keys as `ESC[A`/`ESC O A`. Espruino's editor consumes
 * them; before, the virtual one took the `[` as an open bracket and every
 * later line as a continuation, so nothing after the first line ran.
 */
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { VirtualPins } from "../../hal/sim/virtual-pins";
import { EspruinoRuntime } from "../../host/sim/runtime/espruino-runtime";

function board() {
  const clock = new VirtualClock();
  const rt = new EspruinoRuntime({ clock, pins: new VirtualPins(clock) });
  rt.powerOn();
  return rt;
}

describe("virtual Espruino line editor: escape sequences", () => {
  it("runs lines carrying EspruinoTools' line-number hints, as EspruinoTools sends them", () => {
    const rt = board();
    const out = rt.feedBytes('\x10require("Storage").write("f","ab",0,4)\n\x10\x1b[2drequire("Storage").write("f","cd",2)\n\x10\x1b[13dprint("n="+require("Storage").read("f"))\n');
    expect(rt.storage.read("f")).toBe("abcd");
    expect(out).toContain("n=abcd");
  });

  it("consumes cursor keys without inserting anything into the input", () => {
    const rt = board();
    expect(rt.feedBytes('print("x"+\x1b[A\x1bOB"y")\n')).toContain("xy");
  });
});
