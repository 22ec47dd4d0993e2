import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { VirtualPins } from "../../hal/sim/virtual-pins";
import { Switch } from "../../hal/sim/switch";
import { Signal } from "../../hal/sim/signal";

describe("VirtualPins and the logical switch/signal", () => {
  it("an active-low switch is created released (high) and records its presses on the timeline", () => {
    const clock = new VirtualClock();
    const pins = new VirtualPins(clock);
    const sw = new Switch(pins.output(16, "push-pull", true), false);
    expect(pins.outputLevel(16)).toBe(true);
    clock.runUntil(100);
    sw.on();
    clock.runUntil(500);
    sw.off();
    expect(pins.timeline).toEqual([
      { t: 0, pin: 16, high: true, dir: "out" },
      { t: 100, pin: 16, high: false, dir: "out" },
      { t: 500, pin: 16, high: true, dir: "out" },
    ]);
    expect(sw.isOn()).toBe(false);
  });

  it("debounces inputs: a spike shorter than the debounce time is not reported", () => {
    const clock = new VirtualClock();
    const pins = new VirtualPins(clock);
    pins.drive(34, true); // pulled up: ignition off
    const klr = new Signal(pins.input(34, "none", 50), false);
    const edges: [boolean, number, number][] = [];
    klr.watch((active, at) => edges.push([active, at, clock.now()]));
    clock.runUntil(1000);
    pins.drive(34, false); // spike
    clock.runUntil(1020);
    pins.drive(34, true);
    clock.runUntil(2000);
    pins.drive(34, false); // real: ignition on
    clock.runUntil(3000);
    expect(edges).toEqual([[true, 2000, 2050]]);
    expect(klr.isActive()).toBe(true);
  });

  it("reports the edge time, not the time the debounce elapsed", () => {
    const clock = new VirtualClock();
    const pins = new VirtualPins(clock);
    const rf = new Signal(pins.input(27, "down", 5), true);
    const seen: number[] = [];
    rf.watch((_a, at) => seen.push(at));
    clock.runUntil(400);
    pins.drive(27, true);
    clock.runUntil(600);
    pins.drive(27, false);
    clock.runUntilIdle();
    expect(seen).toEqual([400, 600]);
  });

  it("tells the world about output changes and reads analog millivolts", () => {
    const clock = new VirtualClock();
    const pins = new VirtualPins(clock);
    const heard: boolean[] = [];
    pins.onOutput(17, (high) => heard.push(high));
    const sw = new Switch(pins.output(17, "open-drain", true), false);
    sw.on();
    sw.off();
    expect(heard).toEqual([true, false, true]);
    pins.setMillivolts(36, 1475);
    expect(pins.analog(36).readMillivolts()).toBe(1475);
  });
});
