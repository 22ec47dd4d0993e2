import { describe, expect, it } from "vitest";
import { summarise } from "../../host/cli/pair/summary";
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
});
