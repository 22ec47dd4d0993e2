/**
 * `fobsync demo --no-pty`: the same 2-key session on the IN-PROCESS simulated
 * bench (no pseudo-terminal, no serial port, no flashing): the firmware runs
 * inside this process in virtual time, as fast as it can. Said so in the
 * output; useful where socat is not available or to see the session at once.
 */
import { resolve } from "node:path";
import type { CommandContext } from "../command-module";
import { parseEventLine } from "../../protocol/event-line";
import { checkCommand } from "../../serial/firmware-command";
import { pairOn } from "../commands/pair";
import type { SessionLine } from "../../session/board-session";
import { openSimSession, type SimFirmware } from "../session/sim-bench";
import { demoExit, showFiles, DEMO_KEYS, DEMO_RECIPE } from "./demo-outcome";
import { writeDemoFiles, type DemoFiles } from "./session-files";

export interface InProcessDemoOptions {
  firmware: SimFirmware;
  out: string;
}

/** A firmware line as the session saw it. */
function sessionLine(text: string): SessionLine {
  const event = parseEventLine(text);
  return event ? { kind: "event", event, text } : { kind: "raw", text };
}

/** Run the in-process demo; resolves to the exit code. */
export async function runInProcessDemo(opts: InProcessDemoOptions, ctx: CommandContext): Promise<number> {
  const { out } = ctx;
  const dir = resolve(ctx.cwd, opts.out);
  const session = openSimSession({ car: "zke", keys: DEMO_KEYS, faults: [], firmware: opts.firmware });
  out.emit({ type: "demo", mode: "in-process", recipe: DEMO_RECIPE, keys: DEMO_KEYS }, [
    `fobsync demo --no-pty: pairing ${DEMO_KEYS} keys (${DEMO_RECIPE}) on the IN-PROCESS simulated bench.`,
    "No pseudo-terminal, no serial port, no flashing: the firmware runs inside this process in virtual time, as fast as it can.",
    "A simulated user follows the prompts; the simulated car decides whether each key was learned.",
  ], "heading");
  try {
    const command = checkCommand(`pair ${DEMO_RECIPE} keys=${DEMO_KEYS} confirm=${DEMO_KEYS}`);
    const after: { files?: DemoFiles } = {};
    const head = [{ type: "session", on: session.description, command }];
    const summary = await pairOn(session, command, DEMO_RECIPE, DEMO_KEYS, ctx, {
      afterRun: async () => {
        const bench = session.bench;
        after.files = writeDemoFiles(dir, head, bench.lines.map(sessionLine), [{ type: "car", knownKeys: bench.car.knownKeys, log: bench.car.log.map((l) => l.text) }]);
        out.emit(after.files, null);
      },
    });
    if (after.files) showFiles(out, after.files);
    return demoExit(summary, { knownKeys: session.bench.car.knownKeys }, out);
  } finally {
    await session.close();
  }
}
