/**
 * Degraded mode on a real board (no ignition input wired): the firmware waits
 * for `ack` after each manual step. While a prompt is open, Enter on the
 * terminal sends `ack`. Does nothing without a terminal.
 */
import { createInterface, type Interface } from "node:readline";
import type { DeviceEvent } from "../../protocol/event-line";
import type { CommandContext } from "../command-module";
import type { BoardSession } from "../../session/board-session";

export class AckOnEnter {
  private rl: Interface | null = null;
  private degraded = false;
  private waiting = false;

  constructor(
    private readonly ctx: CommandContext,
    private readonly session: BoardSession,
  ) {}

  /** Follow the events: after `degraded`, each prompt waits for Enter. */
  observe(ev: DeviceEvent): void {
    if (ev.event === "degraded") this.degraded = true;
    if (!this.degraded || !this.ctx.stdin.isTTY) return;
    if (ev.event === "prompt") {
      this.waiting = true;
      this.ctx.out.say("    press Enter when done", "prompt");
      this.listen();
    } else if (ev.event === "session.end") {
      this.stop();
    }
  }

  private listen(): void {
    if (this.rl) return;
    this.rl = createInterface({ input: this.ctx.stdin, terminal: false });
    this.rl.on("line", () => {
      if (!this.waiting) return;
      this.waiting = false;
      void this.session.send("ack");
    });
  }

  /** Stop reading the terminal. */
  stop(): void {
    this.rl?.close();
    this.rl = null;
  }
}
