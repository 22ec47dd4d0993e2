/**
 * Follows sequence numbers and boot banners (docs/protocol.md: `seq` counts
 * 1, 2, 3 ... per boot, a `boot` event restarts it). Tells the monitor about
 * lost lines and reboots, and why the board restarted, from what was seen
 * just before: the ESP32 ROM's reset cause, a brownout, a firmware fault, a
 * port that went away, or a command the host sent.
 */
import type { DeviceEvent } from "../protocol/event-line";

export type SequenceNote =
  | { kind: "lost"; from: number; to: number }
  | { kind: "reboot"; reason: string; build?: string };

/** ESP32 ROM boot line, e.g. `rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)`; ESP8266: `rst cause:2, boot mode:(3,6)`. */
const ROM_RESET = /rst:0x[0-9a-f]+ \(([A-Z0-9_]+)\)|rst cause:(\d)/;
const ESP8266_CAUSES: Record<string, string> = {
  "0": "power-on", "1": "hardware watchdog", "2": "reset pin", "3": "software reset", "4": "software watchdog",
};

export class SequenceTracker {
  epoch = 0;
  private expected = 0;
  private hint: string | null = null;

  /** Remember a reason for the next reboot (strongest evidence wins: later calls overwrite). */
  noteHint(reason: string): void {
    this.hint = reason;
  }

  /** Look at a console line that is not an event for reset causes. */
  rawLine(text: string): void {
    const m = ROM_RESET.exec(text);
    if (m) this.hint = m[1] ? `reset by the chip: ${m[1]}` : `reset by the chip: ${ESP8266_CAUSES[m[2]] ?? `cause ${m[2]}`}`;
    else if (/[Bb]rownout/.test(text)) this.hint = "brownout: the supply voltage dropped";
  }

  /** Account for one event; returns what the monitor should report before it. */
  event(ev: DeviceEvent): SequenceNote[] {
    const notes: SequenceNote[] = [];
    if (ev.event === "boot") {
      notes.push({ kind: "reboot", reason: this.takeHint(this.epoch === 0 ? "first boot seen" : "the board restarted (no cause seen)"), build: ev.fields.build === undefined ? undefined : String(ev.fields.build) });
      this.epoch++;
      if (ev.seq > 1) notes.push({ kind: "lost", from: 1, to: ev.seq - 1 });
    } else if (this.epoch === 0) {
      // Joined a running board: start counting from here.
      this.epoch = 1;
    } else if (ev.seq < this.expected) {
      notes.push({ kind: "reboot", reason: this.takeHint("sequence numbers restarted without a boot banner (the banner was lost)") });
      this.epoch++;
      if (ev.seq > 1) notes.push({ kind: "lost", from: 1, to: ev.seq - 1 });
    } else if (ev.seq > this.expected) {
      notes.push({ kind: "lost", from: this.expected, to: ev.seq - 1 });
    }
    if (ev.event === "fault") this.hint = `firmware fault: ${String(ev.fields.msg ?? "")}`;
    this.expected = ev.seq + 1;
    return notes;
  }

  private takeHint(fallback: string): string {
    const h = this.hint ?? fallback;
    this.hint = null;
    return h;
  }
}
