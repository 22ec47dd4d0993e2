import type { Clock } from "../contracts";
import { runGuarded } from "./nodemcu-guard";

/** `tmr.now()` wraps at 2^31 microseconds (about 35 minutes) on the ESP8266. */
const COUNTER_WRAP = 2147483648;
/** Longest single `tmr` alarm every NodeMCU SDK accepts (ms); longer waits re-arm. */
const MAX_ALARM_MS = 6870947;

interface Scheduled {
  atMs: number;
  fn: () => void;
  timer: NodeMcuTimer | undefined;
}

/**
 * The HAL clock on NodeMCU: milliseconds since boot from `node.uptime()`
 * (ESP32, ESP8266 3.x) or else `tmr.now()`, unwrapped; one dynamic `tmr`
 * alarm per scheduled call (so calls keep their scheduling order), a task
 * post for calls already due (`tmr` alarms take 1 ms at least). A callback
 * never runs early: an alarm that fires before its time re-arms. Callbacks
 * run under the fault guard.
 */
export class NodeMcuClock implements Clock {
  private readCounter: (this: void) => number;
  private lastCounter: number;
  private micros: number;
  private nextId = 1;
  private scheduled: { [id: number]: Scheduled | undefined } = {};

  constructor() {
    const uptime = node.uptime;
    const counter = uptime !== undefined ? uptime : tmr.now;
    if (counter === undefined) error("fobsync: neither node.uptime nor tmr.now exists");
    this.readCounter = counter;
    this.lastCounter = counter();
    this.micros = this.lastCounter;
  }

  now(): number {
    const c = this.readCounter();
    let d = c - this.lastCounter;
    if (d < 0) d += COUNTER_WRAP;
    this.lastCounter = c;
    this.micros += d;
    return Math.floor(this.micros / 1000);
  }

  at(atMs: number, fn: () => void): number {
    const id = this.nextId;
    this.nextId = id + 1;
    this.scheduled[id] = { atMs: atMs, fn: fn, timer: undefined };
    this.arm(id);
    return id;
  }

  cancel(handle: number): void {
    const s = this.scheduled[handle];
    if (s === undefined) return;
    this.scheduled[handle] = undefined;
    if (s.timer !== undefined) s.timer.unregister();
  }

  /** Arm the alarm (or task) for a scheduled call. */
  private arm(id: number): void {
    const s = this.scheduled[id];
    if (s === undefined) return;
    let wait = Math.ceil(s.atMs - this.now());
    if (wait <= 0) {
      s.timer = undefined;
      node.task.post(() => this.due(id));
      return;
    }
    if (wait > MAX_ALARM_MS) wait = MAX_ALARM_MS;
    const t = tmr.create();
    s.timer = t;
    t.alarm(wait, tmr.ALARM_SINGLE, () => this.due(id));
  }

  /** An alarm or task fired: run the call if it is due, else wait on. */
  private due(id: number): void {
    const s = this.scheduled[id];
    if (s === undefined) return;
    if (this.now() < s.atMs) {
      this.arm(id);
      return;
    }
    this.scheduled[id] = undefined;
    runGuarded(s.fn);
  }
}
