import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { buildNodeMcu, luaSizes, writeNodeMcuBuild } from "../../host/bundler/nodemcu-build";
import { ESP8266_TEST_BOARD } from "./harness";
import { luaLiteral, luaString } from "../../host/bundler/nodemcu-lua-text";

const dir = mkdtempSync(join(tmpdir(), "fobsync-nodemcu-build-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("NodeMCU build", () => {
  const build = buildNodeMcu();
  writeNodeMcuBuild(build, dir);

  it("writes init.lua and ONE bundle, with version, build id and board baked in", () => {
    expect(Object.keys(build.files).sort()).toEqual(["fobsync.lua", "init.lua"]);
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(build.version).toBe(pkg.version);
    expect(build.build).toMatch(/^[0-9a-f]{8}$/);
    const oneLine = build.files["fobsync.lua"].replace(/\n/g, ""); // lines break between any two tokens
    expect(oneLine).toContain(`build="${build.build}"`);
    expect(oneLine).toContain(`target="nodemcu"`);
    expect(oneLine).toContain(`{role="fob1.unlock",pin=16}`); // active low left out: the device reads a missing `active` as low
    expect(oneLine).toContain(`{role="rf",pin=27,active="high",`);
    expect(oneLine).not.toContain("part=");
    expect(luaSizes(dir).totalBytes).toBe(build.totalBytes);
  });

  it("the same sources and board give the same build id; another board another id", () => {
    expect(buildNodeMcu().build).toBe(build.build);
    expect(buildNodeMcu({ board: { ...ESP32_RELAY8, id: "other", maxPressMs: 10000 } }).build).not.toBe(build.build);
  });

  for (const luac of ["luac5.1", "luac5.3"]) {
    it(`both files parse with ${luac}`, () => {
      for (const f of ["init.lua", "fobsync.lua"]) {
        const r = spawnSync(luac, ["-p", join(dir, f)], { encoding: "utf8" });
        expect(r.stderr, f).toBe("");
        expect(r.status, f).toBe(0);
      }
    });
  }

  it("refuses an invalid board and builds nothing", () => {
    expect(() => buildNodeMcu({ board: { ...ESP32_RELAY8, maxPressMs: 5 } })).toThrow(/maxPressMs/);
  });

  it("refuses a board that breaks a NodeMCU pin limit, naming the pin", () => {
    const withPin = (role: string, pin: number, extra: object = {}) => ({ ...ESP32_RELAY8, pins: ESP32_RELAY8.pins.map((p) => (p.role === role ? { ...p, pin, ...extra } : p)) });
    expect(() => buildNodeMcu({ board: withPin("fob1.unlock", 35) })).toThrow(/fob1\.unlock \(pin 35\): GPIO34-39 are input only/);
    expect(() => buildNodeMcu({ board: withPin("fob1.battery", 25) })).toThrow(/ADC1 \(GPIO32-39\)/);
    expect(() => buildNodeMcu({ board: withPin("ignition.klr", 34, { pull: "up" }) })).toThrow(/no pull resistors/);
    expect(() => buildNodeMcu({ board: { ...ESP8266_TEST_BOARD, pins: ESP8266_TEST_BOARD.pins.map((p) => (p.role === "door" ? { ...p, pull: "down" as const } : p)) } })).toThrow(/no pull-down/);
    expect(() => buildNodeMcu({ board: { ...ESP8266_TEST_BOARD, pins: ESP8266_TEST_BOARD.pins.map((p) => (p.role === "door" ? { ...p, pin: 0 } : p)) } })).toThrow(/D0 has no interrupt/);
    expect(() => buildNodeMcu({ board: { ...ESP32_RELAY8, mcu: "rp2040" } })).toThrow(/esp32" or "esp8266/);
    expect(buildNodeMcu({ board: ESP8266_TEST_BOARD }).boardId).toBe("esp8266-test");
  });

  it("init.lua releases every fob switch before it loads the firmware", () => {
    const init = build.files["init.lua"];
    expect(init.indexOf("off()")).toBeLessThan(init.indexOf("dofile"));
    expect(init).toContain("{16,1,0},{17,1,0},{18,1,0},{19,1,0},{21,1,0},{22,1,0}");
  });
});

describe("Lua text helpers", () => {
  it("escapes every byte outside printable ASCII with three digits", () => {
    expect(luaString('a"b\\c\u0001' + "2\n")).toBe('"a\\"b\\\\c\\0012\\010"');
  });

  it("turns data into Lua tables the way typescript-to-lua represents it", () => {
    expect(luaLiteral({ id: "x", pins: [{ pin: 1, active: "low", pull: undefined }], end: true })).toBe('{id="x",pins={{pin=1,active="low"}},["end"]=true}');
  });

  it("a Lua string round-trips through lua5.1", () => {
    const text = 'pair "x" \\ \u0007 end';
    const f = join(dir, "s.lua");
    writeFileSync(f, `io.write(${luaString(text)})`);
    expect(spawnSync("lua5.1", [f], { encoding: "latin1" }).stdout).toBe(text);
  });
});
