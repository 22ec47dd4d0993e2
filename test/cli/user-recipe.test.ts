/**
 * A user's recipe file end to end, each step a process of the BUILT CLI as a
 * user types it: `recipes validate`, `fobsync sim --car ford` (on the real
 * Espruino interpreter when this run has one, else on fobsync's model), `flash` (the built-in recipes go with it), `recipes
 * install` (Storage, CRC-checked, listed by the firmware), `recipes --port`,
 * and `pair --recipe <file>` to every key confirmed. The same install on the
 * NodeMCU board (lua5.1), which lists it after.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { RECIPES } from "../../firmware/recipes/table";
import { buildCli, ROOT, runCliAsync } from "./run-cli";
import { interpreter } from "../interpreter-gate";

const CLI = join(ROOT, "bin", "fobsync.js");
const dir = mkdtempSync(join(tmpdir(), "fobsync-user-recipe-"));

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const r = await runCliAsync(args);
  return { code: r.code, out: r.stdout + r.stderr };
}

/** `fobsync sim <args>` in the background: its port, and a stop that waits for it to end. */
async function startSim(args: string[]): Promise<{ port: string; stop: () => Promise<void> }> {
  const sim: ChildProcess = spawn(process.execPath, [CLI, "sim", ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
  let out = "";
  sim.stdout!.on("data", (d) => (out += d));
  sim.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<void>((resolve) => sim.on("exit", () => resolve()));
  const start = Date.now();
  while (!/\n/.test(out) && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 50));
  const port = out.split("\n")[0].trim();
  if (!/^\/dev\/pts\/\d+$/.test(port)) throw new Error(`fobsync sim printed no port: ${out}`);
  await new Promise((r) => setTimeout(r, 300));
  return {
    port,
    stop: async () => {
      sim.kill("SIGINT");
      await exited;
    },
  };
}

/** The user's file: the Ford recipe renamed, with its press window shortened to 8 s (a default a user chose). */
function userFile(): string {
  const d = JSON.parse(JSON.stringify(RECIPES.find((r) => r.name === "ford-8x")));
  d.name = "my-ford";
  d.title = "My 2006 Focus";
  d.params.find((p: { name: string }) => p.name === "pressWindowMs").defaultValue = 8000;
  const file = join(dir, "my-ford.json");
  writeFileSync(file, JSON.stringify(d, null, 2));
  return file;
}

beforeAll(() => buildCli(), 60_000);

describe("a user's recipe file: validate, install, pair", () => {
  it(`on ${interpreter ? "the real Espruino interpreter" : "fobsync's model of Espruino (no interpreter in this run)"}: validate, flash, install, list, pair --recipe file: both keys confirmed`, { timeout: 180_000 }, async () => {
    const file = userFile();
    const valid = await run(["recipes", "validate", file]);
    expect(valid.out).toMatch(/recipe my-ford is valid/);
    expect(valid.code).toBe(0);
    const sim = await startSim(["--car", "ford"]);
    try {
      const flash = await run(["flash", "--port", sim.port]);
      expect(flash.code, flash.out).toBe(0);
      const install = await run(["recipes", "install", file, "--port", sim.port]);
      expect(install.out).toMatch(/installed and checked: my-ford \(\d+ bytes\); the board now has 9 recipes/);
      expect(install.code).toBe(0);
      const listed = await run(["recipes", "--port", sim.port, "--json"]);
      expect(listed.code).toBe(0);
      expect(listed.out).toMatch(/"type":"installed","name":"my-ford","keys":"1-4","src":"manual"/);
      const pair = await run(["pair", "--recipe", file, "--keys", "2", "--yes", "--port", sim.port]);
      expect(pair.out).toMatch(/Sending: +pair my-ford keys=2 confirm=2/);
      expect(pair.out).toMatch(/window 'press' open: 8\.0 s/);
      expect(pair.out).toMatch(/All 2 keys confirmed \(my-ford\)\./);
      expect(pair.code).toBe(0);

      // the file edited after it was installed: the board would run the old version, so pair refuses
      const edited = JSON.parse(readFileSync(file, "utf8"));
      edited.params.find((p: { name: string }) => p.name === "pressWindowMs").defaultValue = 9000;
      writeFileSync(file, JSON.stringify(edited, null, 2));
      const stale = await run(["pair", "--recipe", file, "--keys", "2", "--yes", "--port", sim.port]);
      expect(stale.code).toBe(6);
      expect(stale.out).toMatch(/the board's my-ford differs from \S+my-ford\.json \(the file changed since it was installed, or another file of that name was\): board [0-9a-f]{8}, expected [0-9a-f]{8}; nothing was sent/);
      expect(stale.out).toMatch(/install the one you mean: fobsync recipes install \S+my-ford\.json --port \/dev\/pts\/\d+/);
      expect(stale.out).not.toMatch(/Sending:/);

      // an installed custom recipe runs by the name it was installed under: the board's version
      const byName = await run(["pair", "--recipe", "my-ford", "--keys", "2", "--yes", "--port", sim.port]);
      expect(byName.out).toMatch(/window 'press' open: 8\.0 s/);
      expect(byName.out).toMatch(/All 2 keys confirmed \(my-ford\)\./);
      expect(byName.code).toBe(0);
      const unknown = await run(["pair", "--recipe", "no-such", "--keys", "2", "--yes", "--port", sim.port]);
      expect(unknown.code).toBe(2);
      expect(unknown.out).toMatch(/unknown recipe 'no-such': not built in, not a file, and the board on \S+ has none of that name \(it has [^)]*\bbmw-zke\b[^)]*\bmy-ford\b[^)]*\)/);
    } finally {
      await sim.stop();
    }
  });

  it("a built-in's name with other content: install refuses without --replace-builtin; replaced, the board lists it MODIFIED and pair --recipe bmw-zke refuses it until the built-in is back", { timeout: 120_000 }, async () => {
    const mine = join(dir, "zke-long-taps.json");
    expect((await run(["recipes", "export", "bmw-zke", "--out", mine])).code).toBe(0);
    const d = JSON.parse(readFileSync(mine, "utf8"));
    d.params.find((p: { name: string }) => p.name === "tapMs").defaultValue = 450;
    writeFileSync(mine, JSON.stringify(d, null, 2));
    const sim = await startSim([]);
    try {
      expect((await run(["flash", "--port", sim.port])).code).toBe(0);
      const refused = await run(["recipes", "install", mine, "--port", sim.port]);
      expect(refused.code).toBe(2);
      expect(refused.out).toMatch(/is named bmw-zke, like fobsync's built-in, with other content: pair --recipe bmw-zke would then run yours\. Nothing was written/);
      expect((await run(["recipes", "install", mine, "--port", sim.port, "--replace-builtin"])).code).toBe(0);
      const listed = await run(["recipes", "--port", sim.port]);
      expect(listed.out).toMatch(/bmw-zke +keys 1-4 +manual +[0-9a-f]{8}  MODIFIED: not fobsync's built-in of this name/);
      const pair = await run(["pair", "--recipe", "bmw-zke", "--keys", "2", "--yes", "--port", sim.port]);
      expect(pair.code).toBe(6);
      expect(pair.out).toMatch(/the board's bmw-zke is not fobsync's built-in bmw-zke \(modified, or from another fobsync version\)/);
      expect(pair.out).toMatch(/install the one you mean: fobsync recipes install bmw-zke --port/);
      expect((await run(["recipes", "install", "bmw-zke", "--port", sim.port])).code).toBe(0);
      expect((await run(["recipes", "--port", sim.port])).out).not.toMatch(/MODIFIED/);
    } finally {
      await sim.stop();
    }
  });

  it("on the NodeMCU board: install writes fr.my-ford (Adler-32 checked) and the firmware lists it; a board without firmware is refused", { timeout: 120_000 }, async () => {
    const file = userFile();
    const sim = await startSim(["--target", "nodemcu"]);
    try {
      const bare = await run(["recipes", "install", file, "--port", sim.port, "--target", "nodemcu"]);
      expect(bare.code).toBe(5);
      expect(bare.out).toMatch(/no answer to 'version'/);
      expect((await run(["flash", "--target", "nodemcu", "--port", sim.port])).code).toBe(0);
      const install = await run(["recipes", "install", file, "--port", sim.port, "--target", "nodemcu"]);
      expect(install.out).toMatch(/installed and checked: my-ford/);
      expect(install.code).toBe(0);
      const listed = await run(["recipes", "--port", sim.port, "--target", "nodemcu"]);
      expect(listed.out).toMatch(/my-ford +keys 1-4 +manual/);
      expect(listed.out).toMatch(/9 recipes on the board/);
    } finally {
      await sim.stop();
    }
  });
});
