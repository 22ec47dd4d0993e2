/**
 * The fault path of the NodeMCU target. Every entry from NodeMCU into the
 * firmware (timer, GPIO interrupt, the console entry `fs`) runs through
 * `runGuarded`, which catches any Lua error. On an error every
 * registered output is driven to its released level FIRST (at the pin, not
 * trusting the core), then the fault handler runs (the composition root lets
 * the core log the fault and reset its state), itself guarded.
 * (typescript-to-lua compiles try/catch to `pcall`.)
 */

interface ReleasedOutput {
  pin: number;
  releasedLevel: number;
}

const outputs: ReleasedOutput[] = [];
let faultHandler: ((message: string) => void) | undefined;
let inFault = false;

/** Remember an output pin and the level that releases it. */
export function registerOutput(pin: number, releasedHigh: boolean): void {
  outputs.push({ pin: pin, releasedLevel: releasedHigh ? 1 : 0 });
}

/** Drive every registered output to its released level now. */
export function releaseAllOutputs(): void {
  for (const o of outputs) gpio.write(o.pin, o.releasedLevel);
}

/** Who to tell after a fault (the composition root: the core's `releaseAll`). */
export function onFault(fn: (message: string) => void): void {
  faultHandler = fn;
}

/** Run `fn`; on a Lua error release every output, then call the fault handler. */
export function runGuarded(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    fault(tostring(err));
  }
}

/** Release everything, then report `message` through the fault handler (never throws). */
export function fault(message: string): void {
  releaseAllOutputs();
  const handler = faultHandler;
  if (handler === undefined || inFault) {
    say("fobsync fault: " + message);
    return;
  }
  inFault = true;
  try {
    handler(message);
  } catch (err) {
    releaseAllOutputs();
    say("fobsync fault: " + message + " / " + tostring(err));
  }
  inFault = false;
}

/** Print a raw (non-event) console line; a failing console must not escape the fault path. */
function say(text: string): void {
  try {
    print(text);
  } catch (err) {
    // nothing left to tell: the console itself is failing
  }
}
