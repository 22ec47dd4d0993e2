import type { Clock } from "../hal/contracts";

/**
 * No session runs without a host watching it. During a session the host
 * sends a line at least every HOST_SILENCE_MS (`hb`, a line with no answer,
 * every second; any command counts); when none comes for that long the
 * session ends with reason `host-lost`, every switch released. The limit is
 * fixed by the protocol (docs/protocol.md) and shorter than any step's own
 * window (the ZKE's 30 s, a GM truck's 16 s hold), so a host that died, a
 * closed page or a pulled cable cannot leave a session running unattended.
 */
export const HOST_SILENCE_MS = 5000;

let clock: Clock | undefined = undefined;
let heard = 0;
let timer = 0;
let lost: () => void = () => {};

export function startHostWatch(time: Clock, onLost: () => void): void {
  clock = time;
  lost = onLost;
}

/** A line came from the host: it is there now. */
export function hostHeard(): void {
  heard = (clock as Clock).now();
}

/** Watch from now on (a session started: the command that started it counts as heard). */
export function watchHost(): void {
  hostHeard();
  arm(heard + HOST_SILENCE_MS);
}

/** Stop watching (the session ended). */
export function unwatchHost(): void {
  (clock as Clock).cancel(timer);
  timer = 0;
}

function arm(t: number): void {
  const c = clock as Clock;
  c.cancel(timer);
  timer = c.at(t, check);
}

/** Due: silent too long ends the session; else wait until the latest line is that old. */
function check(): void {
  timer = 0;
  const due = heard + HOST_SILENCE_MS;
  if ((clock as Clock).now() >= due) lost();
  else arm(due);
}
