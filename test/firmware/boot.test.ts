import { describe, expect, it } from "vitest";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { Bench } from "./harness";

describe("boot", () => {
  it("releases every switch before anything else and writes the banner", () => {
    const b = new Bench().start();
    const outs = b.pins.timeline.filter((c) => c.dir === "out");
    const outputRoles = ESP32_RELAY8.pins.filter((p) => p.drive !== undefined);
    expect(outs).toHaveLength(outputRoles.length);
    for (const p of outputRoles) expect(b.isPressed(p.role)).toBe(false);
    expect(b.lines).toEqual(["@1 0 I boot fw=0.1.0 build=test1234 target=core board=esp32-relay8 proto=2 rf=1 radios=off fobs=2"]);
  });

  it("answers version", () => {
    const b = new Bench().start();
    expect(b.send("version").map((e) => [e.event, e.fields])).toEqual([
      ["version", { fw: "0.1.0", build: "test1234", target: "core", board: "esp32-relay8", proto: 2, rf: 1, radios: "off" }],
      ["ok", { cmd: "version" }],
    ]);
  });

  it("says in its boot and version lines which radios the chip keeps on (a console anyone in range can reach)", () => {
    const b = new Bench(ESP32_RELAY8, {}, undefined, "wifi+ble").start();
    expect(b.lines[0]).toMatch(/ radios=wifi\+ble /);
    expect(b.send("version")[0].fields.radios).toBe("wifi+ble");
  });
});
