/**
 * Property names the Espruino build may shorten (terser `mangle.properties`,
 * STRICT allow-list): the firmware's own internal object fields and methods,
 * which exist only inside the bundle. Terser renames a property everywhere in
 * the file, so a name may be listed only if no Espruino or JavaScript API
 * uses it on an object the bundle touches (`E.on`, `Math.max`, `Object.keys`,
 * setWatch's `{ edge, repeat, debounce }`, a watch event's `state`/`time`,
 * `require("Wifi").stopAP`, `global.fs`...) and it never crosses the protocol
 * (field names on the wire are inside strings, never properties) or the vm
 * runtime boundary (host/sim/runtime/espruino-*.ts calls only globals).
 *
 * Deliberately NOT listed: recipe parameter names (`leadMs`, `gapMs`...: the
 * firmware reads them as `p[name]` with names from the recipe text and from
 * the user's `pair name=value`), `on`, `min`, `max`, `keys`, `debounce`,
 * and every API name. `name` (recipes, parsed lines) is listed: the bundle
 * never reads an Error's or a function's `name`. test/espruino/build.test.ts checks
 * that none of these names is a property the bundle reads from an API object
 * and that each is really gone from the output.
 */
export const MANGLED_PROPERTIES = [
  // Platform, Clock, pins, link (hal/contracts.ts)
  "clock", "link", "output", "input", "analog", "now", "at", "cancel", "toMs", "write", "onLine", "read", "watch", "readMillivolts",
  // board (hal/board.ts DeviceBoard) and build info
  "maxPressMs", "pins", "role", "pin", "active", "drive", "pull", "debounceMs", "scale", "version", "build", "target",
  // firmware: Firmware, Guard, Io, SwitchBank, Sequencer
  "handleLine", "releaseAll", "onFault", "board", "bank", "has", "debounceOf", "battery",
  "press", "releaseAt", "release", "onList",
  "busy", "status", "start", "onInput", "waitsAck", "onAck", "abort", "reset",
  // recipes, parsed lines, plans
  "name", "needs", "ends", "params", "steps", "err", "pos", "names", "vals", "down", "cap", "t0", "last", "tapsEnd", "end", "win",
];
