import type { OutputPin } from "../contracts";

/**
 * For the simulated bench and its tests (the firmware has its own, firmware/switch-bank.ts).
 * A logical switch across a fob button: `on()` presses it, `off()` releases it.
 * Polarity is declared once (board description) and hidden here.
 * Created released: the constructor writes the released level.
 */
export class Switch {
  private pin: OutputPin;
  private activeHigh: boolean;
  private state = false;

  constructor(pin: OutputPin, activeHigh: boolean) {
    this.pin = pin;
    this.activeHigh = activeHigh;
    this.pin.write(!activeHigh);
  }

  on(): void {
    this.state = true;
    this.pin.write(this.activeHigh);
  }

  off(): void {
    this.state = false;
    this.pin.write(!this.activeHigh);
  }

  isOn(): boolean {
    return this.state;
  }
}
