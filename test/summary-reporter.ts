import type { Reporter } from "vitest/reporters";
import type { RunnerTask, RunnerTestFile } from "vitest";

/** Prints the plain closing line CI reads, after vitest's own summary: "tests: N passed, N failed". */
export default class SummaryReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = [], errors: unknown[] = []): void {
    const count = { passed: 0, failed: errors.length, skipped: 0 };
    const visit = (task: RunnerTask): void => {
      if (task.type === "suite") {
        if (task.tasks.length === 0 && task.result?.state === "fail") count.failed++;
        task.tasks.forEach(visit);
        return;
      }
      const state = task.result?.state;
      if (state === "pass") count.passed++;
      else if (state === "fail") count.failed++;
      else count.skipped++;
    };
    files.forEach(visit);
    const skipped = count.skipped ? `, ${count.skipped} skipped` : "";
    setImmediate(() => process.stdout.write(`tests: ${count.passed} passed, ${count.failed} failed${skipped}\n`));
  }
}
