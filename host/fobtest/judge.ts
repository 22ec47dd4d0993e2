/**
 * Judging one button of the fob bench test, from device times only: the
 * firmware stamps the switch closing (`t0`, the `switch on=1` line's ms) and
 * each RF receiver edge (`input role=rf at=`); the host decides.
 *
 * PASS when the receiver's first on-edge at or after t0 comes within
 * `waitMs` of t0. Edges are read until the window end
 * t0 + max(pressMs, waitMs) + quietMs (the next press starts no earlier).
 */
export interface FobTestTiming {
  /** How long each button is held. */
  pressMs: number;
  /** The fob must start transmitting within this of the switch closing. */
  waitMs: number;
  /** Listening goes on this long after max(pressMs, waitMs), for the burst's end. */
  quietMs: number;
}

/** The old firmware recipe's parameters (fob-test), kept by the host. */
export const FOB_TEST_DEFAULTS: FobTestTiming = { pressMs: 400, waitMs: 300, quietMs: 700 };

/** The board reports RF edges from a bench press until this long after its release (protocol 2). */
export const RF_REPORTED_AFTER_RELEASE_MS = 5000;

/** Why a timing cannot be judged (the window outlasts the RF reports), or null. */
export function timingProblem(timing: FobTestTiming): string | null {
  const afterRelease = windowEnd(0, timing) - timing.pressMs;
  if (afterRelease <= RF_REPORTED_AFTER_RELEASE_MS) return null;
  return `listening ends ${afterRelease} ms after the release (max(press, wait) - press + quiet), but the board reports RF edges only until ${RF_REPORTED_AFTER_RELEASE_MS} ms after it`;
}

/** One debounced RF receiver edge, at device time `at`. */
export interface RfEdge {
  on: boolean;
  at: number;
}

export interface ButtonVerdict {
  result: "PASS" | "FAIL";
  /** "1" when the receiver heard the fob in the window, else "0" (as the firmware's test.button said it). */
  rf: "1" | "0";
  /** First on-edge - t0; null without RF. */
  latencyMs: number | null;
  /** First off-edge after it - the on-edge, or window end - on-edge when still on; null without RF. */
  burstMs: number | null;
  /** "-" on PASS; "slow" (RF came after waitMs) or "no-rf". */
  reason: "-" | "slow" | "no-rf";
}

/** Device time when listening for the press at `t0` ends. */
export function windowEnd(t0: number, timing: FobTestTiming): number {
  return t0 + Math.max(timing.pressMs, timing.waitMs) + timing.quietMs;
}

/** The verdict for a press whose switch closed at device time `t0`, from the RF edges heard (any order, any time). */
export function judgeButton(t0: number, edges: RfEdge[], timing: FobTestTiming): ButtonVerdict {
  const end = windowEnd(t0, timing);
  const inWindow = edges.filter((e) => e.at >= t0 && e.at <= end).sort((a, b) => a.at - b.at);
  const on = inWindow.find((e) => e.on);
  if (!on) return { result: "FAIL", rf: "0", latencyMs: null, burstMs: null, reason: "no-rf" };
  const off = inWindow.find((e) => !e.on && e.at >= on.at);
  const latencyMs = on.at - t0;
  const burstMs = (off ? off.at : end) - on.at;
  const pass = latencyMs <= timing.waitMs;
  return { result: pass ? "PASS" : "FAIL", rf: "1", latencyMs, burstMs, reason: pass ? "-" : "slow" };
}
