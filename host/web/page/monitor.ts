/**
 * The monitor tab: every line from the board (filters by level and event
 * name, as `fobsync monitor` has), and a command line that sends a firmware
 * command (`status`, `press 1 lock 300`...), checked before it goes.
 */
import { describe } from "../../protocol/texts";
import { checkCommand } from "../../serial/firmware-command";
import type { SessionLine } from "../../session/board-session";
import type { Board } from "./board";
import { byId, el } from "./ui";

const LEVELS = ["E", "W", "I", "D"];
const MAX_LINES = 2000;

export function startMonitor(board: Board): void {
  const out = byId("monitor-lines");
  const level = byId<HTMLSelectElement>("monitor-level");
  const events = byId<HTMLInputElement>("monitor-events");
  const shown = (line: SessionLine): boolean => {
    if (line.kind === "raw") return level.value === "D";
    const names = events.value.split(",").map((s) => s.trim()).filter(Boolean);
    return LEVELS.indexOf(line.event.level) <= LEVELS.indexOf(level.value) && (names.length === 0 || names.includes(line.event.event));
  };
  board.listen((line) => {
    if (!shown(line)) return;
    const text = line.kind === "event" ? `${line.text}${describe(line.event) ? `   — ${describe(line.event)}` : ""}` : `| ${line.text}`;
    out.append(el("div", { class: `line level-${line.kind === "event" ? line.event.level : "raw"}` }, text));
    while (out.childElementCount > MAX_LINES) out.firstElementChild!.remove();
    out.scrollTop = out.scrollHeight;
  });
  const form = byId<HTMLFormElement>("monitor-form");
  const input = byId<HTMLInputElement>("monitor-command");
  const error = byId("monitor-error");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    try {
      const line = checkCommand(input.value.trim());
      error.textContent = "";
      void board.send(line);
      input.value = "";
    } catch (err) {
      error.textContent = (err as Error).message;
    }
  });
}
