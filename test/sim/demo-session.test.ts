import { describe, expect, it } from "vitest";
import { runDemoSession, stamp } from "../../host/sim/demo-session";

describe("issue-2 demo session", () => {
  it("pairs two keys on the simulated ZKE car, printing firmware lines with virtual time and the car's verdict", () => {
    const out: string[] = [];
    const r = runDemoSession({ print: (l) => out.push(l) });
    expect(r.ok).toBe(true);
    expect(r.knownKeys).toEqual(["key1", "key2"]);
    expect(out.some((l) => /^\[\s+\d+\.\d{3} s\] @\d+ \d+ I session\.start recipe=bmw-zke keys=2/.test(l))).toBe(true);
    expect(out.some((l) => l.includes("car: locks locked"))).toBe(true);
    expect(out[out.length - 1]).toBe("Car verdict: the car now knows 2 key(s): key1, key2 (old-key was de-programmed)");
    expect(r.lines.filter((l) => l.includes("key.result") && l.includes("result=confirmed"))).toHaveLength(2);
  });

  it("can print the firmware lines alone", () => {
    const out: string[] = [];
    runDemoSession({ print: (l) => out.push(l), world: false });
    expect(out.some((l) => l.includes("car: "))).toBe(false);
  });

  it("stamps virtual time in seconds", () => {
    expect(stamp(12345)).toBe("[  12.345 s]");
  });
});
