import { FOB_BUTTONS, SIGNAL_ROLES, fobNumber, roleKind, type BoardDescription, type PinAssignment, type RoleKind } from "../../hal/board";

/**
 * The wiring of a board as rows a person can follow: which GPIO, what sits on
 * it, which resistors, and which fob pad or car wire it goes to. One source
 * for the SVG diagram, `wiring --json` and docs/wiring.md.
 */

export type Component = "relay" | "optocoupler" | "divider" | "receiver" | "direct";

export interface WiringRow {
  role: string;
  pin: number;
  gpio: string;
  kind: RoleKind;
  /** "Fob 1", "Ignition", "Optional inputs", "Battery sense". */
  group: string;
  component: Component;
  /** The board description's `part` text ("" when the profile does not describe one). */
  part: string;
  /** The phrases of `part` that name resistor values ("6.8 kOhm 1 W series"). */
  resistors: string[];
  /** Polarity and pin set-up in words ("active low, push-pull", "active low, pull-up, debounce 20 ms"). */
  electrical: string;
  /** The far end: a fob's pads or a car wire. */
  connectsTo: string;
}

const SIGNAL_TARGETS: Record<string, string> = {
  "ignition.klr": "car KL R (ignition position 1)",
  "ignition.kl15": "car KL 15 (ignition position 2)",
  "lock.feedback": "lock indicator LED or lock actuator",
  door: "door contact",
  hazard: "a hazard or indicator lamp (the car's answer, for cars that flash)",
  rf: "RF receiver DATA out (the receiver hears the fob)",
};

/** Order of rows: fobs by number and button, then inputs in catalogue order, then battery sense. */
function sortKey(role: string): number {
  const kind = roleKind(role);
  const fob = fobNumber(role);
  if (kind === "output") return fob * 10 + FOB_BUTTONS.indexOf(role.substring(5));
  if (kind === "input") return 100 + SIGNAL_ROLES.indexOf(role);
  return 200 + fob;
}

function groupOf(role: string, kind: RoleKind): string {
  if (kind === "output") return "Fob " + fobNumber(role);
  if (kind === "analog") return "Battery sense";
  if (role.startsWith("ignition.")) return "Ignition";
  return "Optional inputs";
}

function componentOf(p: PinAssignment, kind: RoleKind): Component {
  const text = (p.part ?? "").toLowerCase();
  if (/pc817|4n35|opto/.test(text)) return "optocoupler";
  if (/relay/.test(text)) return "relay";
  if (/divider/.test(text) || kind === "analog") return "divider";
  if (/receiver/.test(text) || p.role === "rf") return "receiver";
  return "direct";
}

/** The comma-separated phrases of a part text that give resistor values. */
export function resistorPhrases(part: string): string[] {
  return part
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /\d\s*[kM]?\s*(Ohm|ohm|Ω)|\d+(\.\d+)?[kM]\s*\/\s*\d+(\.\d+)?[kM]/.test(s));
}

function electricalOf(p: PinAssignment, kind: RoleKind): string {
  if (kind === "analog") return "ADC, scale " + p.scale + " (battery mV = pin mV x " + (p.scale ?? 0) / 1000 + ")";
  const words = ["active " + p.active];
  if (kind === "output") words.push(p.drive ?? "push-pull");
  else {
    words.push(p.pull === "up" ? "pull-up" : p.pull === "down" ? "pull-down" : "no pull");
    words.push("debounce " + p.debounceMs + " ms");
  }
  return words.join(", ");
}

function targetOf(role: string, kind: RoleKind): string {
  if (kind === "output") return "fob " + fobNumber(role) + ": " + role.substring(5) + " button pads";
  if (kind === "analog") return "fob " + fobNumber(role) + ": cell + (and fob GND to board GND)";
  return SIGNAL_TARGETS[role] ?? role;
}

/** The wiring rows of a board, in reading order. The board should be valid (see `validateBoard`). */
export function wiringTable(board: BoardDescription): WiringRow[] {
  const pins = board.pins.slice().sort((a, b) => sortKey(a.role) - sortKey(b.role));
  return pins.map((p) => {
    const kind = roleKind(p.role);
    if (kind === "") throw new Error("unknown role '" + p.role + "': validate the board first");
    const part = p.part ?? "";
    return {
      role: p.role,
      pin: p.pin,
      gpio: "GPIO" + p.pin,
      kind,
      group: groupOf(p.role, kind),
      component: componentOf(p, kind),
      part,
      resistors: resistorPhrases(part),
      electrical: electricalOf(p, kind),
      connectsTo: targetOf(p.role, kind),
    };
  });
}
