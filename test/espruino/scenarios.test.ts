import { describe, expect, it } from "vitest";
import { inProcessBackend } from "../../host/sim/in-process-backend";
import { espruinoBuildingBackend } from "../../host/sim/runtime/espruino-backend";
import { SCENARIOS, runScenario, switchViolations, unmetExpectations } from "../scenarios/scenarios";

/**
 * Differential: every scenario of the shared table runs on the in-process
 * core and on the BUILT Espruino bundle in the virtual Espruino runtime;
 * the event lines must be identical (boot build/target fields aside) and
 * the scenario's expectations must hold on the bundle too.
 */
describe("scenarios on the built Espruino bundle", () => {
  const espruino = espruinoBuildingBackend();
  for (const s of SCENARIOS) {
    it(`${s.name}: same event lines as the core`, () => {
      const core = runScenario(s, inProcessBackend);
      const bundle = runScenario(s, espruino);
      expect(bundle.eventLines).toEqual(core.eventLines);
      expect([...unmetExpectations(s, bundle), ...switchViolations(bundle)]).toEqual([]);
      expect(bundle.lines.some((l) => l.startsWith("Uncaught"))).toBe(false);
    });
  }
});
