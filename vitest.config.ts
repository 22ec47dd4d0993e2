import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // Which real Espruino interpreter this run uses, if any (test/interpreter-gate.ts).
    globalSetup: ["./test/global-setup.ts"],
    // The real-interpreter suites spend their time waiting on real time, not on the CPU:
    // more test files and more of their concurrent tests at once keep `npm test` short on 2 cores.
    poolOptions: { forks: { maxForks: 3, minForks: 1 } },
    maxConcurrency: 10,
    // the summary reporter first: its first line says which interpreter the run uses
    reporters: ["./test/summary-reporter.ts", "default"],
  },
});
