/**
 * The fault path of the NodeMCU target. Every entry from NodeMCU into the
 * firmware (timer, GPIO interrupt, the console entry `fs`) runs through
 * `runGuarded`, which catches any Lua error (typescript-to-lua compiles
 * try/catch to `pcall`). On an error every registered output is driven to its
 * released level FIRST (at the pin, not trusting the core), then the fault
 * handler runs (the composition root lets the core log the fault and reset),
 * itself guarded. Plain functions and two arrays: this is device code.
 */

const outPins: number[] = [];
const outLevels: number[] = [];
let handler: ((message: string) => void) | undefined;
let inFault = false;

/** Remember an output pin and the level (0/1) that releases it. */
export function registerOutput(pin: number, releasedLevel: number): void {
  outPins[outPins.length] = pin;
  outLevels[outLevels.length] = releasedLevel;
}

/** Drive every registered output to its released level now. */
export function releaseAllOutputs(): void {
  for (let i = 0; i < outPins.length; i++) gpio.write(outPins[i], outLevels[i]);
}

/** Who to tell after a fault (the composition root: the core's `releaseAll`). */
export function onFault(fn: (message: string) => void): void {
  handler = fn;
}

/** Run `fn(a, b)`; on a Lua error release every output, then report the fault. */
export function runGuarded<A, B>(fn: (a: A, b: B) => void, a: A, b?: B): void {
  try {
    fn(a, b as B);
  } catch (err) {
    fault(tostring(err));
  }
}

/** Release everything, then report `message` through the fault handler (never throws). */
export function fault(message: string): void {
  releaseAllOutputs();
  const h = handler;
  if (h !== undefined && !inFault) {
    inFault = true;
    try {
      h(message);
      message = "";
    } catch (err) {
      releaseAllOutputs();
      message = message + " / " + tostring(err);
    }
    inFault = false;
  }
  if (message !== "") {
    try {
      print("fobsync fault: " + message);
    } catch (err) {
      // the console itself is failing: nothing left to tell
    }
  }
}
