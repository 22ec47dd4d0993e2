import { numberField, textField, type DeviceEvent } from "../protocol/event-line";
import { remainingMs } from "./device-clock";

/** Seconds with one decimal: 12345 -> "12.3 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Tracks the latest open window (and what is counted in it) and renders a live countdown for it. */
export class WindowCountdown {
  private window: { id: string; to: number } | null = null;
  private counted: { n: number; of: number; min: number } | null = null;

  /** Follow the events: a window opens, an edge is counted; a key result, violation or session end closes it. */
  observe(ev: DeviceEvent): void {
    if (ev.event === "window") {
      this.window = { id: textField(ev, "id"), to: numberField(ev, "to") };
      this.counted = null;
    } else if (ev.event === "count") {
      this.window = { id: textField(ev, "id"), to: numberField(ev, "to") };
      this.counted = numberField(ev, "n") < numberField(ev, "of") ? { n: numberField(ev, "n"), of: numberField(ev, "of"), min: numberField(ev, "min") } : null;
      if (!this.counted) this.window = null;
    } else if (ev.event === "key.result" || ev.event === "session.end" || ev.event === "violation") this.window = null;
  }

  /** "window 'taps': 7.3 s left", "'cycles': 3 of 8, 6.2 s left", or null when no window is open. */
  text(deviceNowMs: number): string | null {
    if (!this.window) return null;
    const left = seconds(remainingMs(this.window.to, deviceNowMs));
    const c = this.counted;
    if (c) return `    '${this.window.id}': ${c.n} of ${c.of}, ${left} left${c.min > 0 ? `, not faster than one per ${seconds(c.min)}` : ""}`;
    return `    window '${this.window.id}': ${left} left`;
  }
}
