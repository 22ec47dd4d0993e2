/**
 * Regenerate the generated parts of the wiring docs from the default profile:
 * the table between the markers of docs/wiring.md and README.md, and docs/wiring.svg.
 * Run: npx tsx host/pictures/wiring-doc-cli.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { TABLE_END, TABLE_START, wiringDocSection } from "./wiring-markdown";
import { renderWiringSvg } from "./wiring-svg";

/** Replace the generated table between the markers of one document. */
function updateTable(path: URL, name: string): void {
  const doc = readFileSync(path, "utf8");
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(name + ": markers " + TABLE_START + " / " + TABLE_END + " not found");
  writeFileSync(path, doc.substring(0, start) + wiringDocSection(ESP32_RELAY8) + doc.substring(end + TABLE_END.length));
}

updateTable(new URL("../../docs/wiring.md", import.meta.url), "docs/wiring.md");
updateTable(new URL("../../README.md", import.meta.url), "README.md");
writeFileSync(new URL("../../docs/wiring.svg", import.meta.url), renderWiringSvg(ESP32_RELAY8));
console.log("updated docs/wiring.md, README.md and docs/wiring.svg");
