import type { Reporter } from "vitest/reporters";
import type { RunnerTask, RunnerTestFile } from "vitest";
import { interpreterForRun, interpreterHeadline } from "./interpreter-for-run";
import { luaWordBits } from "../host/sim/runtime/lua-word-size";

/**
 * The lines around vitest's own output that say what this run proved:
 * - first: which real Espruino interpreter the run uses, or none;
 * - after vitest's summary: the plain closing line CI reads, "tests: N passed, N failed";
 * - then the 32-bit Lua's: "32-bit Lua (lua5.1): N tests", or "32-bit Lua: none
 *   (lua5.1 is 64-bit), N tests not run (npm run setup installs lua5.1:i386)";
 * - last: "real Espruino interpreter: 2v29 at PATH, N tests", or
 *   "real Espruino interpreter: none, N tests not run (set ESPRUINO_BIN)".
 * Interpreter tests are those under test/interpreter-gate.ts (meta.realInterpreter),
 * 32-bit Lua tests those under test/lua-word-gate.ts (meta.lua32).
 */
export default class SummaryReporter implements Reporter {
  async onInit(): Promise<void> {
    const found = await interpreterForRun();
    const tail = found.kind === "ok" ? "; the tests that need it run" : "; the tests that need it will not run (set ESPRUINO_BIN)";
    process.stdout.write(`${interpreterHeadline(found)}${tail}\n`);
  }

  async onFinished(files: RunnerTestFile[] = [], errors: unknown[] = []): Promise<void> {
    const count = { passed: 0, failed: errors.length, skipped: 0 };
    const interpreter = { ran: 0, notRun: 0 };
    const lua32 = { ran: 0, notRun: 0 };
    const visit = (task: RunnerTask, needsInterpreter: boolean): void => {
      const needs = needsInterpreter || task.meta?.realInterpreter === true;
      if (task.type === "suite") {
        if (task.tasks.length === 0 && task.result?.state === "fail") count.failed++;
        task.tasks.forEach((t) => visit(t, needs));
        return;
      }
      const state = task.result?.state;
      if (state === "pass") count.passed++;
      else if (state === "fail") count.failed++;
      else count.skipped++;
      if (needs) {
        if (state === "pass" || state === "fail") interpreter.ran++;
        else interpreter.notRun++;
      }
      if (task.meta?.lua32 === true) {
        if (state === "pass" || state === "fail") lua32.ran++;
        else lua32.notRun++;
      }
    };
    files.forEach((f) => visit(f, false));
    const found = await interpreterForRun();
    const skipped = count.skipped ? `, ${count.skipped} skipped` : "";
    const interpreterLine =
      found.kind === "ok"
        ? `${interpreterHeadline(found)}, ${interpreter.ran} tests${interpreter.notRun ? ` (${interpreter.notRun} not run)` : ""}`
        : `${interpreterHeadline(found)}, ${interpreter.notRun} tests not run (set ESPRUINO_BIN)`;
    const bits = luaWordBits("lua5.1");
    const luaLine =
      bits === 32
        ? `32-bit Lua (lua5.1): ${lua32.ran} tests`
        : `32-bit Lua: none (lua5.1 is ${bits === null ? "missing" : "64-bit"}), ${lua32.notRun} tests not run (npm run setup installs lua5.1:i386)`;
    setImmediate(() => process.stdout.write(`tests: ${count.passed} passed, ${count.failed} failed${skipped}\n${luaLine}\n${interpreterLine}\n`));
  }
}
