import { describe, expect, it } from "vitest";
import { inProcessBackend } from "../../host/sim/in-process-backend";
import { nodeMcuBackend } from "../../host/sim/runtime/nodemcu-backend";
import { SCENARIOS, runScenario, switchViolations, unmetExpectations, type ScenarioResult } from "../scenarios/scenarios";

/**
 * The differential test: every scenario of the shared table runs on the
 * in-process TypeScript core and on the BUILT Lua in a real Lua VM (lua5.1,
 * NodeMCU's language; lua5.3 for a sample). Any difference in the event lines
 * fails: number formatting, integer vs float, `%` on negatives, string indexing.
 */

/** First differing line, as a readable report ("" when equal). */
function firstDifference(core: ScenarioResult, lua: ScenarioResult): string {
  const n = Math.max(core.eventLines.length, lua.eventLines.length);
  for (let i = 0; i < n; i++) {
    if (core.eventLines[i] !== lua.eventLines[i]) {
      return `line ${i + 1}:\n  core: ${core.eventLines[i] ?? "(none)"}\n  lua:  ${lua.eventLines[i] ?? "(none)"}\n-- lua console --\n${lua.lines.join("\n")}`;
    }
  }
  return "";
}

const LUA51 = nodeMcuBackend({ vm: "lua5.1" });
const LUA53 = nodeMcuBackend({ vm: "lua5.3" });
const SAMPLE_ON_53 = ["zke-pair-2", "zke-pair-4-wired", "seed-early-mini-method-b", "bench-press-weak-battery", "zke-door-opened-mid-session"];

describe("the Lua build prints the same event lines as the core (lua5.1)", () => {
  for (const s of SCENARIOS) {
    it(s.name, () => {
      const core = runScenario(s, inProcessBackend);
      const lua = runScenario(s, LUA51);
      expect(firstDifference(core, lua)).toBe("");
      expect(lua.lines.filter((l) => !l.startsWith("@"))).toEqual([]);
      expect(unmetExpectations(s, lua), "the car and user saw the same outcome").toEqual(unmetExpectations(s, core));
      expect(switchViolations(lua)).toEqual([]);
    });
  }
});

describe("the Lua build prints the same event lines as the core (lua5.3)", () => {
  for (const name of SAMPLE_ON_53) {
    it(name, () => {
      const s = SCENARIOS.find((x) => x.name === name);
      expect(s, `scenario ${name} is in the table`).toBeDefined();
      const core = runScenario(s!, inProcessBackend);
      const lua = runScenario(s!, LUA53);
      expect(firstDifference(core, lua)).toBe("");
      expect(lua.lines.filter((l) => !l.startsWith("@"))).toEqual([]);
    });
  }
});
