/**
 * What every demo run shares: its session (2 keys, bmw-zke, fobs key1 and
 * key2), where it says its files are, and its exit code.
 */
import { EXIT } from "../../common/errors";
import type { Output } from "../../common/output";
import type { PairSummary } from "../../session/pair-summary";
import type { CarVerdict } from "./car-verdict";
import type { DemoFiles } from "./session-files";

export const DEMO_RECIPE = "bmw-zke";
export const DEMO_KEYS = 2;
/** The simulated fobs wired to relays 1 and 2, in session order. */
export const DEMO_FOBS = ["key1", "key2"];

/** The closing lines for a person: where the log and the timing diagram are. */
export function showFiles(out: Output, files: DemoFiles): void {
  out.say("");
  out.say(`Session log:    ${files.log}  (${files.events} firmware events, NDJSON)`, "ok");
  out.say(`Timing diagram: ${files.svg}  (open it in a browser; \`fobsync plot ${files.log}\` draws it again)`, "ok");
}

/**
 * 0 only when every key was confirmed by the firmware AND the simulated car
 * accepts exactly the demo's keys; 7 when aborted; 1 otherwise (said why).
 */
export function demoExit(summary: PairSummary, car: Pick<CarVerdict, "knownKeys"> | null, out: Output): number {
  if (summary.reason === "abort") return EXIT.aborted;
  if (!summary.ok) return EXIT.failed;
  if (car && car.knownKeys.join(",") !== DEMO_FOBS.join(",")) {
    out.message("error", `the firmware confirmed every key, but the simulated car accepts ${car.knownKeys.join(", ") || "no key"} (expected ${DEMO_FOBS.join(", ")})`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
