/**
 * The scenario table on the REAL Espruino interpreter: the shipped bytes
 * built for the scenario's board, stored as `.bootcde` behind the pin bridge
 * (host/sim/real-espruino), with the simulated bench in real time.
 *
 * The bench's virtual clock starts when the firmware's boot line arrives and
 * then follows real time at speed 1, so the scenario's command and world
 * times mean the same as on the virtual backends. After the `until` event,
 * the run settles until the world has nothing left to do (no car, user or
 * world timer pending) plus a grace for the firmware's last lines, at most
 * `settleMs`: the car's windows still run in full, but idle seconds do not.
 */
import { createBench, type Bench, type BenchOptions } from "../../host/sim/bench";
import { RealtimeDriver } from "../../host/sim/realtime-driver";
import { realEspruinoFactory, type RealEspruinoBoard } from "../../host/sim/real-espruino/real-espruino-board";
import type { BoardDescription } from "../../hal/board";
import { startEspruino } from "../../host/espruino/espruino-process";
import { PIN_BRIDGE_SOURCE } from "../../host/sim/real-espruino/pin-bridge";
import { scenarioResult, type Scenario, type ScenarioResult } from "./scenarios";

/** Real ms the firmware gets after the world is idle, for its last lines. */
const GRACE_MS = 1500;
/** Real ms the firmware may take to boot. */
const BOOT_MS = 15_000;

export interface InterpreterRun extends ScenarioResult {
  /** JsVars in use after boot and at the end (process.memory().usage, bridge included). */
  memory: { afterBoot: number; atEnd: number };
}

/** A bench whose firmware is the shipped bytes on the real interpreter, booted, its clock following real time. */
export interface InterpreterBench {
  bench: Bench;
  board: RealEspruinoBoard;
  /** JsVars in use right after boot (bridge included). */
  afterBoot: number;
  /** Stop the clock and the interpreter. */
  stop(): Promise<void>;
}

/**
 * Make the bench with `bundle` on the real interpreter, wait for the
 * firmware's boot line, then start the bench clock (virtual 0 = the boot).
 */
export async function bootOnInterpreter(options: Omit<BenchOptions, "backend">, bundle: string): Promise<InterpreterBench> {
  let driver: RealtimeDriver | null = null;
  let started = false;
  let board!: RealEspruinoBoard;
  const bench = createBench({ ...options, backend: realEspruinoFactory({ bundle, sync: () => started && driver!.step() }, (b) => (board = b)) });
  driver = new RealtimeDriver(bench.clock, { speed: 1, tickMs: 5 });
  const d = driver;
  const stop = async () => {
    d.stop();
    await board.stop();
  };
  try {
    await board.ready;
    if (!(await until(() => bench.events.some((e) => e.event === "boot"), BOOT_MS))) throw new Error(`no boot line within ${BOOT_MS} ms:\n${bench.lines.join("\n")}`);
    const afterBoot = await jsVarsInUse(board);
    started = true;
    d.start();
    return { bench, board, afterBoot, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Run one scenario; the interpreter is stopped afterwards. `bundleFor` gives the shipped bytes for a board. */
export async function runOnInterpreter(s: Scenario, bundleFor: (board: BoardDescription | undefined) => string): Promise<InterpreterRun> {
  const { bench, board, afterBoot, stop } = await bootOnInterpreter(s.bench, bundleFor(s.bench.board));
  try {
    let mark = -1;
    let sent = 0;
    for (const c of s.commands) {
      bench.clock.at(c.at, () => {
        bench.send(c.line);
        if (++sent === s.commands.length) mark = bench.events.length;
      });
    }
    await until(() => mark >= 0 && bench.events.slice(mark).some((e) => e.event === s.until), s.limitMs);
    const settleEnd = Date.now() + s.settleMs;
    await until(() => bench.clock.pending() === 0, s.settleMs);
    await sleep(Math.min(GRACE_MS, Math.max(0, settleEnd - Date.now())));
    const atEnd = await jsVarsInUse(board);
    return { ...scenarioResult(bench), memory: { afterBoot, atEnd } };
  } finally {
    await stop();
  }
}

/**
 * JsVars in use (process.memory().usage) after `load()` with these Storage
 * files and nothing talking to the board: the pin bridge's own share is
 * `jsVarsWith({".boot0": PIN_BRIDGE_SOURCE, ".bootcde": ""}) - jsVarsWith({".bootcde": ""})`.
 */
export async function jsVarsWith(files: { [name: string]: string }): Promise<number> {
  return Number((await askAfterLoad(files, '\x10print("MEM="+process.memory().usage)\n', /MEM=(\d+)\r?\n/))[1]);
}

/** What `expression` (one line, its value printed as text) gives after `load()` with these Storage files. */
export async function answerAfterLoad(files: { [name: string]: string }, expression: string): Promise<string> {
  return (await askAfterLoad(files, `\x10print("ANSWER="+(${expression}))\n`, /ANSWER=([^\r\n]*)\r?\n/))[1];
}

/** The interpreter's `E.dumpVariables()` listing after `load()` with these Storage files (host/espruino/jsvar-breakdown.ts reads it). */
export async function jsVarDumpWith(files: { [name: string]: string }): Promise<string> {
  // Everything the interpreter printed before the end marker. (A pattern that captures the listing
  // itself, /([\s\S]*)DUMPEND/, backtracks over the whole output at every chunk until the marker
  // comes: quadratic in the listing's ~26 KB, it held the event loop past the timeout.)
  const end = await askAfterLoad(files, '\x10E.dumpVariables();print("DUMP"+"END")\n', /DUMPEND\r?\n/);
  return end.input.slice(0, end.index);
}

/** Load `files`, then send `line` and give the first match of `answer` in the output that follows (its `input` is that output). */
async function askAfterLoad(files: { [name: string]: string }, line: string, answer: RegExp): Promise<RegExpExecArray> {
  let problem = "";
  // A fresh interpreter per try: the Linux build can garble console input under load (docs/espruino.md section 7).
  for (let attempt = 0; attempt < 3; attempt++) {
    const p = startEspruino();
    try {
      // `.boot3` runs last at load() and says so: the question is asked only once everything ran (it keeps no JsVars).
      const loaded = p.waitFor(/FSLOADED\r?\n/, 8000);
      p.store({ ...files, ".boot3": 'print("FS"+"LOADED")' }, "load()");
      if (!(await loaded)) {
        problem = `the interpreter did not load its Storage files; it printed: ${JSON.stringify(p.output().slice(-400))}`;
        continue;
      }
      const m = p.waitFor(answer, 15_000);
      p.write(line);
      const got = await m;
      if (got) return got;
      problem = "the interpreter did not answer " + JSON.stringify(line);
    } finally {
      await p.stop();
    }
  }
  throw new Error(problem);
}

/** The pin bridge's own JsVars at rest (before the firmware configures pins). */
export async function bridgeJsVars(): Promise<number> {
  return (await jsVarsWith({ ".boot0": PIN_BRIDGE_SOURCE, ".bootcde": "" })) - (await jsVarsWith({ ".bootcde": "" }));
}

/** The peak of a 4-key `bmw-zke` session (keys 3 and 4 guided by hand on the default 2-fob board), sampled every 100 ms. */
export interface SessionPeak {
  /** Highest process.memory().usage seen, bridge included. */
  peak: number;
  samples: number;
  /** The session.end fields. */
  end: { [field: string]: string | number };
}

/** Run a 4-key `bmw-zke` session on `bundle` and sample its JsVars every 100 ms until it ends. */
export async function fourKeySessionPeak(bundle: string, board?: BoardDescription): Promise<SessionPeak> {
  const ids = ["key1", "key2", "key3", "key4"];
  const b = await bootOnInterpreter({ car: { kind: "zke", knownKeys: ["old"] }, board, fobs: ids.map((id, i) => (i < 2 ? { id, slot: i + 1 } : { id })) }, bundle);
  try {
    let peak = b.afterBoot;
    let samples = 0;
    b.bench.send("pair bmw-zke keys=4 confirm=4");
    const ended = () => b.bench.events.find((e) => e.event === "session.end");
    const until = Date.now() + 120_000;
    while (!ended()) {
      // a reading the loaded machine did not give in time is none (not 0); the samples count those read
      const answer = await b.board.evaluate("process.memory().usage", 2000);
      if (answer !== null && /^\d+$/.test(answer)) {
        peak = Math.max(peak, Number(answer));
        samples++;
      }
      await sleep(100);
      if (Date.now() > until) throw new Error("the 4-key session did not end within 2 minutes");
    }
    return { peak, samples, end: ended()!.fields };
  } finally {
    await b.stop();
  }
}

/** `process.memory().usage` now; asked again when a loaded machine's interpreter does not answer in time (no answer is no reading, not 0). */
async function jsVarsInUse(board: RealEspruinoBoard): Promise<number> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = await board.evaluate("process.memory().usage", 5000);
    if (answer !== null && /^\d+$/.test(answer)) return Number(answer);
  }
  throw new Error("the interpreter did not answer process.memory().usage");
}

/** Poll `pred` every 20 ms until it holds (true) or `ms` pass (false). */
export function until(pred: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  return new Promise((resolve) => {
    const check = () => {
      if (pred()) return resolve(true);
      if (Date.now() >= end) return resolve(false);
      setTimeout(check, 20);
    };
    check();
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
