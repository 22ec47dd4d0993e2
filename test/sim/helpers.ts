import { findPin } from "../../hal/board";
import { Switch } from "../../hal/sim/switch";
import type { Bench } from "../../host/sim/bench";

/** A switch on a board role, created the way the firmware creates it (released first). */
export function boardSwitch(bench: Bench, role: string): Switch {
  const p = findPin(bench.board, role);
  if (!p) throw new Error(`role ${role} not on the board`);
  const activeHigh = p.active === "high";
  return new Switch(bench.pins.output(p.pin, p.drive ?? "push-pull", !activeHigh), activeHigh);
}

/** Press a board switch for `ms` starting at absolute time `at`. */
export function pressAt(bench: Bench, sw: Switch, at: number, ms: number): void {
  bench.clock.at(at, () => sw.on());
  bench.clock.at(at + ms, () => sw.off());
}

/**
 * The ZKE procedure through the board's switches, from absolute time `t0`:
 * hold `hold`, tap `tap` `taps` times, release. Returns the release time.
 */
export function zkeThroughSwitches(
  bench: Bench,
  slot: number,
  t0: number,
  o: { holdBeforeMs?: number; tapMs?: number; gapMs?: number; taps?: number; releaseAfterMs?: number; hold?: string; tap?: string } = {},
): number {
  const hold = boardSwitch(bench, `fob${slot}.${o.hold ?? "unlock"}`);
  const tap = boardSwitch(bench, `fob${slot}.${o.tap ?? "lock"}`);
  const before = o.holdBeforeMs ?? 500;
  const tapMs = o.tapMs ?? 200;
  const gap = o.gapMs ?? 400;
  const taps = o.taps ?? 3;
  bench.clock.at(t0, () => hold.on());
  for (let i = 0; i < taps; i++) pressAt(bench, tap, t0 + before + i * (tapMs + gap), tapMs);
  const release = t0 + before + taps * tapMs + Math.max(0, taps - 1) * gap + (o.releaseAfterMs ?? 400);
  bench.clock.at(release, () => hold.off());
  return release;
}

/** Key in, position `pos` at `on`, back to off and key out at `off`. */
export function ignitionCycle(bench: Bench, on: number, off: number, pos: 1 | 2 = 1): void {
  bench.clock.at(on, () => {
    bench.ignition.insertKey();
    bench.ignition.turnTo(pos);
  });
  bench.clock.at(off, () => {
    bench.ignition.turnTo(0);
    bench.ignition.removeKey();
  });
}
