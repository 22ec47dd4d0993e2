import { describe, expect, it } from "vitest";
import { inProcessBackend } from "../../host/sim/in-process-backend";
import { SCENARIOS, runScenario, switchViolations, unmetExpectations } from "./scenarios";

describe("scenarios on the in-process core", () => {
  for (const s of SCENARIOS) {
    it(`${s.name}: ${s.about}`, () => {
      const r = runScenario(s, inProcessBackend);
      const problems = [...unmetExpectations(s, r), ...switchViolations(r)];
      expect(problems, [...r.eventLines, "-- car --", ...r.car.log, "-- user --", ...r.userActions].join("\n")).toEqual([]);
    });
  }
});
