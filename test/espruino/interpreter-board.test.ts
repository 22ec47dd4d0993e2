import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeOnInterpreter } from "../interpreter-gate";
import { roleKind } from "../../hal/board";
import { ESP32_RELAY8, ESP8266_RELAY4 } from "../../hal/board-profiles";
import { buildEspruinoBundle } from "../../host/bundler/espruino-build";
import { recipeFiles } from "../../firmware/recipes/table";
import { REPO_ROOT } from "../../host/bundler/build-info";
import type { DeviceEvent } from "../../host/protocol/event-line";
import type { BridgeLine } from "../../host/sim/real-espruino/pin-bridge";
import { bootOnInterpreter, bridgeJsVars, answerAfterLoad, fourKeySessionPeak, until, type InterpreterBench } from "../scenarios/run-on-interpreter";
import { PIN_BRIDGE_SOURCE } from "../../host/sim/real-espruino/pin-bridge";
import { TOP_LEVEL_PREFIX } from "../../host/bundler/espruino/unwrap-scope";

/**
 * The shipped bytes on the REAL Espruino interpreter, board by board: boot
 * order, the REPL, faults mid-press, the pin-level backstop, abort, and
 * hostile command lines. Each test has its own interpreter; they run at once.
 */
/** The longest the Linux build's main loop sleeps between timer checks (targets/linux/jshardware.c, jshSleep). */
const LINUX_SLEEP_MS = 50;
const shipped = readFileSync(join(REPO_ROOT, "dist", "espruino", "fobsync.js"), "latin1");
/**
 * What the tests hold: JsVars of the shipped bytes on Espruino 2v29, the pin bridge's own share
 * taken off (npm run bench prints the figures: 868 after boot and 1,168 at the peak on the default
 * board, whose 6 switches, 6 inputs and 2 cells take more than the ESP8266 profile's 4, 3 and 1).
 */
const JSVARS_AFTER_BOOT_CEILING = 900;
const JSVARS_SESSION_PEAK_CEILING = 1200;
/** The ESP8266 profile's: issue 26's budgets for the smallest board (measured 790 and 1,090 on Espruino 2v29). */
const ESP8266_AFTER_BOOT_CEILING = 800;
const ESP8266_SESSION_PEAK_CEILING = 1100;
/** What Espruino 2v29 gives an ESP8266 (boards/ESP8266_4MB.py, 'variables'). */
const ESP8266_JSVARS = 1600;

const relays = ESP32_RELAY8.pins.filter((p) => roleKind(p.role) === "output");
const relayPins = relays.map((p) => p.pin);

/** Run `body` on a freshly booted board (default bench), stopping it afterwards. */
async function withBoard(body: (b: InterpreterBench) => Promise<void>): Promise<void> {
  const b = await bootOnInterpreter({ car: { kind: "zke", knownKeys: ["key1"] }, user: false }, shipped);
  try {
    await body(b);
  } finally {
    await b.stop();
  }
}

function allReleased(b: InterpreterBench): boolean {
  return relays.every((p) => b.bench.pins.outputLevel(p.pin) === (p.active === "low"));
}

/** The next event after index `from` with this name, waited for in real time. */
async function nextEvent(b: InterpreterBench, from: number, name: string, ms = 3000): Promise<DeviceEvent | undefined> {
  await until(() => b.bench.events.slice(from).some((e) => e.event === name), ms);
  return b.bench.events.slice(from).find((e) => e.event === name);
}

/** The pins with a live watch, from the bridge's lines (its watch ids start again at each boot). */
function watchedPins(calls: BridgeLine[]): number[] {
  let live = new Map<number, number>();
  for (const c of calls) {
    if (c.kind === "boot") live = new Map();
    else if (c.kind === "watch") live.set(c.id, c.pin);
    else if (c.kind === "unwatch") c.id === "all" ? live.clear() : live.delete(c.id);
  }
  return [...live.values()];
}

describeOnInterpreter.concurrent("the shipped bundle on the real Espruino interpreter", () => {
  it("the RF receiver is watched only while a bench press listens: no watch on its pin after boot, one from the press until 5 s after the release (a noisy receiver cannot keep an ESP32 from sleeping)", { timeout: 60_000 }, async () => {
    const rf = ESP32_RELAY8.pins.find((p) => p.role === "rf")!.pin;
    const ignition = ESP32_RELAY8.pins.find((p) => p.role === "ignition.klr")!.pin;
    await withBoard(async (b) => {
      expect(watchedPins(b.board.calls)).toContain(ignition);
      expect(watchedPins(b.board.calls)).not.toContain(rf);
      b.bench.send("press 1 lock 200");
      expect(await until(() => watchedPins(b.board.calls).includes(rf), 3000)).toBe(true);
      expect(await until(() => !watchedPins(b.board.calls).includes(rf), 10_000)).toBe(true);
      // watched again, its pull set after the watch (an ESP32's setWatch pulls up)
      const again = b.board.calls.slice(b.board.calls.findIndex((c) => c.kind === "watch" && c.pin === rf));
      expect(again.find((c) => c.kind === "mode" && c.pin === rf)).toMatchObject({ mode: "input_pulldown" });
    });
  });

  it("boots: releases every relay before any other pin call or console line, and never drives one active", { timeout: 60_000 }, async () => {
    await withBoard(async (b) => {
      const pinCalls = b.board.calls.filter((c) => c.kind === "mode" || c.kind === "write");
      const first = pinCalls.slice(0, relayPins.length * 3);
      expect(first.map((c) => ("pin" in c ? c.pin : -1))).toEqual(relayPins.flatMap((p) => [p, p, p]));
      expect(first.map((c) => (c.kind === "mode" ? `mode ${c.mode}` : c.kind === "write" ? `write ${c.high}` : ""))).toEqual(
        relayPins.flatMap(() => ["mode input", "write true", "mode output"]),
      );
      expect(b.bench.pins.timeline.filter((c) => c.dir === "out" && relayPins.includes(c.pin)).every((c) => c.high)).toBe(true);
      expect(allReleased(b)).toBe(true);
    });
  });

  it(`holds at most ${JSVARS_AFTER_BOOT_CEILING} JsVars after boot (process.memory().usage less the pin bridge's own share)`, { timeout: 60_000 }, async () => {
    const bridge = await bridgeJsVars();
    await withBoard(async (b) => {
      expect(b.afterBoot - bridge).toBeLessThanOrEqual(JSVARS_AFTER_BOOT_CEILING);
    });
  });

  it("holds the same JsVars after boot with no recipe, the 8 built-in ones, or 24 installed: recipes live in Storage until a session reads one", { timeout: 90_000 }, async () => {
    const built = recipeFiles();
    const many: { [name: string]: string } = { ...built };
    for (const [name, text] of Object.entries(built)) for (const copy of ["a", "b"]) many[`${name}-${copy}`.slice(0, 28)] = text.replace(/^\S+/, name.slice(3) + "-" + copy);
    expect(Object.keys(many).length).toBe(24);
    const usage: number[] = [];
    for (const files of [{}, built, many]) {
      const b = await bootOnInterpreter({ car: { kind: "zke" }, user: false, files }, shipped);
      // settled (the bridge's start-up lines handled): the smallest of three readings
      await new Promise((r) => setTimeout(r, 300));
      // (an answer the loaded machine did not give in time is no reading: null is not 0 JsVars)
      const readings: number[] = [];
      for (let i = 0; i < 3; i++) {
        const answer = await b.board.evaluate("process.memory().usage", 8000);
        if (answer !== null) readings.push(Number(answer));
      }
      expect(readings.length, "the interpreter answered no process.memory()").toBeGreaterThan(0);
      usage.push(Math.min(...readings));
      // and the board has them: `recipes` lists every one
      b.bench.send("recipes");
      const listed = await nextEvent(b, 0, "ok");
      await b.stop();
      expect(listed?.fields).toMatchObject({ cmd: "recipes", n: Object.keys(files).length });
    }
    expect(usage[1]).toBe(usage[0]);
    expect(usage[2]).toBe(usage[0]);
  });

  it(`the ESP8266 profile fits an ESP8266's ${ESP8266_JSVARS} JsVars: at most ${ESP8266_AFTER_BOOT_CEILING} after boot and ${ESP8266_SESSION_PEAK_CEILING} at a 4-key session's peak (keys 3 and 4 by hand, no door input), bridge share taken off`, { timeout: 150_000 }, async () => {
    const bundle = buildEspruinoBundle({ board: ESP8266_RELAY4 }).shipped;
    const bridge = await bridgeJsVars();
    const b = await bootOnInterpreter({ car: { kind: "zke", knownKeys: ["key1"] }, board: ESP8266_RELAY4, user: false }, bundle);
    const afterBoot = b.afterBoot - bridge;
    await b.stop();
    expect(afterBoot).toBeLessThanOrEqual(ESP8266_AFTER_BOOT_CEILING);
    const { peak, end } = await fourKeySessionPeak(bundle, ESP8266_RELAY4);
    expect(end).toMatchObject({ ok: 1, confirmed: 4 });
    expect(peak - bridge).toBeLessThanOrEqual(ESP8266_SESSION_PEAK_CEILING); // so at least 500 of the 1,600 stay free
  });

  it(`holds at most ${JSVARS_SESSION_PEAK_CEILING} JsVars at the peak of a 4-key bmw-zke session (sampled every 100 ms, bridge share taken off)`, { timeout: 150_000 }, async () => {
    const bridge = await bridgeJsVars();
    const { peak, end } = await fourKeySessionPeak(shipped);
    expect(end).toMatchObject({ ok: 1, confirmed: 4 });
    expect(peak - bridge).toBeLessThanOrEqual(JSVARS_SESSION_PEAK_CEILING);
  });

  it("answers fs(\"status\") typed at the REPL with echo, and the REPL stays usable", { timeout: 60_000 }, async () => {
    await withBoard(async (b) => {
      const from = b.bench.events.length;
      b.board.feedBytes('fs("status")\n');
      expect((await nextEvent(b, from, "status"))?.fields.state).toBe("idle");
      expect(await b.board.evaluate("1+2")).toBe("3");
    });
  });

  it("adds one global of its own besides its $-names, fs; a line at the console that reuses the short names its functions had inside a wrapper (n, t, e ...) changes nothing it runs", { timeout: 60_000 }, async () => {
    const globals = async (bootcde: string) => (await answerAfterLoad({ ".boot0": PIN_BRIDGE_SOURCE, ".bootcde": bootcde }, 'Object.keys(global).join(" ")')).split(" ");
    const empty = await globals("");
    const added = (await globals(shipped)).filter((n) => !empty.includes(n));
    // Espruino puts its own objects (Math, JSON, process ...) in the root when a line first names them:
    // an empty interpreter knows those names, and none of the firmware's
    const known = (await answerAfterLoad({ ".bootcde": "" }, `${JSON.stringify(added)}.filter(function(n){try{return eval(n)!==undefined}catch(e){return false}}).join(" ")`)).split(" ");
    const own = added.filter((n) => !known.includes(n));
    expect(own.filter((n) => !n.startsWith(TOP_LEVEL_PREFIX))).toEqual(["fs"]);
    expect(own.length).toBeGreaterThan(100);
    await withBoard(async (b) => {
      b.board.feedBytes("n=1;t=1;e=1;o=1;i=1;r=1;s=1;a=1;c=1;u=1;f=1;l=1;p=1;d=1\n");
      const from = b.bench.events.length;
      b.bench.send("press 1 unlock 300");
      const ok = await nextEvent(b, from, "ok", 5000);
      expect(ok?.fields.cmd, b.bench.lines.join("\n")).toBe("press");
      await until(() => allReleased(b), 3000);
      expect(allReleased(b)).toBe(true);
      expect(b.bench.lines.filter((l) => /Uncaught|not a function/.test(l))).toEqual([]);
    });
  });

  it("a fault inside the firmware while a button is held releases every relay and logs one fault line", { timeout: 60_000 }, async () => {
    await withBoard(async (b) => {
      const from = b.bench.events.length;
      b.bench.send("press 1 unlock 4000"); // long enough to be seen pressed on a loaded machine before its release
      await until(() => b.bench.pins.outputLevel(16) === false, 3500);
      expect(b.bench.pins.outputLevel(16)).toBe(false); // fob1.unlock pressed (active low)
      b.board.failNextWrite(16); // the release at the end of the press throws
      const fault = await nextEvent(b, from, "fault", 8000);
      expect(String(fault?.fields.msg)).toContain("injected fault");
      // the bench lands a release the interpreter's press length after its press landed: on a loaded machine, seconds after the fault line
      await until(() => allReleased(b), 8000);
      expect(allReleased(b)).toBe(true);
      expect(b.bench.lines.filter((l) => /Uncaught/.test(l))).toEqual([]);
    });
  });

  it("a press of the board's maxPressMs is released by then (the core's cap and the pin-level backstop)", { timeout: 60_000 }, async () => {
    await withBoard(async (b) => {
      b.bench.send(`press 1 lock ${ESP32_RELAY8.maxPressMs}`);
      const lock = () => b.board.writes.filter((x) => x.pin === 17);
      const pressed = () => lock().find((x) => !x.high);
      const released = () => lock().find((x) => x.high && x.t > (pressed()?.t ?? Infinity));
      await until(() => released() !== undefined, ESP32_RELAY8.maxPressMs + 3000);
      expect(released(), b.bench.lines.join("\n")).toBeDefined();
      // due at maxPressMs; the Linux build sleeps up to 50 ms at a time (targets/linux/jshardware.c, jshSleep) and a
      // loaded machine runs it late (20 ms was seen in the full suite): the cap's precision is a bench figure
      expect((released()!.t - pressed()!.t) * 1000).toBeLessThanOrEqual(ESP32_RELAY8.maxPressMs + LINUX_SLEEP_MS);
    });
  });

  it("reset() typed while a relay is pressed: E.on('kill') releases it before the timers are dropped (on an ESP32, reset() leaves GPIO16/17 as they were)", { timeout: 60_000 }, async () => {
    await withBoard(async (b) => {
      b.bench.send("press 1 lock 8000");
      expect(await until(() => !allReleased(b), 5000)).toBe(true);
      const before = b.board.calls.length;
      b.board.feedBytes("reset()\n");
      expect(await until(() => allReleased(b), 3000), b.bench.lines.join("\n")).toBe(true);
      // released by the firmware's kill handler at once (releasePin: pinMode input, then the released level), not by
      // the press's own end 8 s later; the interpreter's reset can drop the rest of what the handler printed, so
      // either of its bridge lines for GPIO17 shows it ran
      const released = (c: BridgeLine) => (c.kind === "mode" && c.pin === 17 && c.mode === "input") || (c.kind === "write" && c.pin === 17 && c.high);
      expect(b.board.calls.slice(before).some(released), JSON.stringify(b.board.calls.slice(before))).toBe(true);
    });
  });

  it("abort mid-session, while a key's buttons are held: every relay released at once, the session ends with reason abort", { timeout: 60_000 }, async () => {
    const b = await bootOnInterpreter({ car: { kind: "zke", knownKeys: ["old"] } }, shipped);
    try {
      b.bench.send("pair bmw-zke keys=2 confirm=2");
      const pressed = await until(() => b.bench.events.some((e) => e.event === "switch" && e.fields.on === 1), 20_000);
      expect(pressed, b.bench.lines.join("\n")).toBe(true);
      expect(allReleased(b)).toBe(false);
      const from = b.bench.events.length;
      b.bench.send("abort");
      const end = await nextEvent(b, from, "session.end");
      expect(end?.fields).toMatchObject({ ok: 0, reason: "abort" });
      expect(b.bench.events.slice(from).some((e) => e.event === "ok" && e.fields.cmd === "abort")).toBe(true);
      expect(allReleased(b)).toBe(true);
    } finally {
      await b.stop();
    }
  });

  it("hostile lines (random bytes, overlong, out of range, unknown): one error line each, no Uncaught, no relay left pressed", { timeout: 120_000 }, async () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.string({ minLength: 121, maxLength: 400 }),
      fc.constantFrom("nope", "pair", "pair bmw-zke keys=9 confirm=9", "pair bmw-zke keys=2 confirm=1", "pair nope keys=1 confirm=1", "ack", "press 9 unlock 100"),
      fc.tuple(fc.integer({ min: -1, max: 5 }), fc.constantFrom("unlock", "x"), fc.constantFrom(-5, 0, 20001, 99999999, 1e21)).map(([f, btn, ms]) => `press ${f} ${btn} ${ms}`),
    );
    await withBoard(async (b) => {
      await fc.assert(
        fc.asyncProperty(hostile, async (line) => {
          if (/^ *$/.test(line)) return; // a blank line is not a command: the firmware ignores it
          const from = b.bench.events.length;
          b.bench.send(line);
          const answered = await until(() => b.bench.events.slice(from).some((e) => e.event === "error" || e.event === "ok"), 3000);
          expect(answered, `no answer to ${JSON.stringify(line)}`).toBe(true);
          if (b.bench.events.slice(from).some((e) => e.event === "ok")) {
            b.bench.send("abort"); // a line that happened to be a valid command: end what it started
            await nextEvent(b, b.bench.events.length - 1, "ok");
          }
        }),
        { numRuns: 40, seed: 14 },
      );
      await until(() => allReleased(b), 2000);
      expect(allReleased(b)).toBe(true);
      expect(b.bench.lines.filter((l) => /Uncaught|uncaught/.test(l))).toEqual([]);
      expect(b.bench.events.filter((e) => e.event === "fault")).toEqual([]);
    });
  });
});
