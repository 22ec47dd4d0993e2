import { describe, expect, it } from "vitest";
import { parseEventLine } from "../host/protocol/event-line";

describe("parseEventLine", () => {
  it("reads the head, bare, numeric and quoted fields", () => {
    const ev = parseEventLine('@7 15230 I prompt id=ign-on key=1 ms=120000 text="Insert key 1, turn it to position 1 (KL R)"\r');
    expect(ev).toEqual({
      seq: 7,
      ms: 15230,
      level: "I",
      event: "prompt",
      fields: { id: "ign-on", key: 1, ms: 120000, text: "Insert key 1, turn it to position 1 (KL R)" },
    });
  });

  it("keeps non-integers and lists as text", () => {
    const ev = parseEventLine("@2 10 I boot fw=0.1.0 build=3f9a fobs=2 on=fob1.unlock,fob1.lock empty=");
    expect(ev?.fields).toEqual({ fw: "0.1.0", build: "3f9a", fobs: 2, on: "fob1.unlock,fob1.lock", empty: "" });
  });

  it("rejects REPL noise and malformed lines", () => {
    for (const line of [">", "Uncaught Error: x", "@x 1 I boot", "@1 2 Q boot", "@1 2 I boot key", '@1 2 I boot t="open', "@1 2 I Boot"]) {
      expect(parseEventLine(line)).toBeNull();
    }
  });
});
