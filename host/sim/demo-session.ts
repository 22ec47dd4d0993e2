import type { BoardBackendFactory } from "./backend";
import { createBench } from "./bench";
import { inProcessBackend } from "./in-process-backend";

export interface DemoOptions {
  /** Where each output line goes (the CLI passes its printer). */
  print: (line: string) => void;
  /** What runs the firmware; default the in-process core. */
  backend?: BoardBackendFactory;
  /** Also print what the simulated user and car did, interleaved. Default true. */
  world?: boolean;
}

export interface DemoResult {
  /** The firmware's lines, as written. */
  lines: string[];
  /** Fob ids the car knows at the end, in order. */
  knownKeys: string[];
  /** Both keys learned, in order, and the session ended ok. */
  ok: boolean;
}

const DEMO_KEYS = ["key1", "key2"];

/** Virtual time as `[  12.345 s]`. */
export function stamp(ms: number): string {
  return `[${(ms / 1000).toFixed(3).padStart(8)} s]`;
}

/**
 * The issue-2 demo: a 2-key `bmw-zke` session on the simulated bench (a ZKE
 * car that knows an old key, two wired fobs, a user at the car). Prints each
 * firmware line with its virtual time as it is written, then the car's verdict.
 */
export function runDemoSession(options: DemoOptions): DemoResult {
  const print = options.print;
  const showWorld = options.world ?? true;
  const backend = options.backend ?? inProcessBackend;
  let now = () => 0;
  const printing: BoardBackendFactory = (ctx) => backend({ ...ctx, onLine: (line) => (print(`${stamp(now())} ${line}`), ctx.onLine(line)) });
  const bench = createBench({ car: { kind: "zke", knownKeys: ["old-key"] }, fobs: [{ id: "key1", slot: 1 }, { id: "key2", slot: 2 }], backend: printing });
  now = () => bench.clock.now();
  if (showWorld) {
    bench.ignition.onChange((s, b, t) => print(`${stamp(t)}   user: ${s.keyIn !== b.keyIn ? (s.keyIn ? "key inserted" : "key removed") : `ignition to position ${s.position}`}`));
    bench.door.onChange((open, t) => print(`${stamp(t)}   user: door ${open ? "opened" : "closed"}`));
    bench.car.locks.onChange((locked, t) => print(`${stamp(t)}   car: locks ${locked ? "locked" : "unlocked"}`));
  }
  try {
    bench.send("pair bmw-zke keys=2 confirm=2");
    const end = bench.runUntilEvent("session.end", 300_000);
    bench.runFor(5_000);
    const knownKeys = bench.car.knownKeys;
    const ok = end !== null && end.fields.ok === 1 && JSON.stringify(knownKeys) === JSON.stringify(DEMO_KEYS);
    print("");
    for (const l of bench.car.log) print(`${stamp(l.t)}   car log: ${l.text}`);
    print(`Car verdict: the car now knows ${knownKeys.length} key(s): ${knownKeys.join(", ") || "none"}${knownKeys.includes("old-key") ? "" : " (old-key was de-programmed)"}`);
    return { lines: [...bench.lines], knownKeys, ok };
  } finally {
    bench.close();
  }
}
