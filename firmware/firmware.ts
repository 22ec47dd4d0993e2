import type { Platform } from "../hal/contracts";
import { fobCount, type DeviceBoard } from "../hal/board";
import { createCommands, type BuildInfo } from "./commands";
import { bare, createWriter } from "./event-writer";
import { fail, type Guard } from "./guard";
import { createIo } from "./io";
import { createSequencer } from "./sequencer";

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
 * `link.onLine` registered, then the `boot` banner. Input edges are reported
 * as `input` lines (rf only while a procedure runs: a receiver's noise would
 * flood the link) and passed to the sequencer.
 */
export function startFirmware(platform: Platform, board: DeviceBoard, info: BuildInfo): Firmware {
  const clock = platform.clock;
  const emit = createWriter(platform.link, clock);
  const g: Guard = { onFault: (m: string) => {} };
  const io = createIo(platform, board, emit, clock, g);
  const seq = createSequencer(io, emit, clock, g);
  const handle = createCommands(io, seq, emit, clock, info);
  g.onFault = (msg: string) => {
    io.bank.releaseAll();
    emit("E", "fault msg=" + bare(msg));
    seq.reset();
  };
  io.watch((role: string, active: boolean, at: number) => {
    try {
      if (role !== "rf" || seq.busy()) emit("I", "input role=" + role + " on=" + (active ? 1 : 0) + " at=" + at);
      seq.onInput(role, active, at);
    } catch (e) {
      fail(g, e);
    }
  });
  const fw: Firmware = {
    handleLine(line: string): void {
      try {
        handle(line);
      } catch (e) {
        fail(g, e);
      }
    },
    releaseAll: (reason: string) => g.onFault(reason),
  };
  platform.link.onLine(fw.handleLine);
  emit("I", "boot fw=" + info.version + " build=" + info.build + " target=" + info.target + " board=" + board.id + " fobs=" + fobCount(board) + " proto=1");
  return fw;
}
