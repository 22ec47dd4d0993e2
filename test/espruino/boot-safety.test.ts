import { beforeAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { VirtualPins } from "../../hal/sim/virtual-pins";
import { buildEspruinoBundle } from "../../host/bundler/espruino-build";
import { EspruinoRuntime } from "../../host/sim/runtime/espruino-runtime";

let bundle = "";

beforeAll(() => {
  bundle = buildEspruinoBundle().shipped;
});

/** A virtual board with the bundle in `.bootcde`, powered on; every console line is kept. */
function boardWithBundle() {
  const clock = new VirtualClock();
  const pins = new VirtualPins(clock);
  const lines: string[] = [];
  const rt = new EspruinoRuntime({ clock, pins, onLine: (l) => lines.push(l) });
  rt.storage.write(".bootcde", bundle);
  rt.powerOn();
  return { clock, pins, lines, rt };
}


/**
 * What only fobsync's virtual Espruino can show: the calls the bundle makes
 * to the watchdog and to the radio consoles (the Linux interpreter has no
 * watchdog and no Wi-Fi). Boot order, faults, the backstop and the REPL run
 * on the real interpreter (interpreter-board.test.ts).
 */
describe("Espruino bundle: boot on the virtual Espruino", () => {
  it("installs the watchdog, the init release and the uncaught-error handler, and closes telnet and Wi-Fi", () => {
    const { rt } = boardWithBundle();
    expect(rt.watchdog).toMatchObject({ timeoutSeconds: 5, auto: true });
    expect(rt.radioCalls).toEqual(['TelnetServer.setOptions {"mode":"off"}', "Wifi.stopAP", "Wifi.disconnect"]);
  });
});
