import type { Bench } from "./harness";

/** The test plays the car and the user by hand, at exact virtual times. */

/** KL R on at `onAt`, off `onFor` ms later (the clock is left at the off edge). */
export function ignitionCycle(b: Bench, onAt: number, onFor: number, role = "ignition.klr"): void {
  b.clock.runUntil(onAt);
  b.set(role, true);
  b.clock.runUntil(onAt + onFor);
  b.set(role, false);
}

/** The locks cycle (lock, unlock 600 ms later) at `at`, as the body module confirms a key. */
export function cycleLocks(b: Bench, at: number): void {
  b.clock.runUntil(at);
  b.set("lock.feedback", true);
  b.clock.runUntil(at + 600);
  b.set("lock.feedback", false);
}

/** The car confirms every key: the locks cycle when the hold button is released. */
export function confirmOnRelease(b: Bench, holdButton = "unlock"): void {
  for (const p of b.board.pins) {
    if (!p.role.endsWith("." + holdButton)) continue;
    b.pins.onOutput(p.pin, (high) => {
      if (high === (p.active === "high")) return;
      b.set("lock.feedback", true);
      b.clock.after(600, () => b.set("lock.feedback", false));
    });
  }
}

/** The ZKE key timeline the recipe's defaults give for a key whose hold starts at t0. */
export function zkeKeyPresses(fob: number, t0: number): { role: string; at: number; ms: number }[] {
  return [
    { role: `fob${fob}.unlock`, at: t0, ms: 3400 },
    { role: `fob${fob}.lock`, at: t0 + 500, ms: 400 },
    { role: `fob${fob}.lock`, at: t0 + 1500, ms: 400 },
    { role: `fob${fob}.lock`, at: t0 + 2500, ms: 400 },
  ];
}
