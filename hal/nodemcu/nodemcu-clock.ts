import type { Clock } from "../contracts";
import { runGuarded } from "./nodemcu-guard";

/** `tmr.now()` wraps at 2^31 microseconds (about 35 minutes) on the ESP8266. */
const COUNTER_WRAP = 2147483648;
/** Longest single `tmr` alarm every NodeMCU SDK accepts (ms); longer waits re-arm. */
const MAX_ALARM_MS = 6870947;

/**
 * The HAL clock on NodeMCU: milliseconds since boot from `node.uptime()`
 * (ESP32, ESP8266 3.x) or else `tmr.now()`, unwrapped (read at least once per
 * wrap, which every timer and command does). One dynamic `tmr` alarm per
 * scheduled call, so calls keep their scheduling order; a call already due
 * goes through `node.task.post` (alarms take 1 ms at least). A callback never
 * runs early: an alarm that fires before its time re-arms. Callbacks run
 * under the fault guard.
 */
export function createNodeMcuClock(): Clock {
  const uptime = node.uptime;
  const counter = uptime !== undefined ? uptime : tmr.now;
  if (counter === undefined) error("fobsync: no node.uptime or tmr.now");
  let last = counter();
  let micros = last;
  let nextId = 1;
  /** Pending calls: handle -> their tmr object, or true while a task post is queued. */
  const pending: { [handle: number]: NodeMcuTimer | true | undefined } = {};

  const now = (): number => {
    const c = counter();
    let d = c - last;
    if (d < 0) d += COUNTER_WRAP;
    last = c;
    micros += d;
    return Math.floor(micros / 1000);
  };

  /** Wait for `atMs` with an alarm (or a task post when already due), then call `due`. */
  const arm = (id: number, atMs: number, due: (this: void) => void): void => {
    const wait = Math.ceil(atMs - now());
    if (wait <= 0) {
      pending[id] = true;
      node.task.post(due);
      return;
    }
    const t = tmr.create();
    pending[id] = t;
    t.alarm(wait < MAX_ALARM_MS ? wait : MAX_ALARM_MS, tmr.ALARM_SINGLE, due);
  };

  return {
    now: (): number => now(),
    at: <A>(atMs: number, fn: (arg: A) => void, arg?: A): number => {
      const id = nextId;
      nextId = id + 1;
      const due: (this: void) => void = () => {
        if (pending[id] === undefined) return;
        if (now() < atMs) arm(id, atMs, due);
        else {
          pending[id] = undefined;
          runGuarded(fn, arg as A);
        }
      };
      arm(id, atMs, due);
      return id;
    },
    cancel: (handle: number): void => {
      const t = pending[handle];
      pending[handle] = undefined;
      if (t !== undefined && t !== true) t.unregister();
    },
  };
}
