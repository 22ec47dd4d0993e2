/**
 * Drive one firmware procedure over a BoardSession: check the firmware
 * answers, send the command, pass every line to `onLine` until the procedure's
 * end event, and on Ctrl-C send `abort` (the firmware releases every switch)
 * and wait for the session to end. While it runs, a heartbeat (`hb`) goes to
 * the board every HEARTBEAT_MS: a board that stops hearing it ends the
 * session by itself (firmware/host-watch.ts).
 */
import { describe } from "../protocol/texts";
import type { DeviceEvent } from "../protocol/event-line";
import { textField } from "../protocol/event-line";
import { CliError, EXIT } from "../common/errors";
import { ANSWER_MS, HEARTBEAT_MS, type BoardSession, type SessionLine } from "./board-session";

export interface RunOptions {
  /** The protocol command, e.g. "pair bmw-zke keys=2 confirm=2". */
  command: string;
  /** Event that ends the procedure ("session.end", "test.end"). */
  endEvent: string;
  /** Longest silence accepted from the board (ms; virtual on the simulator). */
  idleLimitMs: number;
  /** Every line, as it arrives. */
  onLine(line: SessionLine): void;
  /** While waiting on a real board: called about every `tickMs` (live countdowns). */
  onTick?(): void;
  tickMs?: number;
  signal: AbortSignal;
}

export interface RunResult {
  events: DeviceEvent[];
  aborted: boolean;
  /** The end event, or null when aborted before it came. */
  end: DeviceEvent | null;
}

/** Command names whose refusal is a usage problem (the user's command line), not a board failure. */
const USAGE_CODES = ["bad-argument", "recipe-invalid", "confirm-mismatch", "keys-out-of-range", "unknown-command", "too-long", "garbage"];

/** Time allowed for the board to answer `version` and `abort`. */

/** Ask `version` and wait for `ok cmd=version`; throws "board not answering" (exit 5) otherwise. */
export async function checkFirmware(session: BoardSession, onLine: (l: SessionLine) => void, signal: AbortSignal, say: (text: string) => void = () => {}): Promise<DeviceEvent> {
  const started = Date.now();
  session.markLine?.();
  for (let attempt = 0; ; attempt++) {
    await session.send("version");
    // a board that (re)boots meanwhile missed the question: its boot line says to ask again
    const answer = await waitFor(session, (e) => e.event === "version" || e.event === "boot", attempt === 0 ? ANSWER_MS : BOOT_RETRY_MS, onLine, signal);
    if (answer?.event === "version") return answer;
    const garbage = session.lineProblem?.();
    if (garbage) throw garbage;
    if (signal.aborted) throw new CliError("aborted", "interrupted before the board answered: nothing was pressed", EXIT.aborted);
    const waited = Date.now() - started;
    if (waited >= BOOT_WAIT_MS || (answer === null && session.kind !== "serial")) {
      throw new CliError(
        "no-answer",
        answer === null
          ? `no answer to 'version' from the ${session.description} within ${(Math.max(waited, ANSWER_MS) / 1000).toFixed(0)} s`
          : `the ${session.description} kept restarting for ${(waited / 1000).toFixed(0)} s and never answered 'version' (a boot loop?)`,
        EXIT.noAnswer,
        answer === null
          ? "is the fobsync firmware flashed (fobsync flash)? is the baud rate right (fobsync doctor --listen 3000)?"
          : "check the board's power supply (a weak USB port resets an ESP32 when its radio starts), then flash again",
      );
    }
    if (attempt === 0) say(`waiting for the board to boot (asking again for up to ${BOOT_WAIT_MS / 1000} s)...`);
  }
}

/**
 * A board that has just been plugged in (or reset by the port opening: DTR
 * resets most ESP boards) drops what arrives while its ROM and Espruino
 * boot, about 1 to 2 s on an ESP32: `version` is asked again every
 * BOOT_RETRY_MS for up to BOOT_WAIT_MS before the board is called silent.
 */
export const BOOT_WAIT_MS = 8000;
const BOOT_RETRY_MS = 1000;

/** Run the procedure to its end event (or abort). */
export async function runProcedure(session: BoardSession, opts: RunOptions): Promise<RunResult> {
  const events: DeviceEvent[] = [];
  const collect = (line: SessionLine) => {
    if (line.kind === "event") events.push(line.event);
    opts.onLine(line);
  };
  const name = opts.command.split(" ")[0];
  await session.send(opts.command);
  let idle = 0;
  let beat = sessionNow(session);
  // on the simulator the session's clock only moves inside next(): wake at least once a heartbeat
  const step = session.kind === "serial" ? opts.tickMs ?? 250 : HEARTBEAT_MS;
  for (;;) {
    if (opts.signal.aborted) return abortRun(session, events, collect);
    if (sessionNow(session) - beat >= HEARTBEAT_MS) {
      beat = sessionNow(session);
      await session.send("hb");
    }
    const line = await session.next(step, opts.signal);
    if (session.kind === "sim") await yieldToEvents();
    if (!line) {
      if (opts.signal.aborted) return abortRun(session, events, collect);
      idle += step;
      if (idle >= opts.idleLimitMs) throw silent(session, opts.idleLimitMs);
      opts.onTick?.();
      continue;
    }
    idle = 0;
    collect(line);
    if (line.kind !== "event") continue;
    const ev = line.event;
    if (ev.event === "error" && textField(ev, "cmd") === name) throw refused(ev);
    if (ev.event === opts.endEvent) return { events, aborted: false, end: ev };
  }
}

async function abortRun(session: BoardSession, events: DeviceEvent[], collect: (l: SessionLine) => void): Promise<RunResult> {
  await session.send("abort");
  const end = await waitFor(session, (e) => e.event === "session.end" || (e.event === "ok" && textField(e, "cmd") === "abort"), ANSWER_MS, collect);
  // after `ok cmd=abort` a running session still reports its end: give it the same time
  const final = end && end.event === "ok" ? await waitFor(session, (e) => e.event === "session.end", ANSWER_MS, collect) : end;
  return { events, aborted: true, end: final };
}

/** Next event matching `pred` within `limitMs`; every line goes to `onLine`. */
async function waitFor(
  session: BoardSession,
  pred: (e: DeviceEvent) => boolean,
  limitMs: number,
  onLine: (l: SessionLine) => void,
  signal?: AbortSignal,
): Promise<DeviceEvent | null> {
  const deadline = sessionNow(session) + limitMs;
  for (;;) {
    const left = deadline - sessionNow(session);
    if (left <= 0) return null;
    const line = await session.next(left, signal);
    if (!line) return null;
    onLine(line);
    if (line.kind === "event" && pred(line.event)) return line.event;
  }
}

/** The session's own time: the wall clock on a real board, virtual time on the simulator. */
function sessionNow(session: BoardSession): number {
  return session.kind === "serial" ? Date.now() : session.deviceNow();
}

function refused(ev: DeviceEvent): CliError {
  const code = textField(ev, "code");
  const exit = USAGE_CODES.includes(code) ? EXIT.usage : EXIT.failed;
  return new CliError(`firmware-${code || "error"}`, `the firmware refused '${textField(ev, "cmd")}': ${describe(ev) ?? code}`, exit);
}

function silent(session: BoardSession, ms: number): CliError {
  return new CliError("no-answer", `the ${session.description} was silent for ${Math.round(ms / 1000)} s`, EXIT.noAnswer, "check the board's power and cable; the firmware's own limits should have ended the session");
}

/** Let Ctrl-C and output flush between simulated steps (the simulator never waits by itself). */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
