import type { BoardDescription } from "../../hal/board";
import { wiringTable } from "./wiring-table";

/** Markers around the generated table in docs/wiring.md. */
export const TABLE_START = "<!-- wiring-table:start -->";
export const TABLE_END = "<!-- wiring-table:end -->";

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** The wiring table of a board as a GitHub markdown table. */
export function wiringMarkdown(board: BoardDescription): string {
  const head = ["pin", "role", "part", "resistors", "set-up", "goes to"];
  const lines = ["| " + head.join(" | ") + " |", "|" + head.map(() => " --- |").join("")];
  for (const r of wiringTable(board)) {
    const cells = [r.gpio, "`" + r.role + "`", r.part || "(not described)", r.resistors.join("; ") || "-", r.electrical, r.connectsTo];
    lines.push("| " + cells.map(cell).join(" | ") + " |");
  }
  return lines.join("\n") + "\n";
}

/** The generated table as it sits between the markers of docs/wiring.md. */
export function wiringDocSection(board: BoardDescription): string {
  return TABLE_START + "\n" + wiringMarkdown(board) + TABLE_END;
}
