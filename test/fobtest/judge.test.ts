import { describe, expect, it } from "vitest";
import { FOB_TEST_DEFAULTS, judgeButton, timingProblem, windowEnd, type RfEdge } from "../../host/fobtest/judge";
import { batteryReadingOf, batteryVerdict, readBattery } from "../../host/fobtest/battery";
import { benchTestProblem } from "../../host/fobtest/run-fob-test";
import { parseEventLine, type DeviceEvent } from "../../host/protocol/event-line";
import { describe as sentence } from "../../host/protocol/texts";

const T = FOB_TEST_DEFAULTS; // press 400, wait 300, quiet 700
const on = (at: number): RfEdge => ({ on: true, at });
const off = (at: number): RfEdge => ({ on: false, at });

function ev(line: string): DeviceEvent {
  const e = parseEventLine(line);
  if (!e) throw new Error(`bad line ${line}`);
  return e;
}

describe("judging one button (device times)", () => {
  it("the window ends max(press, wait) + quiet after the switch closed", () => {
    expect(windowEnd(1000, T)).toBe(2100);
    expect(windowEnd(1000, { pressMs: 100, waitMs: 300, quietMs: 700 })).toBe(2000);
  });

  it("the window must end while the board still reports RF edges (5 s after the release)", () => {
    expect(timingProblem(T)).toBeNull();
    expect(timingProblem({ pressMs: 400, waitMs: 300, quietMs: 5000 })).toBeNull();
    expect(timingProblem({ pressMs: 100, waitMs: 300, quietMs: 5000 })).toMatch(/ends 5200 ms after the release/);
  });

  it("PASS with latency and burst when RF starts within waitMs", () => {
    expect(judgeButton(1000, [on(1040), off(1220)], T)).toEqual({ result: "PASS", rf: "1", latencyMs: 40, burstMs: 180, reason: "-" });
    // exactly waitMs still passes
    expect(judgeButton(1000, [on(1300), off(1480)], T)).toMatchObject({ result: "PASS", latencyMs: 300 });
  });

  it("FAIL slow when RF comes after waitMs, with its latency and burst", () => {
    expect(judgeButton(1000, [on(1500), off(1680)], T)).toEqual({ result: "FAIL", rf: "1", latencyMs: 500, burstMs: 180, reason: "slow" });
    expect(judgeButton(1000, [on(1301), off(1400)], T)).toMatchObject({ result: "FAIL", reason: "slow", latencyMs: 301 });
  });

  it("FAIL no-rf without an on-edge in the window", () => {
    const none = { result: "FAIL", rf: "0", latencyMs: null, burstMs: null, reason: "no-rf" };
    expect(judgeButton(1000, [], T)).toEqual(none);
    // edges of an earlier press (before t0) and after the window end do not count
    expect(judgeButton(1000, [on(900), off(1010), on(2101), off(2300)], T)).toEqual(none);
    // an off-edge alone (a burst that began before t0) is not a transmission
    expect(judgeButton(1000, [off(1050)], T)).toEqual(none);
  });

  it("the burst runs to the window end when RF is still on", () => {
    expect(judgeButton(1000, [on(1030)], T)).toEqual({ result: "PASS", rf: "1", latencyMs: 30, burstMs: 2100 - 1030, reason: "-" });
    // an off-edge after the window end is not seen either
    expect(judgeButton(1000, [on(1030), off(2500)], T)).toMatchObject({ burstMs: 1070 });
  });

  it("takes the first on-edge and the first off-edge after it, in time order whatever the arrival order", () => {
    expect(judgeButton(0, [off(400), on(250), on(20), off(200)], T)).toMatchObject({ latencyMs: 20, burstMs: 180 });
    // an on-edge exactly at t0 counts (latency 0)
    expect(judgeButton(500, [on(500), off(700)], T)).toMatchObject({ result: "PASS", latencyMs: 0, burstMs: 200 });
  });
});

describe("battery verdict (BMW LED key thresholds)", () => {
  it("ok from 2600 mV, weak from 2200 mV, flat below", () => {
    expect([3000, 2600, 2599, 2400, 2200, 2199, 2000, 0].map(batteryVerdict)).toEqual(["ok", "ok", "weak", "weak", "weak", "flat", "flat", "flat"]);
  });

  it("the battery event has a sentence on the host", () => {
    expect(sentence(ev("@9 120 I battery fob=2 mv=2400 scale=2000 gain=1012"))).toBe("Fob 2 cell 2.40 V ± 0.14 V (calibrated): weak, only unlock still transmits: charge or replace it");
    expect(sentence(ev("@9 120 I battery fob=1 mv=3000 scale=2000 gain=0"))).toBe("Fob 1 cell 3.00 V ± 0.39 V (uncalibrated ADC): ok");
    expect(sentence(ev("@9 120 I battery fob=1 mv=1700 scale=2000 gain=0"))).toMatch(/^Fob 1 cell 1\.70 V ± 0\.28 V \(uncalibrated ADC\): flat/);
    expect(sentence(ev("@9 120 I battery fob=2 mv=2400 scale=2000 gain=0"))).toBe(
      "Fob 2 cell 2.40 V ± 0.34 V (uncalibrated ADC): flat or ok, the reading cannot tell; calibrate its input once: fobsync test-fob --fob 2 --calibrate <mV you measured>",
    );
  });

  it("an uncalibrated reading is trusted to 9.1 % plus 60 mV at the pin, a calibrated one to 1 % plus the same; both scaled by the divider; a verdict only when the whole band agrees", () => {
    expect(readBattery(3000, 2000, 0)).toEqual({ mv: 3000, errMv: 393, calibrated: false, verdict: "ok", low: "ok", high: "ok" });
    expect(readBattery(2900, 2000, 0)).toMatchObject({ errMv: 384, verdict: "unsure", low: "weak", high: "ok" });
    expect(readBattery(2900, 2000, 1043)).toMatchObject({ errMv: 149, calibrated: true, verdict: "ok" });
    expect(readBattery(2400, 1000, 1000)).toMatchObject({ errMv: 84, verdict: "weak" });
    // an older firmware's line (no scale, no gain): the shipped 2:1 divider, uncalibrated
    expect(batteryReadingOf(ev("@9 120 I battery fob=1 mv=3000")).errMv).toBe(393);
  });
});

describe("what the host test needs from the firmware (version line)", () => {
  it("protocol 2 with an RF receiver: fine", () => {
    expect(benchTestProblem(ev("@3 120 I version fw=0.1.0 build=ab12cd34 target=core board=esp32-relay8 proto=2 rf=1"))).toBeNull();
  });

  it("older firmware: reflash (exit 6)", () => {
    const e = benchTestProblem(ev("@3 120 I version fw=0.1.0 build=ab12cd34 target=espruino proto=1"));
    expect(e).toMatchObject({ code: "firmware-outdated", exit: 6, hint: "reflash with fobsync flash" });
    expect(e?.message).toBe("the board's firmware (fw=0.1.0 proto=1) is too old for this fobsync: the bench test needs protocol 2 (RF edges and the cell reported from a bench press)");
    expect(benchTestProblem(ev("@3 120 I version fw=0.0.9 build=x"))).toMatchObject({ code: "firmware-outdated" });
  });

  it("no RF receiver wired: the test cannot hear the fob (exit 1)", () => {
    const e = benchTestProblem(ev("@3 120 I version fw=0.1.0 build=ab12cd34 target=core proto=2 rf=0"));
    expect(e).toMatchObject({ code: "firmware-not-wired", exit: 1 });
    expect(e?.message).toBe("no RF receiver wired (role rf): the test cannot hear the fob");
  });
});
