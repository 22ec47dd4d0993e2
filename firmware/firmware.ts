import type { Platform } from "../hal/contracts";
import type { DeviceBoard } from "../hal/board";
import { fobCount, findPin } from "../hal/board-device";
import { handleCommand, startCommands } from "./commands";
import { bare, emit, startEventLog } from "./event-log";
import { errorText } from "./guard";
import { startInputs } from "./inputs";
import { hostHeard, startHostWatch } from "./host-watch";
import { endRun, onInput, running, startSequencer } from "./sequencer";
import { lostKeys, session } from "./session";
import { releaseAllSwitches, startSwitchBank } from "./switch-bank";

/** What `version` and `boot` report. */
export interface BuildInfo {
  version: string;
  build: string;
  target: string;
}

/**
 * The running firmware, as a composition root sees it.
 * @noSelf (Lua: plain functions, no hidden `self`)
 */
export interface Firmware {
  /** One command line, as if it arrived on the link. */
  handleLine(line: string): void;
  /** Every switch off now (target roots call it on fatal errors). */
  releaseAll(reason: string): void;
}

/**
 * Start the firmware core, once per bundle: every switch created released
 * first, inputs watched, `link.onLine` registered, then the `boot` banner.
 * `boardOf` gives the board when asked: on Espruino each call makes it
 * from the code in flash, and no variable holds it afterwards (a closure
 * made here would keep this function's variables alive, and a board held
 * for good costs about 100 JsVars). Each module keeps what it needs of the
 * board. A fault anywhere releases every switch, is reported as a `fault`
 * line, and ends a running session with reason `error`.
 *
 * The parts, each a module: the event log, the switch bank (with its
 * independent cap: the safety net), the inputs, the session's key counts,
 * the current key's run, the sequencer, the host watch (a session whose host
 * went silent ends) and the commands.
 */
export function startFirmware(platform: Platform, boardOf: () => DeviceBoard, info: BuildInfo): Firmware {
  const ident = "fw=" + info.version + " build=" + info.build + " target=" + info.target + " board=" + boardOf().id + " proto=2 rf=" + (findPin(boardOf(), "rf") ? 1 : 0) + " radios=" + platform.radios;
  startEventLog(platform.link, platform.clock);
  startSwitchBank(platform, boardOf(), onError);
  startInputs(platform, boardOf(), { onInput, onError });
  session.fobs = fobCount(boardOf());
  startSequencer(platform.clock, onError);
  startHostWatch(platform.clock, onHostLost);
  startCommands(platform.clock, boardOf().maxPressMs, platform.files, ident);
  platform.link.onLine(handleLine);
  emit("I boot " + ident + " fobs=" + session.fobs);
  return { handleLine, releaseAll: onFault };
}

/** One command line from the link (the host is there); an error in it is a fault. */
function handleLine(line: string): void {
  try {
    hostHeard();
    handleCommand(line);
  } catch (e) {
    onError(e);
  }
}

/** No line from the host for HOST_SILENCE_MS during a session: end it, every switch released. */
function onHostLost(): void {
  if (running()) endRun(false, "host-lost", lostKeys());
}

function onError(e: unknown): void {
  onFault(errorText(e));
}

/** Release every switch, report, back to idle. */
function onFault(msg: string): void {
  releaseAllSwitches();
  emit("E fault msg=" + bare(msg));
  if (running()) endRun(false, "error", "");
}
