import { describe, expect, it } from "vitest";
import { openSimSession } from "../../host/cli/session/sim-bench";
import { checkFirmware, runProcedure } from "../../host/session/run-session";
import type { SessionLine } from "../../host/session/board-session";
import { DeviceClockEstimate, remainingMs } from "../../host/session/device-clock";
import { WindowCountdown } from "../../host/session/window-countdown";
import { summarise } from "../../host/session/pair-summary";
import { parseEventLine, textField, type DeviceEvent } from "../../host/protocol/event-line";

function ev(line: string): DeviceEvent {
  const e = parseEventLine(line);
  if (!e) throw new Error(`bad line ${line}`);
  return e;
}

describe("board session on the simulated bench", () => {
  it("Ctrl-C mid-press sends abort: the session ends with reason abort and every switch is released", async () => {
    const session = openSimSession({ car: "zke", keys: 2, faults: [], firmware: "core" });
    const stop = new AbortController();
    const lines: SessionLine[] = [];
    const onLine = (l: SessionLine) => {
      lines.push(l);
      if (l.kind === "event" && l.event.event === "switch" && textField(l.event, "role") === "fob1.lock") stop.abort();
    };
    await checkFirmware(session, onLine, stop.signal);
    const result = await runProcedure(session, { command: "pair bmw-zke keys=2 confirm=2", endEvent: "session.end", idleLimitMs: 600_000, onLine, signal: stop.signal });
    expect(result.aborted).toBe(true);
    expect(result.end && textField(result.end, "reason")).toBe("abort");
    const held = new Map<string, number>();
    for (const l of lines) {
      if (l.kind !== "event" || l.event.event !== "switch") continue;
      const role = textField(l.event, "role");
      held.set(role, (held.get(role) ?? 0) + (textField(l.event, "on") === "1" ? 1 : -1));
    }
    expect([...held.entries()].filter(([, n]) => n !== 0)).toEqual([]);
    expect(session.bench.car.knownKeys).toEqual([]);
    await session.close();
  });

  it("refuses a board that does not answer 'version' with exit 5", async () => {
    const session = openSimSession({ car: "zke", keys: 1, faults: [], firmware: "core" });
    const silent = { ...session, kind: session.kind, description: "silent board", send: async () => {}, next: session.next.bind(session), deviceNow: () => session.deviceNow(), close: () => session.close() };
    // drain the boot banner so nothing answers
    while (await session.next(0)) { /* skip */ }
    await expect(checkFirmware(silent, () => {}, new AbortController().signal)).rejects.toMatchObject({ exit: 5, code: "no-answer" });
  });
});

describe("summary of a session", () => {
  it("counts only confirmed keys and marks keys never started", () => {
    const events = [
      ev("@5 100 I key.start key=1 fob=1"),
      ev("@9 5000 I key.result key=1 result=confirmed"),
      ev("@10 5100 I key.start key=2 fob=2"),
      ev('@14 9000 E key.result key=2 result=failed reason=no-cycle text="the locks did not cycle"'),
      ev('@15 9001 E session.end recipe=bmw-zke ok=0 keys=3 confirmed=1 reason=violation text="x"'),
    ];
    const s = summarise(events, "bmw-zke", 3, "bench");
    expect(s).toMatchObject({ ok: false, keysAsked: 3, keysConfirmed: 1, reason: "violation" });
    expect(s.keys.map((k) => [k.key, k.fob, k.result, k.reason])).toEqual([[1, 1, "confirmed", "-"], [2, 2, "failed", "no-cycle"], [3, null, "not done", "-"]]);
  });
});

describe("live window countdown", () => {
  it("counts down from the window's device-time bound using host time since the last event", () => {
    let host = 1_000_000;
    const clock = new DeviceClockEstimate(() => host);
    const countdown = new WindowCountdown();
    const window = ev("@20 4050 I window id=taps key=1 from=4050 to=14050");
    clock.observe(window.ms);
    countdown.observe(window);
    expect(countdown.text(clock.now())).toBe("    window 'taps': 10.0 s left");
    host += 2700;
    expect(countdown.text(clock.now())).toBe("    window 'taps': 7.3 s left");
    host += 20_000;
    expect(remainingMs(14050, clock.now())).toBe(0);
    countdown.observe(ev("@30 9000 I key.result key=1 result=confirmed"));
    expect(countdown.text(clock.now())).toBeNull();
  });

  it("the live view counts edges: how many of how many, the time left, and how fast is too fast", () => {
    const countdown = new WindowCountdown();
    countdown.observe(ev("@40 3000 I window id=cycles key=1 from=3000 to=13000"));
    countdown.observe(ev("@41 3800 I count id=cycles key=1 n=3 of=8 at=3800 to=13000 min=500"));
    expect(countdown.text(6800)).toBe("    'cycles': 3 of 8, 6.2 s left, not faster than one per 0.5 s");
    countdown.observe(ev("@42 4300 I count id=cycles key=1 n=4 of=8 at=4300 to=13000 min=0"));
    expect(countdown.text(6800)).toBe("    'cycles': 4 of 8, 6.2 s left");
    countdown.observe(ev("@43 8000 I count id=cycles key=1 n=8 of=8 at=8000 to=13000 min=0"));
    expect(countdown.text(8000)).toBeNull();
  });
});
