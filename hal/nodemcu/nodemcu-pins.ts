import type { Clock, Drive, InputPin, OutputPin, Pull } from "../contracts";
import { configureInput, configureOutput, watchEdges } from "./nodemcu-gpio";
import { fault, registerOutput, runGuarded } from "./nodemcu-guard";

/** How long past the board's press ceiling the pin-level backstop waits before it releases. */
export const BACKSTOP_MARGIN_MS = 100;

/**
 * A NodeMCU output. Writes the released level BEFORE the pin becomes an output
 * (no relay click at boot), and keeps an independent backstop: a level other
 * than released that lasts past `maxPressMs + BACKSTOP_MARGIN_MS` is a fault
 * (every output released, the core told), whatever the core believes.
 */
export class NodeMcuOutput implements OutputPin {
  private pin: number;
  private releasedHigh: boolean;
  private clock: Clock;
  private maxPressMs: number;
  private backstop = 0;

  constructor(pin: number, drive: Drive, releasedHigh: boolean, clock: Clock, maxPressMs: number) {
    this.pin = pin;
    this.releasedHigh = releasedHigh;
    this.clock = clock;
    this.maxPressMs = maxPressMs;
    gpio.write(pin, releasedHigh ? 1 : 0);
    configureOutput(pin, drive);
    registerOutput(pin, releasedHigh);
  }

  write(high: boolean): void {
    gpio.write(this.pin, high ? 1 : 0);
    if (high === this.releasedHigh) {
      if (this.backstop !== 0) this.clock.cancel(this.backstop);
      this.backstop = 0;
    } else if (this.backstop === 0) {
      const pin = this.pin;
      this.backstop = this.clock.at(this.clock.now() + this.maxPressMs + BACKSTOP_MARGIN_MS, () => {
        this.backstop = 0;
        fault("press on pin " + pin + " outlived the " + this.maxPressMs + " ms cap");
      });
    }
  }
}

/**
 * A NodeMCU input, debounced like Espruino's setWatch (and the simulated
 * bench): a change is reported once the raw level has stayed for
 * `debounceMs`, with the time of the edge that started it. `read()` gives the
 * debounced level. The edge time is when the Lua callback ran (NodeMCU queues
 * GPIO callbacks; the latency is well under the debounce times used).
 */
export class NodeMcuInput implements InputPin {
  private clock: Clock;
  private debounceMs: number;
  private raw: boolean;
  private reported: boolean;
  private pending = 0;
  private edgeAt = 0;
  private watchers: ((high: boolean, atMs: number) => void)[] = [];

  constructor(pin: number, pull: Pull, debounceMs: number, clock: Clock) {
    this.clock = clock;
    this.debounceMs = debounceMs;
    configureInput(pin, pull);
    this.raw = gpio.read(pin) === 1;
    this.reported = this.raw;
    watchEdges(pin, (high) => runGuarded(() => this.edge(high)));
  }

  read(): boolean {
    return this.reported;
  }

  watch(fn: (high: boolean, atMs: number) => void): void {
    this.watchers.push(fn);
  }

  /** A raw edge: (re)start the debounce unless the level went back to the reported one. */
  private edge(high: boolean): void {
    if (high === this.raw) return;
    this.raw = high;
    if (this.pending !== 0) this.clock.cancel(this.pending);
    this.pending = 0;
    if (high === this.reported) return;
    this.edgeAt = this.clock.now();
    this.pending = this.clock.at(this.edgeAt + this.debounceMs, () => this.settle());
  }

  /** The debounce time passed: report the level to every watcher. */
  private settle(): void {
    this.pending = 0;
    if (this.reported === this.raw) return;
    this.reported = this.raw;
    for (const w of this.watchers) w(this.raw, this.edgeAt);
  }
}
