import { describe, expect, it } from "vitest";
import { summarise } from "../../host/session/pair-summary";
import { parseEventLine, type DeviceEvent } from "../../host/protocol/event-line";

const events = (lines: string[]): DeviceEvent[] => lines.map((l) => parseEventLine(l)!);

describe("pair summary", () => {
  it("explains a failed key and a missed window in sentences from the host's catalogue", () => {
    const s = summarise(
      events([
        "@5 4000 I key.start key=1 fob=1",
        "@9 8000 E key.result key=1 result=failed reason=no-lock-cycle",
        "@10 9000 E violation id=start key=2 at=40000",
        "@11 9001 E session.end recipe=bmw-zke ok=0 keys=2 confirmed=0 reason=failed lost=2",
      ]),
      "bmw-zke",
      2,
      "sim",
    );
    expect(s.ok).toBe(false);
    expect(s.keys[0]).toMatchObject({ key: 1, fob: 1, result: "failed", reason: "no-lock-cycle" });
    expect(s.keys[0].text).toMatch(/lock/i);
    expect(s.keys[1].result).toBe("not done");
    expect(s.violations).toEqual(["Missed the start window: start again"]);
    expect(s.reason).toBe("failed");
  });

  it("a key guided by hand (the firmware's fob=0) is 'by hand', not fob 0", () => {
    const s = summarise(
      events([
        "@5 4000 I key.start key=1 fob=1",
        "@6 6000 I key.result key=1 result=confirmed",
        "@7 7000 I key.start key=2 fob=0",
        "@8 9000 I key.result key=2 result=unverified reason=acked",
        "@9 9001 I session.end recipe=bmw-zke ok=1 keys=2 confirmed=1 reason=done",
      ]),
      "bmw-zke",
      2,
      "sim",
    );
    expect(s.keys.map((k) => [k.fob, k.byHand])).toEqual([
      [1, false],
      [null, true],
    ]);
  });
});
