import type { Platform } from "../hal/contracts";
import { fobCount, type DeviceBoard } from "../hal/board";
import { createCommands, type BuildInfo } from "./commands";
import { EventWriter } from "./event-writer";
import { Guard } from "./guard";
import { createIo, type Io } from "./io";
import { createSequencer, type Sequencer } from "./sequencer";

export type { BuildInfo } from "./commands";

/** The running firmware, as a composition root sees it. */
export interface Firmware {
  /** One command line, as if it arrived on the link. */
  handleLine(line: string): void;
  /** Every switch off now (target roots call it on fatal errors). */
  releaseAll(reason: string): void;
}

/**
 * Start the core: every switch created released first, inputs watched,
 * `link.onLine` registered, then the `boot` banner.
 */
export function startFirmware(platform: Platform, board: DeviceBoard, info: BuildInfo): Firmware {
  const clock = platform.clock;
  const w = new EventWriter(platform.link, clock);
  const g = new Guard(clock);
  const io = createIo(platform, board, w, g);
  const seq = createSequencer(io, w, g);
  const handle = createCommands(io, seq, w, g, info);
  g.onFault = (msg: string) => {
    io.bank.releaseAll();
    w.emit("E", "fault", ["msg", msg]);
    seq.reset();
  };
  for (const p of board.pins) watch(io, seq, w, g, p.role);
  const fw: Firmware = {
    handleLine: (line: string) => g.call(() => handle(line)),
    releaseAll: (reason: string) => g.onFault(reason),
  };
  platform.link.onLine(fw.handleLine);
  w.emit("I", "boot", ["fw", info.version, "build", info.build, "target", info.target, "board", board.id, "fobs", fobCount(board), "proto", 1]);
  return fw;
}

/** Report `role`'s debounced edges as `input` lines (rf only during a fob test) and pass them to the sequencer. */
function watch(io: Io, seq: Sequencer, w: EventWriter, g: Guard, role: string): void {
  const sig = io.sig(role);
  if (sig === undefined) return;
  sig.watch((active: boolean, at: number) => {
    try {
      if (role !== "rf" || seq.recipe() !== undefined) w.emit("I", "input", ["role", role, "on", active ? 1 : 0, "at", at]);
      seq.onInput(role, active, at);
    } catch (e) {
      g.fail(e);
    }
  });
}
