import { describe, expect, it } from "vitest";
import { parseEventLine, type DeviceEvent } from "../../host/protocol/event-line";
import { createBench } from "../../host/sim/bench";
import type { ZkeCar } from "../../host/sim/car-zke";
import { SimUser, readHandRecipe } from "../../host/sim/user";

const ev = (line: string): DeviceEvent => parseEventLine(line)!;

/** A bench without firmware whose user reads hand-written event lines; `sent` collects what the user sends. */
function userBench(user = {}, car: "zke" | "mini-early" = "zke") {
  const b = createBench({
    car: car === "zke" ? { kind: "zke" } : { kind: "mini-early", knownKeys: [{ id: "key1", counter: 0 }] },
    fobs: [{ id: "key1", slot: 1 }, { id: "spare", buttons: 3 }],
    user,
    backend: null,
  });
  return { b, user: b.user! };
}

describe("simulated user", () => {
  it("does the ZKE ignition step after its reaction time, and the board sees KL R (active low)", () => {
    const { b, user } = userBench();
    user.see(ev('@5 0 I prompt id=ign-on key=1 ms=120000'));
    b.runFor(1499);
    expect(b.ignition.state).toEqual({ keyIn: false, position: 0 });
    b.runFor(1);
    expect(b.ignition.state).toEqual({ keyIn: true, position: 1 });
    expect(b.pins.inputLevel(34)).toBe(false);
    user.see(ev('@6 1600 I prompt id=ign-off key=1 ms=5000'));
    b.runFor(1500);
    expect(b.ignition.state).toEqual({ keyIn: false, position: 0 });
    expect(b.pins.inputLevel(34)).toBe(true);
    expect((b.car as ZkeCar).sessionState).toBe("learning");
  });

  it("a slow user turns the ignition off after 6 s and the car does not arm", () => {
    const { b, user } = userBench({ delays: { "ign-off": 6000 } });
    user.see(ev("@5 0 I prompt id=ign-on key=1 ms=0"));
    b.runFor(1600);
    user.see(ev("@6 1600 I prompt id=ign-off key=1 ms=5000"));
    b.runFor(10000);
    expect((b.car as ZkeCar).log[0].text).toMatch(/not armed: ignition on for 6.1 s/);
  });

  it("initializes a spare key by hand on hand-key, and the car accepts it", () => {
    const { b, user } = userBench({ reactionMs: 0 });
    b.ignition.insertKey();
    b.ignition.turnTo(1);
    b.runFor(1000);
    b.ignition.turnTo(0);
    b.ignition.removeKey();
    user.see(ev("@9 1000 I prompt id=hand-key key=2 ms=30000 hold=unlock tap=lock n=3"));
    b.runFor(60000);
    expect(b.car.knownKeys).toEqual(["spare"]);
  });

  it("degraded mode: ign-cycle turns the key on and off, then sends ack", () => {
    const b = createBench({ user: false, backend: null });
    const sent: string[] = [];
    const user = new SimUser({ clock: b.clock, ignition: b.ignition, door: b.door, handFob: () => undefined, fobFor: () => undefined, personDid: () => {}, send: (l) => sent.push(l) }, { reactionMs: 100 });
    user.see(ev("@2 0 W degraded reason=no-ignition"));
    user.see(ev("@3 0 I prompt id=ign-cycle key=1 ms=0"));
    b.runFor(5000);
    expect(b.ignition.history.map((h) => [h.t, h.keyIn, h.position])).toEqual([
      [100, true, 0],
      [100, true, 1],
      [2100, true, 0],
      [2100, false, 0],
    ]);
    expect(sent).toEqual(["ack"]);
  });

  it("kl15-cycle goes to position 2 and back; end opens then closes the door", () => {
    const { b, user } = userBench({ reactionMs: 0 }, "mini-early");
    user.see(ev("@3 0 I prompt id=kl15-cycle key=1 ms=0"));
    b.runFor(5000);
    expect(b.ignition.history.map((h) => h.position)).toEqual([0, 2, 0, 0]);
    user.see(ev("@4 5000 I prompt id=end key=0 ms=0"));
    b.runFor(1);
    expect(b.door.isOpen).toBe(true);
    expect(b.pins.inputLevel(33)).toBe(false);
    b.runFor(3000);
    expect(b.door.isOpen).toBe(false);
  });

  it("ignores prompts when told to, and says when it does not understand one", () => {
    const { b, user } = userBench({ ignores: ["ign-on"] });
    user.see(ev("@3 0 I prompt id=ign-on key=1 ms=0"));
    user.see(ev("@4 0 I prompt id=dance key=1 ms=0"));
    b.runFor(5000);
    expect(b.ignition.state.keyIn).toBe(false);
    expect(user.actions.map((a) => a.text)).toEqual(["ignores prompt ign-on", "does not know what prompt dance asks"]);
  });

  it("reads what a hand-key prompt asks, defaulting to the ZKE procedure", () => {
    expect(readHandRecipe(ev("@9 0 I prompt id=hand-key key=3 ms=9000 hold=lock tap=unlock n=2"))).toEqual({ hold: "lock", tap: "unlock", taps: 2 });
    expect(readHandRecipe(ev("@9 0 I prompt id=hand-key key=3 ms=9000"))).toEqual({ hold: undefined, tap: "lock", taps: 3 });
    expect(readHandRecipe(ev("@9 0 I prompt id=hand-key key=3 ms=9000 tap=unlock n=1"))).toEqual({ hold: undefined, tap: "unlock", taps: 1 });
  });

  it("follows a hand-key prompt's variant and acks when asked to", () => {
    const b = createBench({ car: { kind: "zke", params: { holdButton: "lock", tapButton: "unlock" } }, fobs: [{ id: "key1", slot: 1 }, { id: "spare" }], user: false, backend: null });
    const sent: string[] = [];
    const user = new SimUser({ clock: b.clock, ignition: b.ignition, door: b.door, handFob: () => b.fob("spare"), fobFor: () => undefined, personDid: () => {}, send: (l) => sent.push(l) }, { reactionMs: 0, ackHandKey: true });
    b.ignition.insertKey();
    b.ignition.turnTo(1);
    b.runFor(1000);
    b.ignition.turnTo(0);
    user.see(ev("@9 1000 I prompt id=hand-key key=2 ms=30000 hold=lock tap=unlock n=3"));
    b.runFor(60000);
    expect(b.car.knownKeys).toEqual(["spare"]);
    expect(sent).toEqual(["ack"]);
  });

  it("rejects negative timings", () => {
    expect(() => userBench({ reactionMs: -1 })).toThrow(/reactionMs/);
  });
});
