import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // The real-interpreter suites spend their time waiting on real time, not on the CPU:
    // more test files and more of their concurrent tests at once keep `npm test` short on 2 cores.
    poolOptions: { forks: { maxForks: 3, minForks: 1 } },
    maxConcurrency: 10,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
