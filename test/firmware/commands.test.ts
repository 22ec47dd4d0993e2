import { describe, expect, it } from "vitest";
import { type BoardDescription } from "../../hal/board";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { decodeRecipe } from "../../firmware/recipes/recipe-text";
import { encodeRecipe, recipeHash } from "../../firmware/recipes/recipe-encode";
import { RECIPES } from "../../firmware/recipes/table";
import { Bench } from "./harness";

const summary = (evs: { event: string; fields: Record<string, string | number> }[]) => evs.map((e) => [e.event, e.fields]);

function errorOf(b: Bench, line: string): string {
  const evs = b.send(line);
  expect(evs).toHaveLength(1);
  expect(evs[0].event).toBe("error");
  expect(evs[0].level).toBe("E");
  return String(evs[0].fields.code);
}

/** The board without some roles. */
function without(...roles: string[]): BoardDescription {
  return { ...ESP32_RELAY8, pins: ESP32_RELAY8.pins.filter((p) => !roles.includes(p.role)) };
}

describe("commands", () => {
  it("help lists every command", () => {
    const b = new Bench().start();
    expect(summary(b.send("help"))).toEqual([
      ["help", { cmds: "help version status recipes pair press ack abort hb" }],
      ["ok", { cmd: "help" }],
    ]);
  });

  it("hb, the host's heartbeat, is answered by nothing, busy or not (it would fill every session's log)", () => {
    const b = new Bench().start();
    expect(b.send("hb")).toEqual([]);
    b.send("pair bmw-zke keys=1 confirm=1");
    expect(b.send("hb")).toEqual([]);
  });

  it("a session whose host goes silent ends 5 s after its last line, every switch released, the key not done named", () => {
    const b = new Bench().start();
    b.send("pair bmw-zke keys=2 confirm=2");
    b.set("ignition.klr", true);
    b.clock.runFor(1000);
    b.set("ignition.klr", false);
    b.clock.runFor(2000); // key 1 pressing: unlock held
    expect(b.isPressed("fob1.unlock")).toBe(true);
    b.hostSilent();
    const quietFrom = b.clock.now();
    b.clock.runFor(8000);
    const end = b.one("session.end");
    expect(end.fields).toMatchObject({ ok: 0, reason: "host-lost", lost: 1 });
    // the last heartbeat came at most 1 s before the host fell silent; the end 5 s after it
    expect(end.ms).toBeGreaterThan(quietFrom + 3900);
    expect(end.ms).toBeLessThanOrEqual(quietFrom + 5000);
    for (const role of ["fob1.unlock", "fob1.lock", "fob1.boot", "fob2.unlock", "fob2.lock", "fob2.boot"]) expect(b.isPressed(role)).toBe(false);
  });

  it("any line from the host counts as heard: status every 4 s keeps a session going without hb", () => {
    const b = new Bench().start();
    b.hostSilent();
    b.send("pair bmw-zke keys=1 confirm=1");
    for (let i = 0; i < 5; i++) {
      b.clock.runFor(4000);
      b.send("status");
    }
    expect(b.find("session.end")).toEqual([]);
    b.clock.runFor(5000);
    expect(b.one("session.end").fields).toMatchObject({ reason: "host-lost" });
  });

  it("status when idle", () => {
    const b = new Bench().start();
    expect(summary(b.send("status"))).toEqual([
      ["status", { state: "idle", recipe: "-", step: "-", key: 0, on: "-" }],
      ["ok", { cmd: "status" }],
    ]);
  });

  it("recipes lists every installed recipe file with its key range, confidence and content hash; titles and sources are on the host", () => {
    const b = new Bench().start();
    const evs = b.send("recipes");
    const names = RECIPES.map((r) => r.name).sort();
    expect(evs.map((e) => e.fields.name ?? e.fields.n)).toEqual([...names, names.length]);
    for (const e of evs.slice(0, names.length)) {
      expect(Object.keys(e.fields)).toEqual(["name", "keys", "src", "hash"]);
      const host = RECIPES.find((r) => r.name === e.fields.name)!;
      expect(String(e.fields.hash)).toBe(recipeHash(host));
      expect(e.fields.keys).toBe(`1-${host.maxKeys}`);
      expect(e.fields.src).toBe(host.confidence);
      expect(host.title.length).toBeGreaterThan(10);
      expect(host.sources.length).toBeGreaterThan(0);
    }
  });

  it("a board with no recipe files lists none and refuses to pair, naming the recipe", () => {
    const b = new Bench(undefined, {}, {}).start();
    expect(b.send("recipes").map((e) => e.fields.n)).toEqual([0]);
    expect(b.send("pair bmw-zke keys=1 confirm=1")[0].fields).toMatchObject({ code: "unknown-recipe", name: "bmw-zke" });
  });

  it("press holds the switch for exactly the asked time", () => {
    const b = new Bench().start();
    b.clock.runUntil(100);
    expect(summary(b.send("press 2 lock 700"))).toEqual([
      ["ok", { cmd: "press" }],
      ["switch", { role: "fob2.lock", on: 1, max: 950 }],
      ["battery", { fob: 2, mv: 0, scale: 2000, gain: 0 }],
    ]);
    b.clock.runUntil(5000);
    expect(b.presses()).toEqual([{ role: "fob2.lock", at: 100, ms: 700 }]);
    expect(b.find("cap")).toEqual([]);
  });

  it("press at the board maximum is capped at that maximum", () => {
    const b = new Bench().start();
    b.send("press 1 unlock 20000");
    b.clock.runUntil(30000);
    expect(b.presses()).toEqual([{ role: "fob1.unlock", at: 0, ms: 20000 }]);
  });

  it("abort releases a bench press at once", () => {
    const b = new Bench().start();
    b.send("press 1 unlock 5000");
    b.clock.runUntil(300);
    expect(summary(b.send("abort"))).toEqual([
      ["ok", { cmd: "abort" }],
      ["switch", { role: "fob1.unlock", on: 0, held: 300 }],
    ]);
    b.clock.runUntil(6000);
    expect(b.presses()).toEqual([{ role: "fob1.unlock", at: 0, ms: 300 }]);
  });

  it("a bench press makes the device busy until its release: a pair in the same millisecond is refused, nothing is cut", () => {
    const b = new Bench().start();
    expect(b.send("press 1 unlock 1")[0].event).toBe("ok");
    for (const line of ["pair bmw-zke keys=1 confirm=1", "press 1 lock 100", "press 1 unlock 100", "help"]) {
      expect(errorOf(b, line)).toBe("busy");
    }
    expect(b.send("status")[0].fields).toMatchObject({ state: "idle", on: "fob1.unlock" });
    expect(errorOf(b, "ack")).toBe("nothing-to-ack");
    b.clock.runUntil(1);
    expect(b.presses()).toEqual([{ role: "fob1.unlock", at: 0, ms: 1 }]);
    expect(b.send("press 1 lock 100")[0].event).toBe("ok");
    b.clock.runFor(30000);
    expect(b.find("fault")).toEqual([]);
    expect(b.find("cap")).toEqual([]);
    expect(b.presses()).toEqual([
      { role: "fob1.unlock", at: 0, ms: 1 },
      { role: "fob1.lock", at: 1, ms: 100 },
    ]);
  });

  it.each([
    ["frobnicate", "unknown-command"],
    ["x".repeat(121), "too-long"],
    ["help\u0007", "garbage"],
    ["pair caf\u00e9", "garbage"],
    ["press 1 unlock", "bad-argument"],
    ["press 5 unlock 100", "bad-argument"],
    ["press 1 horn 100", "bad-argument"],
    ["press 1 unlock 0", "bad-argument"],
    ["press 1 unlock 20001", "bad-argument"],
    ["press 1 unlock 1x", "bad-argument"],
    ["press 3 unlock 100", "not-wired"],
    ["pair", "bad-argument"],
    ["pair nosuch keys=1 confirm=1", "unknown-recipe"],
    ["pair fob-test keys=1 confirm=1", "unknown-recipe"],
    ["test-fob", "unknown-command"],
    ["pair bmw-zke keys=2", "bad-argument"],
    ["pair bmw-zke keys=two confirm=2", "bad-argument"],
    ["pair bmw-zke keys=0 confirm=0", "keys-out-of-range"],
    ["pair bmw-zke keys=5 confirm=5", "keys-out-of-range"],
    ["pair honda-4s keys=4 confirm=4", "keys-out-of-range"],
    ["pair gm-truck keys=2 confirm=2", "forum-unconfirmed"],
    ["pair gm-truck keys=2 confirm=2 forum=0", "forum-unconfirmed"],
    ["pair gm-truck keys=2 confirm=2 forum=1 holdMs=30000", "recipe-invalid"],
    ["pair a-name-far-too-long-for-storage keys=1 confirm=1", "unknown-recipe"],
    ["pair bmw-zke keys=2 confirm=3", "confirm-mismatch"],
    ["pair bmw-zke keys=2 confirm=2 bogus=1", "bad-argument"],
    ["pair bmw-zke keys=2 confirm=2 tapMs=600001", "bad-argument"],
    ["pair bmw-zke keys=2 confirm=2 ignOffMaxMs=5001", "bad-argument"],
    ["pair bmw-zke keys=2 confirm=2 taps=10", "bad-argument"],
    ["pair bmw-zke keys=2 confirm=2 hold=boot", "bad-argument"],
    ["pair bmw-zke keys=2 confirm=2 =3", "bad-argument"],
    ["pair bmw-zke keys=2 confirm=2 hold=lock", "recipe-invalid"],
    ["pair bmw-zke keys=2 confirm=2 taps=9 gapMs=2000", "recipe-invalid"],
    ["pair bmw-zke keys=2 confirm=2 leadMs=5000 tapMs=2000 gapMs=2000 tailMs=5000", "recipe-invalid"],
    ["pair mini-r50-early keys=3 confirm=3", "not-wired"],
    ["pair mini-r50-early keys=1 confirm=1 method=B delayMs=10000", "recipe-invalid"],
    ["ack", "nothing-to-ack"],
  ])("%j is refused with %s and changes nothing", (line, code) => {
    const b = new Bench().start();
    const before = b.pins.timeline.length;
    expect(errorOf(b, line)).toBe(code);
    b.clock.runFor(60000);
    expect(b.pins.timeline.length).toBe(before);
    expect(summary(b.send("status"))[0]).toEqual(["status", { state: "idle", recipe: "-", step: "-", key: 0, on: "-" }]);
  });

  it.each([
    ["frobnicate now", "frobnicate"],
    ["pair bmw-zke keys=2 confirm=2 =3", "pair"],
    ['say"hi', "say'hi"], // quoted on the wire, " turned into '

    ["x".repeat(121), "-"],
    ["help\u0007", "-"],
  ])("the error for %j names the command as %s (- when the line is refused whole)", (line, cmd) => {
    const b = new Bench().start();
    const evs = b.send(line);
    expect(evs.map((e) => e.event)).toEqual(["error"]);
    expect(evs[0].fields.cmd).toBe(cmd);
  });

  it("a cap that a tap plus margin would exceed is recipe-invalid", () => {
    const b = new Bench({ ...ESP32_RELAY8, maxPressMs: 3000 }).start();
    expect(errorOf(b, "pair bmw-zke keys=1 confirm=1")).toBe("recipe-invalid");
  });

  it("a bench press reads the fob's cell with the button held, and reports RF edges until 5 s after the release", () => {
    const b = new Bench().start();
    b.pins.setMillivolts(b.pin("fob1.battery"), 1250);
    expect(summary(b.send("press 1 unlock 400"))).toEqual([
      ["ok", { cmd: "press" }],
      ["switch", { role: "fob1.unlock", on: 1, max: 650 }],
      ["battery", { fob: 1, mv: 2500, scale: 2000, gain: 0 }],
    ]);
    b.clock.runUntil(1000);
    b.set("rf", true);
    b.clock.runUntil(1100);
    b.set("rf", false);
    b.clock.runUntil(5500);
    b.set("rf", true); // 5.1 s after the release: noise, not reported
    b.clock.runUntil(6000);
    expect(b.find("input", { role: "rf" }).map((e) => e.fields.on)).toEqual([1, 0]);
  });

  it("the RF receiver is heard only while a bench press listens: not at boot, not in a session, its edge interrupt off outside (a noisy receiver cannot keep an ESP32 busy)", () => {
    const b = new Bench().start();
    const rf = b.pin("rf");
    expect(b.pins.listening(rf)).toBe(false);
    expect(b.pins.listening(b.pin("ignition.klr"))).toBe(true);
    b.set("rf", true); // a receiver's noise at idle: unheard
    b.clock.runUntil(b.clock.now() + 100);
    b.set("rf", false);
    b.clock.runUntil(b.clock.now() + 100);
    b.send("pair bmw-zke keys=1 confirm=1");
    expect(b.pins.listening(rf)).toBe(false); // no recipe waits on RF
    b.set("rf", true);
    b.clock.runUntil(b.clock.now() + 100);
    b.set("rf", false);
    b.send("abort");
    expect(b.find("input", { role: "rf" })).toEqual([]);
    const pressed = b.clock.now();
    b.send("press 1 lock 300");
    expect(b.pins.listening(rf)).toBe(true);
    b.clock.runUntil(pressed + 300 + 4900);
    expect(b.pins.listening(rf)).toBe(true);
    b.send("press 1 unlock 300"); // a second press moves the end of the window
    b.clock.runUntil(b.clock.now() + 300 + 4900);
    expect(b.pins.listening(rf)).toBe(true);
    b.clock.runUntil(b.clock.now() + 200);
    expect(b.pins.listening(rf)).toBe(false);
  });

  it("one parameter grammar: every default lies in its range, and the device reads exactly the host's recipe", () => {
    for (const r of RECIPES) {
      for (const p of r.params) {
        expect(p.defaultValue, `${r.name} ${p.name}`).toBeGreaterThanOrEqual(p.lo);
        expect(p.defaultValue, `${r.name} ${p.name}`).toBeLessThanOrEqual(p.hi);
        if (p.values) expect(p.values.length - 1, `${r.name} ${p.name}`).toBe(p.hi);
      }
      const { title: _t, cars: _c, sources: _s, leftOut: _l, ...core } = r;
      expect(decodeRecipe(encodeRecipe(r))).toEqual(JSON.parse(JSON.stringify(core)));
    }
  });

  it("the device refuses a value below a parameter's range, as the host does", () => {
    const b = new Bench().start();
    const [e] = b.send("pair bmw-zke keys=1 confirm=1 tapMs=10");
    expect(e.fields).toMatchObject({ code: "bad-argument", id: "range", arg: "tapMs", lo: 50, hi: 2000 });
  });

  it("a board without an RF receiver says rf=0 in its version line", () => {
    expect(new Bench(without("rf")).start().send("version")[0].fields.rf).toBe(0);
  });

  it("press of an unwired boot button is not-wired", () => {
    const b = new Bench(without("fob2.boot")).start();
    expect(errorOf(b, "press 2 boot 100")).toBe("not-wired");
  });

  it("mini method A accepts a button by name", () => {
    const b = new Bench(without("fob1.boot")).start();
    expect(b.send("pair mini-r50-early keys=1 confirm=1 button=lock")[0].event).toBe("ok");
  });

  it("a busy device refuses everything but status, abort and ack", () => {
    const b = new Bench().start();
    b.send("pair bmw-zke keys=1 confirm=1");
    for (const line of ["help", "version", "recipes", "pair bmw-zke keys=1 confirm=1", "press 1 unlock 100"]) {
      expect(errorOf(b, line)).toBe("busy");
    }
    expect(errorOf(b, "nosuch")).toBe("unknown-command");
    expect(summary(b.send("status"))[0]).toEqual(["status", { state: "busy", recipe: "bmw-zke", step: "edge:edge", key: 1, on: "-" }]);
    expect(errorOf(b, "ack")).toBe("nothing-to-ack");
    expect(summary(b.send("abort"))).toEqual([
      ["ok", { cmd: "abort" }],
      ["session.end", { recipe: "bmw-zke", ok: 0, keys: 1, confirmed: 0, reason: "abort" }],
    ]);
    expect(b.send("version")[0].event).toBe("version");
  });

  it("ignores blank lines and accepts CR LF endings", () => {
    const b = new Bench().start();
    expect(b.send("")).toEqual([]);
    expect(b.send("version\r\n").map((e) => e.event)).toEqual(["version", "ok"]);
  });

  it("numbers every line from 1 without gaps", () => {
    const b = new Bench().start();
    b.send("help");
    b.send("nosuch");
    b.send("status");
    expect(b.events().map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
