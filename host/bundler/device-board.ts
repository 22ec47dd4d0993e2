import type { DeviceBoard, DevicePin, PinAssignment } from "../../hal/board";

/**
 * The board as a firmware bundle carries it: id, `maxPressMs` and per pin the
 * electrical fields the firmware reads (role, pin, active, drive, pull,
 * debounceMs, scale). Titles, the MCU name and `part` texts stay on the host
 * (wiring diagrams, `fobsync wiring`); fields at the firmware's default
 * (`drive: "push-pull"`, `pull: "none"`, `debounceMs: 0`) are left out, the
 * firmware reads a missing field as its default. Validation (hal/board-validate.ts)
 * runs on the host before this, at build time.
 */
export function deviceBoardOf(board: DeviceBoard): DeviceBoard {
  return { id: board.id, maxPressMs: board.maxPressMs, pins: board.pins.map(devicePin) };
}

function devicePin(p: PinAssignment): DevicePin {
  const out: DevicePin = { role: p.role, pin: p.pin };
  if (p.active !== undefined) out.active = p.active;
  if (p.drive !== undefined && p.drive !== "push-pull") out.drive = p.drive;
  if (p.pull !== undefined && p.pull !== "none") out.pull = p.pull;
  if (p.debounceMs !== undefined && p.debounceMs !== 0) out.debounceMs = p.debounceMs;
  if (p.scale !== undefined) out.scale = p.scale;
  return out;
}

/**
 * `deviceBoardOf` without `active: "low"`, the board both bundles bake: the
 * core tests `active === "high"` and hal/espruino/safety.ts `!== "high"`, so a
 * missing `active` is low (8 bytes per pin on Espruino, 13 in Lua). `init.lua`
 * is generated on the host from the full board.
 */
export function lowActiveLeftOut(board: DeviceBoard): DeviceBoard {
  return {
    id: board.id,
    maxPressMs: board.maxPressMs,
    pins: board.pins.map((p) => {
      const out: DevicePin = { ...p };
      if (out.active === "low") delete out.active;
      return out;
    }),
  };
}
