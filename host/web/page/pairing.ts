/**
 * A pairing session from the page: the `pair` line (key count confirmed by
 * the user, forum=1 when they accepted a forum-only recipe), every line to the
 * view, one big instruction at a time with the time left, and the summary
 * `fobsync pair` prints. Stop sends `abort` (the board releases every switch);
 * a heartbeat goes to the board every second, so a closed tab ends the session.
 */
import type { Recipe } from "../../../firmware/recipes/types";
import type { DeviceEvent } from "../../protocol/event-line";
import { numberField, textField } from "../../protocol/event-line";
import { describe, secondsText } from "../../protocol/texts";
import { checkCommand } from "../../serial/firmware-command";
import { HEARTBEAT_MS, type SessionLine } from "../../session/board-session";
import { summarise, type PairSummary } from "../../session/pair-summary";
import { WindowCountdown } from "../../session/window-countdown";
import type { Board } from "./board";

export interface PairView {
  /** What the person must do now (a prompt's sentence), and how long they have. */
  instruction(text: string, ms: number): void;
  /** The live countdown of the open window (null: none). */
  countdown(text: string | null): void;
  /** Every line, for the session's log. */
  line(line: SessionLine): void;
}

/** The longest the board may stay silent in a session (its own limits end it sooner). */
const SILENT_MS = 15 * 60 * 1000;

export async function pairOnBoard(board: Board, recipe: Recipe, keys: number, forum: boolean, view: PairView, signal: AbortSignal): Promise<{ summary: PairSummary; events: DeviceEvent[] }> {
  const command = checkCommand([`pair ${recipe.name}`, `keys=${keys}`, `confirm=${keys}`, ...(forum ? ["forum=1"] : [])].join(" "));
  const events: DeviceEvent[] = [];
  const countdown = new WindowCountdown();
  let resolveEnd!: (ev: DeviceEvent) => void;
  let rejectEnd!: (err: Error) => void;
  const ended = new Promise<DeviceEvent>((resolve, reject) => ((resolveEnd = resolve), (rejectEnd = reject)));
  let lastLine = Date.now();
  const stop = board.listen((line) => {
    lastLine = Date.now();
    view.line(line);
    if (line.kind !== "event") return;
    const ev = line.event;
    events.push(ev);
    countdown.observe(ev);
    if (ev.event === "prompt") view.instruction(describe(ev) || textField(ev, "id"), numberField(ev, "ms"));
    if (ev.event === "error" && textField(ev, "cmd") === "pair") rejectEnd(new Error(`the board refused: ${describe(ev) ?? textField(ev, "code")}`));
    if (ev.event === "session.end") resolveEnd(ev);
  });
  // the board ends a session it stops hearing from (firmware/host-watch.ts): a closed tab cannot leave one running
  let beat = Date.now();
  const tick = setInterval(() => {
    if (Date.now() - beat >= HEARTBEAT_MS) {
      beat = Date.now();
      void board.send("hb").catch(() => undefined);
    }
    view.countdown(countdown.text(board.session.deviceNow()));
    if (Date.now() - lastLine > SILENT_MS) rejectEnd(new Error(`the board was silent for ${secondsText(SILENT_MS)}`));
  }, 200);
  const onAbort = () => void board.send("abort");
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    await board.send(command);
    const end = await ended;
    const summary = summarise(events, recipe.name, keys, board.description);
    if (textField(end, "reason") === "abort") summary.reason = "abort";
    return { summary, events };
  } finally {
    signal.removeEventListener("abort", onAbort);
    clearInterval(tick);
    view.countdown(null);
    stop();
  }
}
