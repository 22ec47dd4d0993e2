import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, runCli } from "./run-cli";

describe("fobsync pair (built CLI, simulated bench)", () => {
  beforeAll(() => buildCli(), 60_000);

  it("pairs 2 keys on the simulated ZKE car and ends with one summary record, ok, exit 0", () => {
    const r = runCli(["pair", "--recipe", "bmw-zke", "--keys", "2", "--sim", "zke", "--yes", "--json"]);
    expect(r.code).toBe(0);
    const recs = r.records();
    for (const rec of recs) expect(typeof rec.type).toBe("string");
    const last = recs[recs.length - 1];
    expect(last).toMatchObject({ type: "summary", ok: true, recipe: "bmw-zke", keysAsked: 2, keysConfirmed: 2 });
    expect(last.keys.map((k: any) => [k.key, k.fob, k.result])).toEqual([[1, 1, "confirmed"], [2, 2, "confirmed"]]);
    expect(recs.filter((x) => x.type === "summary")).toHaveLength(1);
    expect(recs.find((x) => x.type === "car")?.knownKeys).toEqual(["key1", "key2"]);
    const prompt = recs.find((x) => x.type === "event" && x.event === "prompt")!;
    expect(prompt).toMatchObject({ level: "I", fields: { id: "ign-on", key: 1 } });
    expect(typeof prompt.seq).toBe("number");
    expect(typeof prompt.ms).toBe("number");
  });

  it("shows prompts, windows and a summary table to a person", () => {
    const r = runCli(["pair", "--recipe", "bmw-zke", "--keys", "2", "--sim", "zke", "--yes"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SAFETY: .*Every key NOT done in this session stops working/);
    expect(r.stdout).toMatch(/Running on: simulated ZKE car/);
    expect(r.stdout).toMatch(/>>> Insert key 1, turn it to position 1 \(KL R\) <<<   \(you have 120 s\)/);
    expect(r.stdout).toMatch(/window 'taps' open: 10\.0 s/);
    expect(r.stdout).toMatch(/KEY\s+FOB\s+RESULT\s+REASON\n1\s+1\s+confirmed/);
    expect(r.stdout).toMatch(/All 2 keys confirmed/);
  });

  it("re-synchronises 2 keys on the simulated early MINI", () => {
    const r = runCli(["pair", "--recipe", "mini-r50-early", "--keys", "2", "--sim", "mini-early", "--yes", "--json"]);
    expect(r.code).toBe(0);
    expect(r.records().pop()).toMatchObject({ type: "summary", ok: true, recipe: "mini-r50-early", keysConfirmed: 2 });
  });

  it("refuses without --yes when there is no terminal to ask on (exit 2), sending nothing", () => {
    const r = runCli(["pair", "--recipe", "bmw-zke", "--keys", "2", "--sim", "zke"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no terminal to ask on/);
    expect(r.stdout).not.toMatch(/Sending:/);
  });

  it("refuses when the keys owned differ from --keys (exit 2), sending nothing", () => {
    const r = runCli(["pair", "--recipe", "bmw-zke", "--keys", "2", "--confirm-keys", "3", "--sim", "zke", "--json"]);
    expect(r.code).toBe(2);
    const recs = r.records();
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ type: "error", code: "confirm-mismatch", exit: 2 });
  });

  it("never falls back to the simulator: no target is a usage error, a missing port is exit 3", () => {
    const none = runCli(["pair", "--recipe", "bmw-zke", "--keys", "2", "--yes"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--port <path> for a real board, or --sim/);
    const missing = runCli(["pair", "--recipe", "bmw-zke", "--keys", "2", "--yes", "--port", "/dev/fobsync-no-such-port", "--json"]);
    expect(missing.code).toBe(3);
    expect(missing.records().pop()).toMatchObject({ type: "error", code: "port-not-found", exit: 3 });
    expect(missing.stdout).not.toMatch(/simulated/);
  });

  it("checks the recipe, key count and parameters before anything runs", () => {
    expect(runCli(["pair", "--recipe", "bmw-zke", "--keys", "5", "--sim", "zke", "--yes"]).stderr).toMatch(/--keys must be between 1 and 4, got 5/);
    expect(runCli(["pair", "--recipe", "honda-4s", "--keys", "4", "--sim", "honda", "--yes"]).stderr).toMatch(/honda-4s takes 1 to 3 keys/);
    expect(runCli(["pair", "--recipe", "fob-test", "--keys", "1", "--sim", "zke", "--yes"]).stderr).toMatch(/unknown recipe 'fob-test'/);
    const bad = runCli(["pair", "--recipe", "bmw-zke", "--keys", "2", "--sim", "zke", "--yes", "--param", "tapMs=5"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--param tapMs must be 50\.\.2000, got 5/);
    const named = runCli(["pair", "--recipe", "bmw-zke", "--keys", "2", "--sim", "zke", "--yes", "--param", "tapMs=300", "--json"]);
    expect(named.code).toBe(0);
    expect(named.records().find((x) => x.type === "session")?.command).toBe("pair bmw-zke keys=2 confirm=2 tapMs=300");
  });
});
