import { FOB_BUTTONS, SIGNAL_ROLES, fobNumber, roleKind } from "../../hal/board";
import { numberField, textField, type DeviceEvent } from "../protocol/event-line";
import { describe } from "../protocol/texts";

/**
 * What happened in one session, in device milliseconds: presses (switch
 * on -> off), input spans (active intervals), the car's windows, each key's
 * result and every problem (violations, presses cut by the cap, presses
 * never released in the log). Built from the protocol's events only.
 */

export interface Press {
  role: string;
  fromMs: number;
  toMs: number;
  /** The cap the firmware announced with `switch on=1 max=`. */
  maxMs: number | null;
  /** True when the independent cap released it (`cap` event). */
  cut: boolean;
  /** True when the log ends before the release. */
  open: boolean;
}

export interface InputSpan {
  role: string;
  fromMs: number;
  toMs: number;
  /** True when the log ends with the input still active. */
  open: boolean;
}

export interface CarWindow {
  id: string;
  key: number | null;
  fromMs: number;
  toMs: number;
  /** Nothing may come sooner than this after fromMs (a step's minimum gap), 0 none. */
  minMs: number;
}

/**
 * A step's minimum and maximum gap: after the edge (or the step's start) at
 * `fromMs`, nothing may come before `minMs` (too fast) nor after `toMs` (too
 * slow). From `window ... min=` and `count ... at= to= min=` lines.
 */
export interface GapMark {
  id: string;
  fromMs: number;
  minMs: number;
  toMs: number;
}

export type KeyResult = "confirmed" | "failed" | "unverified";

export interface KeyMark {
  key: number;
  result: KeyResult;
  reason: string;
  text: string;
  ms: number;
  /** "✓ 1", "✗ 2", "? 3". */
  label: string;
}

export type IssueKind = "violation" | "cap" | "unreleased";

export interface Issue {
  kind: IssueKind;
  /** "V1", "C1", "U1": short label drawn on the plot; the note carries the text. */
  label: string;
  ms: number;
  note: string;
}

export interface TimingModel {
  startMs: number;
  endMs: number;
  /** "bmw-zke, 2 keys, auto" or "" when the log has no session.start. */
  summary: string;
  /** "done (ok, 2 confirmed)" or "" when the log has no session.end. */
  outcome: string;
  switchRoles: string[];
  inputRoles: string[];
  presses: Press[];
  inputs: InputSpan[];
  windows: CarWindow[];
  gaps: GapMark[];
  keys: KeyMark[];
  issues: Issue[];
}

/** Reading order of lanes: fob1.unlock, fob1.lock, fob1.boot, fob2..., then inputs as catalogued. */
export function laneOrder(role: string): number {
  if (roleKind(role) === "output") return fobNumber(role) * 10 + FOB_BUTTONS.indexOf(role.substring(5));
  const i = SIGNAL_ROLES.indexOf(role);
  return i >= 0 ? 100 + i : 200;
}

function sortRoles(roles: string[]): string[] {
  return roles.slice().sort((a, b) => laneOrder(a) - laneOrder(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

const MARK: Record<KeyResult, string> = { confirmed: "✓", failed: "✗", unverified: "?" };

function keyMark(ev: DeviceEvent): KeyMark {
  const raw = textField(ev, "result");
  const result: KeyResult = raw === "confirmed" || raw === "failed" ? raw : "unverified";
  const key = numberField(ev, "key");
  return { key, result, reason: textField(ev, "reason"), text: eventText(ev), ms: ev.ms, label: MARK[result] + " " + key };
}

/** The sentence for an event: a legacy log's own `text` field, else the host's catalogue (host/protocol/texts.ts). */
function eventText(ev: DeviceEvent): string {
  return textField(ev, "text") || describe(ev) || "";
}

function seconds(ms: number): string {
  return (Math.round(ms / 100) / 10).toFixed(1) + " s";
}

/** Build the model of one session's events (one boot epoch, device ms). */
export function buildTimingModel(events: DeviceEvent[]): TimingModel {
  if (events.length === 0) throw new Error("buildTimingModel: no events");
  const presses: Press[] = [];
  const openPress: Record<string, Press> = {};
  const inputs: InputSpan[] = [];
  const inputState: Record<string, InputSpan | null> = {};
  const windows: CarWindow[] = [];
  const gaps: GapMark[] = [];
  const keys: KeyMark[] = [];
  const issues: Issue[] = [];
  const switchRoles: string[] = [];
  const inputRoles: string[] = [];
  const caps: DeviceEvent[] = [];
  let summary = "";
  let outcome = "";
  const start = events.find((e) => e.event === "session.start" || e.event === "test.start");
  let startMs = start ? start.ms : events[0].ms;
  let endMs = events[events.length - 1].ms;
  const seen = (ms: number) => {
    startMs = Math.min(startMs, ms);
    endMs = Math.max(endMs, ms);
  };

  for (const ev of events) {
    const role = textField(ev, "role");
    if (ev.event === "session.start") {
      summary = [textField(ev, "recipe"), textField(ev, "keys") + " keys", textField(ev, "mode")].filter((s) => s && s !== " keys").join(", ");
    } else if (ev.event === "session.end") {
      const confirmed = textField(ev, "confirmed");
      outcome = textField(ev, "reason") + " (" + (numberField(ev, "ok") === 1 ? "ok" : "not ok") + (confirmed ? ", " + confirmed + " confirmed" : "") + ")";
    } else if (ev.event === "switch" && role) {
      if (switchRoles.indexOf(role) < 0) switchRoles.push(role);
      seen(ev.ms);
      if (numberField(ev, "on") === 1) {
        if (openPress[role]) continue;
        const p: Press = { role, fromMs: ev.ms, toMs: ev.ms, maxMs: finite(numberField(ev, "max")), cut: false, open: true };
        presses.push(p);
        openPress[role] = p;
      } else {
        const p = openPress[role];
        if (p) {
          p.toMs = ev.ms;
          p.open = false;
          delete openPress[role];
        }
      }
    } else if (ev.event === "cap" && role) {
      caps.push(ev);
    } else if (ev.event === "input" && role) {
      if (inputRoles.indexOf(role) < 0) inputRoles.push(role);
      const at = finite(numberField(ev, "at")) ?? ev.ms;
      seen(at);
      const span = inputState[role];
      if (numberField(ev, "on") === 1) {
        if (!span) {
          const s: InputSpan = { role, fromMs: at, toMs: at, open: true };
          inputs.push(s);
          inputState[role] = s;
        }
      } else if (span) {
        span.toMs = at;
        span.open = false;
        inputState[role] = null;
      } else if (inputState[role] === undefined) {
        inputs.push({ role, fromMs: startMs, toMs: at, open: false });
        inputState[role] = null;
      }
    } else if (ev.event === "window") {
      const from = numberField(ev, "from");
      const to = numberField(ev, "to");
      if (Number.isFinite(from) && Number.isFinite(to) && to >= from) {
        const min = numberField(ev, "min");
        windows.push({ id: textField(ev, "id"), key: finite(numberField(ev, "key")), fromMs: from, toMs: to, minMs: min > 0 ? min : 0 });
        seen(from);
        seen(to);
        if (min > 0) gaps.push({ id: textField(ev, "id"), fromMs: from, minMs: from + min, toMs: to });
      }
    } else if (ev.event === "count") {
      // the next edge's gap: from this one, at least `min` later, by `to`
      const at = numberField(ev, "at");
      const to = numberField(ev, "to");
      if (Number.isFinite(at) && Number.isFinite(to) && numberField(ev, "n") < numberField(ev, "of")) {
        gaps.push({ id: textField(ev, "id"), fromMs: at, minMs: at + Math.max(0, numberField(ev, "min") || 0), toMs: to });
        seen(to);
      }
    } else if (ev.event === "key.result") {
      keys.push(keyMark(ev));
      seen(ev.ms);
    } else if (ev.event === "violation") {
      const at = finite(numberField(ev, "at")) ?? ev.ms;
      seen(at);
      const key = textField(ev, "key");
      const label = "V" + (issues.filter((i) => i.kind === "violation").length + 1);
      issues.push({ kind: "violation", label, ms: at, note: "window " + textField(ev, "id") + (key ? " (key " + key + ")" : "") + " missed" + (textField(ev, "text") ? ": " + textField(ev, "text") : "") });
    }
  }

  for (const c of caps) {
    const role = textField(c, "role");
    let target: Press | null = null;
    for (const p of presses) if (p.role === role && p.fromMs <= c.ms) target = p;
    if (target) target.cut = true;
    const label = "C" + (issues.filter((i) => i.kind === "cap").length + 1);
    issues.push({ kind: "cap", label, ms: c.ms, note: role + " cut by the cap after " + textField(c, "held") + " ms (max " + textField(c, "max") + " ms)" });
    seen(c.ms);
  }
  for (const p of presses) {
    if (!p.open) continue;
    p.toMs = endMs;
    const label = "U" + (issues.filter((i) => i.kind === "unreleased").length + 1);
    issues.push({ kind: "unreleased", label, ms: p.fromMs, note: p.role + " pressed at " + seconds(p.fromMs - startMs) + " and not released when the log ends" });
  }
  for (const s of inputs) if (s.open) s.toMs = endMs;
  issues.sort((a, b) => a.ms - b.ms);
  return {
    startMs,
    endMs,
    summary,
    outcome,
    switchRoles: sortRoles(switchRoles),
    inputRoles: sortRoles(inputRoles),
    presses,
    inputs,
    windows,
    gaps,
    keys,
    issues,
  };
}
