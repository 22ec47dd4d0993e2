/**
 * What every flash test file on boards over ptys needs, whichever board it
 * runs (the model, pty-flash-harness.ts; the real interpreter,
 * interpreter-flash-harness.ts): the shipped bundle, built once per file, and
 * the boards it starts, stopped after every test.
 */
import { afterEach, beforeAll } from "vitest";
import { espruinoBundle, type FlashBundle } from "../../host/flash/bundle-source";

export interface FlashBoards<B, O> {
  /** The shipped Espruino bundle (available from the first test on). */
  bundle(): FlashBundle;
  /** A board started by the file's own start function, stopped after the test. */
  start(opts?: O): Promise<B>;
  /** Stop a board before the test ends. */
  stop(board: B): Promise<void>;
}

/** Call once at the top of a test file: registers the hooks and returns the helpers. */
export function flashBoards<B extends { stop(): Promise<void> }, O>(startBoard: (opts: O | undefined) => Promise<B>): FlashBoards<B, O> {
  let bundle: FlashBundle | null = null;
  const running: B[] = [];
  beforeAll(() => {
    bundle = espruinoBundle();
  });
  afterEach(async () => {
    for (const b of running.splice(0)) await b.stop();
  });
  return {
    bundle() {
      if (!bundle) throw new Error("the shipped bundle is built in beforeAll: ask for it in a test");
      return bundle;
    },
    async start(opts) {
      const b = await startBoard(opts);
      running.push(b);
      return b;
    },
    async stop(b) {
      const i = running.indexOf(b);
      if (i < 0) return;
      running.splice(i, 1);
      await b.stop();
    },
  };
}
