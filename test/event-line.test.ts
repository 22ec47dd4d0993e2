import fc from "fast-check";
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

  it("keeps a number with a leading zero as text (a build id such as 09262559 keeps its zero)", () => {
    const ev = parseEventLine("@1 20 I boot build=09262559 n=0 m=-07 k=10");
    expect(ev?.fields).toEqual({ build: "09262559", n: 0, m: "-07", k: 10 });
  });

  it("rejects REPL noise and malformed lines", () => {
    for (const line of [">", "Uncaught Error: x", "@x 1 I boot", "@1 2 Q boot", "@1 2 I boot key", '@1 2 I boot t="open', "@1 2 I Boot"]) {
      expect(parseEventLine(line)).toBeNull();
    }
  });
});

/** The grammar of docs/protocol.md as regular expressions: the oracle for the scanner. */
function parseByGrammar(line: string) {
  const text = line.endsWith("\r") ? line.slice(0, -1) : line;
  const head = /^@(\d+) (\d+) ([EWID]) ([a-z0-9.-]+)/.exec(text);
  if (!head) return null;
  const field = / ([A-Za-z0-9_.-]+)=(?:"([^"]*)"|([^\s"]*))/y;
  const fields: Record<string, string | number> = {};
  let pos = head[0].length;
  while (pos < text.length) {
    field.lastIndex = pos;
    const m = field.exec(text);
    if (!m) return null;
    fields[m[1]] = m[2] !== undefined ? m[2] : /^-?(0|[1-9]\d{0,14})$/.test(m[3]) ? Number(m[3]) : m[3];
    pos = field.lastIndex;
  }
  return { seq: Number(head[1]), ms: Number(head[2]), level: head[3], event: head[4], fields };
}

describe("parseEventLine agrees with the protocol grammar", () => {
  const pieces = ["@", "1", "23", "0", "07", " ", "I", "E", "W", "D", "Q", "boot", "key.result", "Key", "k", "=", "v", '"', "a b", "-", "-12", "0.5", "\t", "\r", "x_y", "é", "1234567890123456"];
  it("on random lines built from protocol pieces", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const line = parts.join("");
        expect(parseEventLine(line)).toEqual(parseByGrammar(line));
      }),
      { numRuns: 3000 },
    );
  });
  it("on random well-formed lines", () => {
    const value = fc.oneof(fc.integer().map(String), fc.stringMatching(/^[a-z0-9,.-]{0,6}$/), fc.stringMatching(/^[^"\r\n]{0,12}$/).map((s) => `"${s}"`));
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.constantFrom("E", "W", "I", "D"), fc.stringMatching(/^[a-z0-9.-]{1,10}$/), fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z0-9_.-]{1,6}$/), value), { maxLength: 6 }), (seq, ms, level, event, fields) => {
        const line = `@${seq} ${ms} ${level} ${event}${fields.map(([k, v]) => ` ${k}=${v}`).join("")}`;
        const parsed = parseEventLine(line);
        expect(parsed).toEqual(parseByGrammar(line));
        expect(parsed).not.toBeNull();
      }),
    );
  });
});
