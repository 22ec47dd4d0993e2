/**
 * Estimate a board's clock from the events it sends: the device ms of the
 * latest event plus the host time elapsed since it arrived. Used for live
 * countdowns of the car's windows (their bounds are device times).
 */
export class DeviceClockEstimate {
  private deviceMs = 0;
  private hostAtEvent: number;

  constructor(private readonly hostNow: () => number) {
    this.hostAtEvent = hostNow();
  }

  /** An event with device time `deviceMs` arrived now. */
  observe(deviceMs: number): void {
    this.deviceMs = deviceMs;
    this.hostAtEvent = this.hostNow();
  }

  /** Device ms now (estimate). */
  now(): number {
    return this.deviceMs + (this.hostNow() - this.hostAtEvent);
  }
}

/** Milliseconds left until device time `toMs`, never negative. */
export function remainingMs(toMs: number, deviceNowMs: number): number {
  return Math.max(0, toMs - deviceNowMs);
}
