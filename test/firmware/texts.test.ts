import { describe, expect, it } from "vitest";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { describe as sentence } from "../../host/protocol/texts";
import { parseEventLine } from "../../host/protocol/event-line";
import { inProcessBackend } from "../../host/sim/in-process-backend";
import { SCENARIOS, runScenario } from "../scenarios/scenarios";
import { without } from "./boards";
import { Bench } from "./harness";

/** The firmware sends ids and numbers; the host's catalogue (host/protocol/texts.ts) words them. */
describe("texts live on the host", () => {
  it.each([
    ["frobnicate", "Unknown command frobnicate: try help"],
    ["x".repeat(121), "Line over 120 characters"],
    ["help\u0007", "Byte 7 outside 0x20..0x7E"],
    ["press 1 unlock", "Use: press <fob> <unlock|lock|boot> <ms 1-20000>"],
    ["press 3 unlock 100", "fob3.unlock is not wired"],
    ["pair", "Use: pair <recipe> keys=N confirm=N"],
    ["pair bmw-zke keys=2", "keys=N and confirm=N needed"],
    ["pair bmw-zke keys=5 confirm=5", "keys must be 1..4"],
    ["pair bmw-zke keys=2 confirm=3", "confirm must equal keys: count your keys"],
    ["pair bmw-zke keys=2 confirm=2 bogus=1", "Unknown parameter bogus"],
    ["pair bmw-zke keys=2 confirm=2 ignOffMaxMs=6000", "ignOffMaxMs must be 1000..5000"],
    ["pair bmw-zke keys=2 confirm=2 hold=boot", "hold must be unlock|lock"],
    ["pair bmw-zke keys=2 confirm=2 =3", "Bad argument =3: use name=value"],
    ["pair bmw-zke keys=2 confirm=2 hold=lock", "hold and tap use the same button (fob1.lock)"],
    ["pair bmw-zke keys=2 confirm=2 taps=9 gapMs=1000", "taps end 12100 ms after the hold: the tap window is 10000 ms"],
    ["pair mini-r50-early keys=3 confirm=3", "keys=3 but only 2 fobs are wired"],
    ["pair mini-r50-early keys=1 confirm=1 method=B delayMs=10000", "a key needs 11100 ms: the window is 10000 ms"],
    ["press 3 unlock 100", "fob3.unlock is not wired"],
    ["ack", "Nothing waits for an ack"],
  ])("%j: the error line carries codes and numbers, the host says %j", (line, text) => {
    const evs = new Bench().start().send(line);
    expect(evs).toHaveLength(1);
    expect(evs[0].fields.msg).toBeUndefined();
    expect(sentence(evs[0])).toBe(text);
  });

  it.each([
    ["ignition.klr", "The ignition is on (position 1, KL R): turn it off and take the key out, then start again"],
    ["door", "A door is open: close every door, then start again"],
    ["lock.feedback", "The car shows locked: unlock it (the key in the driver's door, or a remote that works), then start again"],
  ])("the car not as bmw-zke starts (%s active): pair is refused with the one thing to do, nothing is pressed, and once done it starts", (role, text) => {
    const b = new Bench(ESP32_RELAY8, { [role]: true }).start();
    const [ev] = b.send("pair bmw-zke keys=2 confirm=2");
    expect(ev.fields).toMatchObject({ code: "not-ready", role, state: 1 });
    expect(sentence(ev)).toBe(text);
    expect(b.presses()).toEqual([]);
    b.set(role, false);
    b.clock.runFor(100);
    expect(b.send("pair bmw-zke keys=2 confirm=2").map((e) => e.event)).toEqual(["ok", "session.start", "prompt"]);
  });

  it("the keys a session ends before: one key reads as one ('it will stop working'), several as several", () => {
    expect(sentence(parseEventLine("@9 5000 E session.end recipe=bmw-zke ok=0 keys=2 confirmed=1 reason=door lost=2")!)).toBe("A door was opened. Key 2 not initialized: it will stop working. Redo all keys in one session");
    expect(sentence(parseEventLine("@9 5000 E session.end recipe=bmw-zke ok=0 keys=3 confirmed=1 reason=door lost=2")!)).toBe("A door was opened. Keys 2-3 not initialized: they will stop working. Redo all keys in one session");
    expect(sentence(parseEventLine("@9 5000 E session.end recipe=vw-audi-90s ok=0 keys=2 confirmed=1 reason=timeout lost=2")!)).toBe("No reaction in time. Key 2 not done: the car keeps it as it was");
  });

  it("pair --keys takes the protocol's own range (1 to 4, every recipe's most)", async () => {
    const { runCli } = await import("../cli/run-cli");
    const r = runCli(["pair", "--recipe", "bmw-zke", "--keys", "5", "--yes", "--sim", "zke"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--keys must be between 1 and 4, got 5/);
  });

  it("a press cap over the board's maximum says both lengths", () => {
    const ev = new Bench({ ...ESP32_RELAY8, maxPressMs: 3000 }).start().send("pair bmw-zke keys=1 confirm=1")[0];
    expect(sentence(ev)).toBe("a press of 3650 ms with its cap exceeds the board's 3000 ms");
  });

  it("every prompt, hint, violation, degraded, key and end reason of the scenario table has a sentence, and no line carries text", () => {
    const named = ["prompt", "hint", "violation", "degraded", "session.end"];
    for (const s of SCENARIOS) {
      const r = runScenario(s, inProcessBackend);
      for (const ev of r.events) {
        expect(ev.fields.text, `${s.name}: ${ev.event}`).toBeUndefined();
        if (named.includes(ev.event) || (ev.event === "key.result" && ev.fields.reason !== undefined)) {
          expect(sentence(ev), `${s.name}: ${ev.event} ${JSON.stringify(ev.fields)}`).toMatch(/^[A-Z]/);
        }
      }
    }
  });

  it("prompts say the event's numbers: key and time left", () => {
    const b = new Bench().start();
    b.send("pair bmw-zke keys=1 confirm=1");
    expect(sentence(b.one("prompt", { id: "ign-on" }))).toBe("Insert key 1, turn it to position 1 (KL R)");
    b.clock.runUntil(1000);
    b.set("ignition.klr", true);
    b.clock.runUntil(1100);
    expect(sentence(b.one("prompt", { id: "ign-off" }))).toBe("Back to off and remove the key within 4.9 s");
  });
});
