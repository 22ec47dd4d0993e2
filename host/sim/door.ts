import type { BoardDescription } from "../../hal/board";
import type { VirtualClock } from "../../hal/sim/virtual-clock";
import type { VirtualPins } from "../../hal/sim/virtual-pins";
import { roleDriver } from "./wiring";

/** The car's doors as one contact: open when any door is open. Drives the board's `door` input when wired. */
export class Door {
  private open = false;
  private clock: VirtualClock;
  private listeners: ((open: boolean, t: number) => void)[] = [];

  constructor(clock: VirtualClock) {
    this.clock = clock;
  }

  get isOpen(): boolean {
    return this.open;
  }

  onChange(fn: (open: boolean, t: number) => void): void {
    this.listeners.push(fn);
  }

  setOpen(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    const t = this.clock.now();
    for (const fn of this.listeners) fn(open, t);
  }
}

/** Make the board's `door` input follow the door contact. Returns false when not wired. */
export function wireDoor(door: Door, pins: VirtualPins, board: BoardDescription): boolean {
  const contact = roleDriver(pins, board, "door");
  if (!contact) return false;
  door.onChange(contact);
  contact(door.isOpen);
  return true;
}
