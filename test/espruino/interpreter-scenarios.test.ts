import { expect, it } from "vitest";
import { describeOnInterpreter } from "../interpreter-gate";
import type { BoardDescription } from "../../hal/board";
import { buildEspruinoBundle } from "../../host/bundler/espruino-build";
import { SCENARIOS, switchViolations, unmetExpectations } from "../scenarios/scenarios";
import { runOnInterpreter } from "../scenarios/run-on-interpreter";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../host/bundler/build-info";

/**
 * Every scenario of the shared table on the REAL Espruino interpreter, with
 * the shipped bytes: `dist/espruino/fobsync.js` (what `fobsync flash` sends)
 * for the default board, a bundle built the same way for the other boards.
 * Real time is real here: the scenarios run concurrently, each board in its
 * own interpreter and directory.
 */
const shipped = readFileSync(join(REPO_ROOT, "dist", "espruino", "fobsync.js"), "latin1");
const built: { [id: string]: string } = {};
const bundleFor = (board: BoardDescription | undefined) => (board ? (built[board.id] ??= buildEspruinoBundle({ board }).shipped) : shipped);

/** How far a press length or edge time may be from the plan on the interpreter's timers (bench measures it). */
const JITTER_MS = 5;

describeOnInterpreter.concurrent("scenarios on the real Espruino interpreter (shipped bytes)", () => {
  for (const s of SCENARIOS) {
    it(`${s.name}: ${s.about}`, { timeout: 120_000 }, async () => {
      const r = await runOnInterpreter(s, bundleFor);
      const report = [...r.lines, "-- car --", ...r.car.log, "-- user --", ...r.userActions].join("\n");
      expect([...unmetExpectations(s, r, JITTER_MS), ...switchViolations(r)], report).toEqual([]);
      expect(r.lines.filter((l) => /Uncaught|uncaught|Invalid pin|ERROR/.test(l)), report).toEqual([]);
    });
  }
});
