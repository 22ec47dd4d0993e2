/**
 * The BUILT CLI against the virtual NodeMCU, as a user runs it:
 *   fobsync sim --target nodemcu          (first line: the port)
 *   fobsync flash --target nodemcu --port P
 *   fobsync pair --recipe bmw-zke --keys 2 --yes --port P
 * Needs socat and lua5.1. Virtual time x20.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, ROOT, runCli } from "../cli/run-cli";
import { recipeFiles } from "../../firmware/recipes/table";

let sim: ChildProcess | null = null;
let port = "";
let simOutput = "";

beforeAll(async () => {
  buildCli();
  sim = spawn(process.execPath, [join(ROOT, "bin", "fobsync.js"), "sim", "--target", "nodemcu", "--speed", "2"], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  sim.stderr!.on("data", (d) => (simOutput += d));
  const lines = createInterface({ input: sim.stdout! });
  port = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    sim!.once("exit", (code) => reject(new Error(`sim exited ${code}: ${simOutput}`)));
  });
}, 60_000);

afterAll(() => {
  sim?.kill("SIGINT");
});

describe("fobsync sim/flash/pair --target nodemcu (built CLI)", () => {
  it("sim prints the port path on its first line", () => {
    expect(port).toMatch(/^\/dev\/pts\/\d+$/);
  });

  it("flash uploads, verifies and sees the new build boot (--json records)", () => {
    const r = runCli(["flash", "--target", "nodemcu", "--port", port, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const records = r.records();
    expect(records.filter((x) => x.type === "progress").map((x) => x.phase)).toEqual(expect.arrayContaining(["connect", "upload", "verify", "compile", "reboot"]));
    const flash = records.find((x) => x.type === "flash");
    expect(flash).toMatchObject({ ok: true, target: "nodemcu", port, chip: "esp32", mode: "compile" });
    expect(flash!.build).toMatch(/^[0-9a-f]{8}$/);
    expect(flash!.files.map((f: { name: string }) => f.name)).toEqual(["fobsync.lua", "init.lua", ...Object.keys(recipeFiles())]);
  }, 60_000);

  it("then pair --recipe bmw-zke --keys 2 --yes confirms both keys on the NodeMCU board, every firmware line read as an event", () => {
    const r = runCli(["pair", "--recipe", "bmw-zke", "--keys", "2", "--yes", "--port", port]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/I version fw=\S+ build=[0-9a-f]{8} target=nodemcu/);
    expect(r.stdout).toMatch(/key 1: CONFIRMED/);
    expect(r.stdout).toMatch(/key 2: CONFIRMED/);
    expect(r.stdout).toMatch(/All 2 keys confirmed \(bmw-zke\)\./);
    // A line printed after NodeMCU's "> " prompt is still an event, never a raw "> @..." line.
    expect(r.stdout).not.toMatch(/> @\d+/);
  }, 60_000);
});
