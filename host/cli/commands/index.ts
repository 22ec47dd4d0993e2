/**
 * Every fobsync command, in the order `fobsync --help` lists them.
 * One line per command; add yours here.
 */
import type { CommandModule } from "../command-module";
import { demoCommand } from "./demo";
import { recipesCommand } from "./recipes";
import { whichCommand } from "./which";
import { pairCommand } from "./pair";
import { testFobCommand } from "./test-fob";
import { portsCommand } from "./ports";
import { wiringCommand } from "./wiring";
import { plotCommand } from "./plot";
import { doctorCommand } from "./doctor";
import { flashCommand } from "./flash";
import { installEspruinoCommand } from "./install-espruino";
import { installNodemcuCommand } from "./install-nodemcu";
import { monitorCommand } from "./monitor";
import { replayCommand } from "./replay";
import { simCommand } from "./sim";
import { webCommand } from "./web";

export const commands: CommandModule<any>[] = [
  demoCommand,
  recipesCommand,
  whichCommand,
  pairCommand,
  testFobCommand,
  portsCommand,
  wiringCommand,
  plotCommand,
  doctorCommand,
  installEspruinoCommand,
  installNodemcuCommand,
  flashCommand,
  monitorCommand,
  replayCommand,
  simCommand,
  webCommand,
];
