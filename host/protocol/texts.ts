/**
 * The text catalogue of the wire protocol, held on the host (defmt style).
 *
 * The firmware sends ids, codes and numbers only (docs/protocol.md): `prompt
 * id=ign-off key=1 ms=4950`, `error cmd=pair code=keys-out-of-range min=1 max=4`.
 * Every sentence a person reads lives here, so the device bundle stays small
 * and the wording can change without reflashing. A person on a raw console
 * reads the ids; `fobsync monitor`, `pair` and the pictures show `describe(ev)`.
 */
import { numberField, textField, type DeviceEvent } from "./event-line";
import { batteryReadingOf, readingText, type BatteryVerdict } from "../fobtest/battery";
import { findRecipe } from "../../firmware/recipes/table";

/** Seconds for a sentence: 4950 -> "4.9 s", 120000 -> "120 s" (rounded down: never more time than there is). */
export function secondsText(ms: number): string {
  const tenths = Math.floor(ms / 100);
  return (tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1)) + " s";
}

/** "Key 2" or "Keys 2-4". */
function keysText(from: number, to: number): string {
  return from >= to ? `Key ${to}` : `Keys ${from}-${to}`;
}

/** What the user must do now, by prompt id. */
const PROMPTS: { [id: string]: (ev: DeviceEvent) => string } = {
  "ign-on": (ev) => `Insert key ${numberField(ev, "key")}, turn it to position 1 (KL R)`,
  "ign-off": (ev) => `Back to off and remove the key within ${secondsText(numberField(ev, "ms"))}`,
  "ign-cycle": (ev) => `Key ${numberField(ev, "key")} to position 1, back to off within 5 s, remove it, then ack`,
  "kl15-cycle": (ev) =>
    numberField(ev, "ack") === 1 ? "Ignition on (position 2) briefly and off, then ack" : "Switch the ignition on (position 2) briefly, then off",
  "hand-key": (ev) =>
    textField(ev, "hold")
      ? `Key ${numberField(ev, "key")} now: hold ${textField(ev, "hold")}, tap ${textField(ev, "tap")} ${numberField(ev, "n")}x, release`
      : `Key ${numberField(ev, "key")} now: press ${textField(ev, "tap")} ${timesText(numberField(ev, "n"))} on that remote`,
  end: () => "Open a door or switch the ignition on to end, then test every key",
  "ign-cycles": (ev) => `Ignition OFF -> RUN ${numberField(ev, "n")} times, at an even pace, and leave it in RUN`,
  "key-cycles": (ev) => `Key LOCK -> ON ${numberField(ev, "n")} times, at an even pace, and leave it in LOCK`,
  "kl15-on": () => "Turn the key to ON (II)",
  "ign-lock": () => "Turn the key back to LOCK (0); leave it in",
  "key-acc": () => "Insert the key and turn it to ACC",
  "ign-on-other": () => "Switch the ignition ON with another, working key",
  "key-out": () => "Take the key out to finish",
  "key-in-out": (ev) => `Insert and fully remove the key ${numberField(ev, "n")} times, one every ${secondsText(numberField(ev, "every"))} (not faster), then ack`,
  "lock-switch": () => "Lock the doors with the driver's door-lock switch, then ack",
  "switch-cycle": (ev) => `For remote ${numberField(ev, "key")}: unlock, then lock with the driver's door-lock switch, then ack`,
  "hold-unlock-switch": () => "Press and HOLD the driver's door unlock switch, then ack (keep holding)",
  "release-unlock-switch": () => "Release the driver's door unlock switch, then ack",
  "door-lock-key": (ev) => `Lock the driver's door with the key blade of remote ${numberField(ev, "key")}, then ack at once (the car gives 5 s)`,
  "door-open": () => "Open the driver's door",
  "door-cycles": (ev) => `Close and open the driver's door ${numberField(ev, "n")} times, ending closed`,
};

/** "once", "twice", "3 times". */
function timesText(n: number): string {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}

/** Advice, by hint id. */
const HINTS: { [id: string]: string } = {
  pre2004: "A MINI before 07/2004 (2-button key) does not use this procedure: see fobsync which",
  "resync-only": "Re-syncs keys the car knows. A new or used key must first be coded with a diagnostic tool (DIS, Autel) using the code on its tag",
  "unknown-key": "Only a key the car knows can resync: code a new key with a diagnostic tool",
  "ford-no-cycle": "The locks did not cycle: press the remote within the window; older Fords take 5 cycles (cycles=5)",
  "honda-no-cycle": "The locks did not cycle: the remote must be pressed within 10 s of the last one",
  "nissan-no-flash": "No hazard flash: the key steps were too fast or too slow, or the hazard input is not on the lamps",
  "mazda-no-cycle": "The locks did not cycle: press the button twice within 3 s",
  "vw-lock-then-ack": "Not coded: ack right after locking the door with the key blade (the car gives 5 s)",
  "gm-hold-longer": "Not learned: some trucks need lock+unlock held 30 s, which exceeds this board's press ceiling",
};

/** Why a key was not confirmed by the locks, by `key.result` reason. */
const KEY_REASONS: { [reason: string]: string } = {
  "no-feedback": "Check the locks cycled",
  acked: "Confirmed by the user",
  "no-lock-cycle": "Locks did not cycle",
  "no-ack": "Locks did not cycle",
  "no-hazard": "The hazards did not flash",
};

/** Why a session ended, by `session.end` reason (lost keys are added by `sessionEnd`). */
const END_REASONS: { [reason: string]: string } = {
  done: "Done",
  abort: "Aborted",
  timeout: "No reaction in time",
  violation: "A car window was missed: start again",
  error: "Internal error: switches released",
  door: "A door was opened",
  ignition: "The ignition was switched on",
  failed: "A key was not confirmed",
  "host-lost": "The board heard nothing from the computer for 5 s (program stopped, cable or page closed): every relay released",
};

/** What happens to the keys a session did not reach, from what the recipe's car does with keys left out (Recipe.leftOut). */
const LOST = {
  erased: (one: boolean) => ` not initialized: ${one ? "it" : "they"} will stop working. Redo all keys in one session`,
  kept: (one: boolean) => ` not done: the car keeps ${one ? "it as it was" : "them as they were"}`,
};

/** Why a degraded session runs, by `degraded` reason. */
const DEGRADED: { [reason: string]: string } = {
  "no-ignition": "No ignition input wired: do each step, then ack",
  "no-door": "No door contact wired: do each door step, then ack",
};

/** What a fob cell's verdict means (host/fobtest/battery.ts decides it). */
const BATTERY: { [verdict in BatteryVerdict]: string } = {
  ok: "ok",
  weak: "weak, only unlock still transmits: charge or replace it",
  flat: "flat, nothing transmits: charge or replace it",
};

/** `battery fob mv scale gain`: the cell read with a bench-pressed button held, and how far to trust it. */
function batteryText(ev: DeviceEvent): string | undefined {
  if (Number.isNaN(numberField(ev, "mv"))) return undefined;
  const fob = textField(ev, "fob");
  const r = batteryReadingOf(ev);
  if (r.verdict !== "unsure") return `Fob ${fob} cell ${readingText(r)}: ${BATTERY[r.verdict]}`;
  const calibrate = r.calibrated ? "" : `; calibrate its input once: fobsync test-fob --fob ${fob} --calibrate <mV you measured>`;
  return `Fob ${fob} cell ${readingText(r)}: ${r.low} or ${r.high}, the reading cannot tell${calibrate}`;
}

/** Usage lines of the commands a `bad-argument id=usage` names. */
function usage(ev: DeviceEvent): string {
  const cmd = textField(ev, "cmd");
  if (cmd === "pair") return "Use: pair <recipe> keys=N confirm=N";
  if (cmd === "press") return `Use: press <fob> <unlock|lock|boot> <ms 1-${textField(ev, "max")}>`;
  return `Use: ${cmd}`;
}

/** The sentence of an `error` line, from its code and its fields. */
function errorText(ev: DeviceEvent): string | undefined {
  const f = (k: string) => textField(ev, k);
  const id = f("id");
  switch (f("code")) {
    case "unknown-command":
      return `Unknown command ${f("cmd")}: try help`;
    case "too-long":
      return `Line over ${f("max")} characters`;
    case "garbage":
      return `Byte ${f("byte")} outside 0x20..0x7E`;
    case "busy":
      return f("role") ? `${f("role")} is pressed` : "Busy: only status, abort, ack";
    case "nothing-to-ack":
      return "Nothing waits for an ack";
    case "confirm-mismatch":
      return "confirm must equal keys: count your keys";
    case "keys-out-of-range":
      return `keys must be ${f("min")}..${f("max")}`;
    case "unknown-recipe":
      return `No recipe ${f("name")} on this board: fobsync recipes install ${f("name")}`;
    case "forum-unconfirmed":
      return "A forum-only recipe: add forum=1 once you accept that";
    case "not-wired":
      if (f("fobs")) return `keys=${f("keys")} but only ${f("fobs")} fobs are wired`;
      return `${f("role")} is not wired` + (f("recipe") ? `: ${f("recipe")} needs it` : "");
    case "not-ready":
      return notReadyText(f("role"), f("state") === "1");
    case "bad-argument":
      if (id === "syntax") return `Bad argument ${f("arg")}: use name=value`;
      if (id === "unknown") return `Unknown parameter ${f("arg")}`;
      if (id === "range") return `${f("arg")} must be ${f("lo")}..${f("hi")}`;
      if (id === "values") return `${f("arg")} must be ${f("values").split(",").join("|")}`;
      if (id === "keys") return "keys=N and confirm=N needed";
      if (id === "usage") return usage(ev);
      return undefined;
    case "recipe-invalid":
      if (id === "same-button") return `hold and tap use the same button (${f("role")})`;
      if (id === "cap") return `a press of ${f("ms")} ms with its cap exceeds the board's ${f("max")} ms`;
      if (id === "taps") return `taps end ${f("end")} ms after the hold: the tap window is ${f("win")} ms`;
      if (id === "window") return `a key needs ${f("need")} ms: the window is ${f("win")} ms`;
      if (id === "too-big") return `${f("arg")} is over ${f("max")} ms (a day): the board's timers hold no longer`;
      return undefined;
    default:
      return undefined;
  }
}

/**
 * A `not-ready` refusal: the car is not as the recipe starts from, read on
 * input `role` (active: `on`). What the input shows, then the one thing to do.
 */
function notReadyText(role: string, on: boolean): string {
  if (role.startsWith("ignition.")) {
    const position = role === "ignition.kl15" ? "2, KL 15" : "1, KL R";
    return on ? `The ignition is on (position ${position}): turn it off and take the key out, then start again` : `The ignition is off: the first step needs it on (position ${position}); see the recipe`;
  }
  if (role === "door") return on ? "A door is open: close every door, then start again" : "The doors are closed: the first step needs a door open";
  if (role === "lock.feedback") return on ? "The car shows locked: unlock it (the key in the driver's door, or a remote that works), then start again" : "The car shows unlocked: the first step needs it locked";
  if (role === "hazard") return on ? "The hazard lamps are on: switch them off, then start again" : "The hazard lamps are off";
  return `${role} is ${on ? "active" : "inactive"}: not as the recipe starts`;
}

/** The sentence of a `session.end` line: the reason, then the keys that are lost. */
function sessionEnd(ev: DeviceEvent): string | undefined {
  const reason = END_REASONS[textField(ev, "reason")];
  const lost = numberField(ev, "lost");
  const recipe = findRecipe(textField(ev, "recipe"));
  if (Number.isNaN(lost) || !recipe) return reason;
  const last = numberField(ev, "keys");
  const keys = keysText(lost, last) + LOST[recipe.leftOut](lost >= last);
  return reason === undefined ? keys : `${reason}. ${keys}`;
}

/** A missed window: too fast (with the gap) or too slow. */
function violationText(ev: DeviceEvent): string {
  const id = textField(ev, "id");
  if (textField(ev, "reason") === "too-fast") return `Too fast at ${id}: ${secondsText(numberField(ev, "gap"))} after the last step, at least ${secondsText(numberField(ev, "min"))} needed: start again`;
  const n = numberField(ev, "n");
  if (!Number.isNaN(n)) return `Too slow at ${id}: ${n} of ${numberField(ev, "of")} in time: start again`;
  return `Missed the ${id} window: start again`;
}

/**
 * The human sentence for an event, or undefined when the event has none
 * (switch, input, window... speak for themselves) or carries an id this
 * host does not know (a newer firmware: show the raw fields).
 */
export function describe(ev: DeviceEvent): string | undefined {
  switch (ev.event) {
    case "prompt": {
      const p = PROMPTS[textField(ev, "id")];
      return p === undefined ? undefined : p(ev);
    }
    case "hint":
      return HINTS[textField(ev, "id")];
    case "key.result":
      return KEY_REASONS[textField(ev, "reason")];
    case "violation":
      return violationText(ev);
    case "degraded":
      return DEGRADED[textField(ev, "reason")];
    case "session.end":
      return sessionEnd(ev);
    case "error":
      return errorText(ev);
    case "battery":
      return batteryText(ev);
    case "fault":
      return `Firmware fault, every switch released: ${textField(ev, "msg")}`;
    default:
      return undefined;
  }
}

/** Every id this catalogue has a sentence for, by kind (tests check the firmware emits no other). */
export const KNOWN_IDS = {
  prompt: Object.keys(PROMPTS),
  hint: Object.keys(HINTS),
  keyReason: Object.keys(KEY_REASONS),
  endReason: Object.keys(END_REASONS),
  degraded: Object.keys(DEGRADED),
};
