/**
 * `fobsync demo` (`npm start`): a 2-key bmw-zke pairing session against the
 * simulated bench (a simulated ZKE car, two wired fobs, a simulated user
 * following the prompts), with the full log and the summary. No hardware.
 * It says what it runs on.
 */
import type { CommandModule } from "../command-module";
import { EXIT } from "../errors";
import { checkCommand } from "../../serial/firmware-command";
import { openSimSession, SIM_FIRMWARES, type SimFirmware } from "../session/sim-bench";
import { pairOn } from "./pair";

interface DemoOptions {
  simFirmware: SimFirmware;
}

const DEMO_KEYS = 2;

export const demoCommand: CommandModule<DemoOptions> = {
  name: "demo",
  summary: "run a 2-key bmw-zke pairing session on the simulated bench (no hardware needed)",
  configure(cmd) {
    cmd.option("--sim-firmware <fw>", "firmware on the simulated board: auto | core | espruino", "auto");
    cmd.addHelpText("after", "\nThe same session on a real board: fobsync pair --recipe bmw-zke --keys 2 --port <path>");
  },
  async run(opts, ctx) {
    const firmware = SIM_FIRMWARES.includes(opts.simFirmware) ? opts.simFirmware : "auto";
    const session = openSimSession({ car: "zke", keys: DEMO_KEYS, faults: [], firmware });
    ctx.out.say("fobsync demo: pairing 2 keys with the bmw-zke recipe on the SIMULATED bench (no board, no car needed).", "heading");
    ctx.out.say("A simulated user follows the prompts; the simulated car decides whether each key was learned.", "dim");
    try {
      const command = checkCommand(`pair bmw-zke keys=${DEMO_KEYS} confirm=${DEMO_KEYS}`);
      const summary = await pairOn(session, command, "bmw-zke", DEMO_KEYS, ctx);
      if (summary.reason === "abort") return EXIT.aborted;
      return summary.ok ? EXIT.ok : EXIT.failed;
    } finally {
      await session.close();
    }
  },
};
