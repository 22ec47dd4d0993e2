/**
 * Where fobsync looks for the real Espruino interpreter, and what it says:
 * ESPRUINO_BIN, then ${XDG_CACHE_HOME:-~/.cache}/fobsync/espruino/espruino,
 * then none (fobsync's model stands in); the version read and judged; `fobsync
 * doctor` and `npm run setup`'s line. The executables here are stand-ins that
 * only answer the version question the way the interpreter's REPL does (a
 * prompt, then `FSVER=<version>`): they test fobsync's lookup, not Espruino.
 * The real interpreter itself, when this run has one, is checked last.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { checkInterpreter } from "../../host/espruino/check-interpreter";
import { interpreterCachePath, locateInterpreter } from "../../host/espruino/interpreter";
import { compareVersions, parseVersion } from "../../host/espruino/versions";
import { buildCli, ROOT, runCli } from "./run-cli";
import { interpreter, itOnInterpreter, noInterpreterEnv } from "../interpreter-gate";

const home = mkdtempSync(join(tmpdir(), "fobsync-lookup-"));

/** A stand-in executable at `path` that shows a prompt and answers the version question with `version` (null: never answers). */
function standIn(path: string, version: string | null): string {
  mkdirSync(join(path, ".."), { recursive: true });
  const answer = version === null ? ":" : `printf 'FSVER=${version}\\r\\n>'`;
  writeFileSync(path, `#!/bin/sh\nprintf '\\r\\n>'\nwhile read -r line; do case "$line" in *FSVER*) ${answer} ;; esac; done\n`);
  chmodSync(path, 0o755);
  return path;
}

/** An environment with only a cache folder (no ESPRUINO_BIN, no requirement). */
function cacheEnv(cache: string): NodeJS.ProcessEnv {
  return { ...noInterpreterEnv(cache), HOME: home };
}

describe("finding the real Espruino interpreter", () => {
  it("looks in ${XDG_CACHE_HOME:-~/.cache}/fobsync/espruino/espruino (a relative XDG_CACHE_HOME is ignored, as the XDG spec says)", () => {
    expect(interpreterCachePath({ XDG_CACHE_HOME: "/x/cache", HOME: "/home/ana" })).toBe("/x/cache/fobsync/espruino/espruino");
    expect(interpreterCachePath({ HOME: "/home/ana" })).toBe("/home/ana/.cache/fobsync/espruino/espruino");
    expect(interpreterCachePath({ XDG_CACHE_HOME: "rel/cache", HOME: "/home/ana" })).toBe("/home/ana/.cache/fobsync/espruino/espruino");
  });

  it("none anywhere: 'none', with the place it looked", () => {
    const cache = join(home, "empty-cache");
    expect(locateInterpreter(cacheEnv(cache))).toEqual({ kind: "none", cachePath: join(cache, "fobsync/espruino/espruino") });
  });

  it("ESPRUINO_BIN comes first; set but unusable is an error, never a fall-through to the cache", () => {
    const cache = join(home, "cache-first");
    standIn(join(cache, "fobsync/espruino/espruino"), "2v29");
    const named = standIn(join(home, "named/espruino"), "2v29");
    expect(locateInterpreter({ ...cacheEnv(cache), ESPRUINO_BIN: named })).toEqual({ kind: "found", path: named, source: "ESPRUINO_BIN" });
    expect(locateInterpreter(cacheEnv(cache))).toEqual({ kind: "found", path: join(cache, "fobsync/espruino/espruino"), source: "cache" });
    expect(locateInterpreter({ ...cacheEnv(cache), ESPRUINO_BIN: join(home, "nothing") })).toEqual({ kind: "broken", problem: `ESPRUINO_BIN=${join(home, "nothing")}: no such file` });
    const notExec = join(home, "not-exec");
    writeFileSync(notExec, "");
    expect(locateInterpreter({ ...cacheEnv(cache), ESPRUINO_BIN: notExec })).toMatchObject({ kind: "broken", problem: expect.stringMatching(/not executable$/) });
  });

  it("reads the version and judges it: 2v29 ok, another supported one with a note, older than 2v27 refused, one that never answers refused", async () => {
    const at = (v: string | null) => standIn(join(home, `v-${v}`, "espruino"), v);
    expect(await checkInterpreter({ ...cacheEnv(home), ESPRUINO_BIN: at("2v29.277") })).toMatchObject({ kind: "ok", version: "2v29.277", source: "ESPRUINO_BIN" });
    expect(await checkInterpreter({ ...cacheEnv(home), ESPRUINO_BIN: at("2v28") })).toMatchObject({ kind: "ok", version: "2v28", note: "fobsync's figures were measured on 2v29; this is 2v28" });
    expect(await checkInterpreter({ ...cacheEnv(home), ESPRUINO_BIN: at("2v25") })).toMatchObject({ kind: "broken", problem: expect.stringMatching(/is Espruino 2v25, older than 2v27, the oldest that runs fobsync's bundle$/) });
    expect(await checkInterpreter({ ...cacheEnv(home), ESPRUINO_BIN: at(null) })).toMatchObject({ kind: "broken", problem: expect.stringMatching(/did not answer as an Espruino interpreter$/) });
  });

  it("orders versions as Espruino numbers them", () => {
    const v = (t: string) => parseVersion(t)!;
    expect(compareVersions(v("2v29.277"), v("2v29"))).toBeGreaterThan(0);
    expect(compareVersions(v("2v9"), v("2v27"))).toBeLessThan(0);
    expect(parseVersion("banana")).toBeNull();
  });
});

describe("fobsync doctor and npm run setup say which interpreter, or that the model stands in", () => {
  beforeAll(() => buildCli(), 60_000);
  const doctorCheck = (env: Record<string, string>) => runCli(["doctor", "--json"], env).records().find((x) => x.id === "interpreter");

  it("none: a warning that fobsync's model stands in, with where to put one; FOBSYNC_REQUIRE_INTERPRETER makes it a failure (exit 9)", () => {
    const cache = join(home, "doctor-none");
    expect(doctorCheck(noInterpreterEnv(cache))).toMatchObject({
      status: "warn",
      detail: `none found (ESPRUINO_BIN unset, none at ${cache}/fobsync/espruino/espruino): sim and the demo run on fobsync's model of Espruino`,
      fix: expect.stringMatching(/^build Espruino's Linux target .* and put the `espruino` executable at \S+, or set ESPRUINO_BIN to it$/),
    });
    const required = runCli(["doctor", "--json"], { ...noInterpreterEnv(cache), FOBSYNC_REQUIRE_INTERPRETER: "1" });
    expect(required.records().find((x) => x.id === "interpreter")).toMatchObject({ status: "fail", exit: 9 });
    expect(required.code).toBe(9);
  });

  it("found in the cache: ok, with its version and where it came from", () => {
    const cache = join(home, "doctor-cache");
    const path = standIn(join(cache, "fobsync/espruino/espruino"), "2v29.277");
    expect(doctorCheck(noInterpreterEnv(cache))).toMatchObject({ status: "ok", detail: `Espruino 2v29.277 at ${path} (from cache): sim and the demo run the shipped bytes on it` });
  });

  it("ESPRUINO_BIN that is not there: a warning with the reason", () => {
    expect(doctorCheck({ ...noInterpreterEnv(home), ESPRUINO_BIN: join(home, "no-espruino") })).toMatchObject({ status: "warn", detail: `ESPRUINO_BIN=${join(home, "no-espruino")}: no such file` });
  });

  it("npm run setup's line: none is fine (exit 0) and says what stands in; required, it stops set-up (exit 1)", () => {
    const script = join(ROOT, "host/espruino/setup-interpreter.ts");
    const run = (env: Record<string, string>) => {
      try {
        return { code: 0, out: execFileSync(process.execPath, ["--import", "tsx", script], { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", stdio: "pipe" }) };
      } catch (err) {
        const e = err as { status: number; stderr: string };
        return { code: e.status, out: e.stderr };
      }
    };
    const none = run(noInterpreterEnv(join(home, "setup-none")));
    expect(none.code).toBe(0);
    expect(none.out).toMatch(/^fobsync setup: real Espruino interpreter: none found .*; the demo, sim and the tests use fobsync's model of Espruino instead \(optional: build Espruino's Linux target/);
    const required = run({ ...noInterpreterEnv(join(home, "setup-none")), FOBSYNC_REQUIRE_INTERPRETER: "1" });
    expect(required.code).toBe(1);
  });

  itOnInterpreter("the real interpreter this run found: doctor reports its version and path", {}, () => {
    const found = runCli(["doctor", "--json"]).records().find((x) => x.id === "interpreter");
    expect(found).toMatchObject({ status: "ok", detail: expect.stringContaining(`Espruino ${interpreter!.version} at ${interpreter!.path}`) });
  });
});
