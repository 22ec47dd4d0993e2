/**
 * Every fobsync command, in the order `fobsync --help` lists them.
 * One line per command; add yours here.
 */
import type { CommandModule } from "../command-module";
import { whichCommand } from "./which";
import { portsCommand } from "./ports";
import { wiringCommand } from "./wiring";
import { plotCommand } from "./plot";
import { doctorCommand } from "./doctor";

export const commands: CommandModule<any>[] = [
  whichCommand,
  portsCommand,
  wiringCommand,
  plotCommand,
  doctorCommand,
];
