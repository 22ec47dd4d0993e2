import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, runCli } from "./run-cli";

const COMMANDS = ["demo", "recipes", "which", "pair", "test-fob", "ports", "doctor"];

describe("fobsync command line", () => {
  beforeAll(() => buildCli(), 60_000);

  it("prints the command list and the exit codes with --help", () => {
    const r = runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(c);
    expect(r.stdout).toContain("Exit codes:");
    expect(r.stdout).toMatch(/7\s+aborted by the user/);
  });

  it.each(COMMANDS)("shows help for %s, with the global --json option and exit codes", (name) => {
    const r = runCli([name, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: fobsync ${name}`);
    expect(r.stdout).toContain("--json");
    expect(r.stdout).toContain("Exit codes:");
  });

  it("rejects an unknown command with exit 2 and one line", () => {
    const r = runCli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual(["fobsync: unknown command 'frobnicate' (see: fobsync --help)"]);
  });

  it("rejects an unknown option with exit 2 and one line", () => {
    const r = runCli(["recipes", "--colour"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual(["fobsync: unknown option '--colour' (see: fobsync --help)"]);
  });

  it("reports usage errors as one JSON record with --json", () => {
    const r = runCli(["--json", "which", "--year", "2004", "--month", "13", "--buttons", "2"]);
    expect(r.code).toBe(2);
    expect(r.records()).toEqual([{ type: "error", code: "usage", message: "--month must be between 1 and 12, got 13", exit: 2 }]);
  });

  it("asks for a command when none is given (exit 2)", () => {
    const r = runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("fobsync: no command given");
  });
});
