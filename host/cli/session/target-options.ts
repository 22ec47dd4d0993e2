/** Options shared by commands that talk to a board (pair, test-fob), as data. */
import type { OptionSpec } from "../command-module";
import { BAUD_OPTION, parsePortPath } from "../../serial/cli-options";
import { parseSimFault, SIM_CARS, SIM_FIRMWARES } from "./sim-bench";

export function targetOptions(simFlags: string): OptionSpec[] {
  return [
    { flags: "-p, --port <path>", description: "serial port of the real board (see fobsync ports)", parse: parsePortPath },
    { flags: simFlags, description: `run on the simulated bench instead: ${SIM_CARS.join(" | ")} (never chosen automatically)` },
    { ...BAUD_OPTION, description: "baud rate of the real board" },
    { flags: "--target <fw>", description: "firmware on the real board", choices: ["espruino", "nodemcu"] },
    { flags: "--sim-firmware <fw>", description: "firmware on the simulated board: auto = the built Espruino bundle if built, else the TypeScript core", choices: SIM_FIRMWARES, default: "auto" },
    { flags: "--sim-board <profile|file.json>", description: "board of the simulated bench: a profile id or a board JSON file (default esp32-relay8; other boards run the firmware core)" },
    { flags: "--sim-fault <fault>", description: "simulated fault, repeatable: fob<N>.unlock|lock|boot (dead switch) or fob<N>.battery=<mV>", parse: parseSimFault },
  ];
}
