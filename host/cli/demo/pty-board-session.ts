/**
 * The demo's conversation with its virtual board: the SAME serial session
 * `pair --port` opens (real serialport bindings on the pty), plus two things
 * only a demo can have: device time estimated on the virtual clock rather
 * than the wall clock (virtual time runs `speed` times faster, and the live
 * countdown must follow it) and a record of every line that came over the
 * port (the session log).
 */
import type { Bench } from "../../sim/bench";
import type { BoardSession, SessionLine } from "../../session/board-session";
import { openSerialSession } from "../../session/open-serial-session";
import type { SerialSession } from "../../session/serial-session";
import { DeviceClockEstimate } from "../../session/device-clock";

/** The board the demo talks to: its port, and the bench whose clock is the device's time base. */
type DemoBoard = { hostPath: string; bench: Bench };

export class PtyBoardSession implements BoardSession {
  readonly kind = "serial" as const;
  /** Every line received, in order. */
  readonly lines: SessionLine[] = [];
  private readonly clock: DeviceClockEstimate;

  private constructor(
    private readonly serial: SerialSession,
    board: DemoBoard,
    readonly description: string,
  ) {
    this.clock = new DeviceClockEstimate(() => board.bench.clock.now());
  }

  /** Open the board's port at `baudRate`, as `pair --port` does. */
  static async open(board: DemoBoard, baudRate: number, description: string): Promise<PtyBoardSession> {
    const serial = await openSerialSession(board.hostPath, baudRate, "espruino");
    return new PtyBoardSession(serial, board, description);
  }

  send(command: string): Promise<void> {
    return this.serial.send(command);
  }

  async next(limitMs: number, signal?: AbortSignal): Promise<SessionLine | null> {
    const line = await this.serial.next(limitMs, signal);
    if (line) this.lines.push(line);
    if (line?.kind === "event") this.clock.observe(line.event.ms);
    return line;
  }

  /** Device ms now: the latest event's time plus the virtual time elapsed since it arrived. */
  deviceNow(): number {
    return this.clock.now();
  }

  close(): Promise<void> {
    return this.serial.close();
  }
}
