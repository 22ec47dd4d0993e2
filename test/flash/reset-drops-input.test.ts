/**
 * Why the flasher waits after `reset()` (docs/flash.md step 4), on the REAL
 * Espruino interpreter: the reset empties the input line, so the first
 * characters of a line that arrived with the `reset()` are lost. A line sent
 * once the banner has ended arrives whole, which is what the flasher waits
 * for instead of a fixed 250 ms.
 */
import { afterEach, expect, it } from "vitest";
import { startInterpreterBoard, type InterpreterBoard } from "../../host/sim/boards/interpreter-board";
import { describeOnInterpreter, theInterpreter } from "../interpreter-gate";

const running: InterpreterBoard[] = [];
afterEach(async () => {
  for (const b of running.splice(0)) await b.stop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnInterpreter("reset() and the line after it, on the real Espruino interpreter", () => {
  it("a line begun with the reset() loses its first characters; the same line sent after the banner arrives whole", { timeout: 60_000 }, async () => {
    const b = await startInterpreterBoard({ baud: 0, interpreter: theInterpreter() });
    running.push(b);
    const output = () => b.board.process.output();
    let from = output().length;
    b.board.feedBytes('reset()\nprint("FS"+');
    await pause(300);
    b.board.feedBytes('"CUT")\n');
    await expect.poll(() => output().slice(from), { timeout: 5000 }).toMatch(/Uncaught SyntaxError|Uncaught ReferenceError|Got '\)'/);
    expect(output().slice(from)).not.toMatch(/FSCUT/);

    from = output().length;
    b.board.feedBytes("reset()\n");
    await expect.poll(() => output().slice(from), { timeout: 5000 }).toMatch(/\(c\) \d{4} G\.Williams[^\r\n]*\r?\n/);
    b.board.feedBytes('print("FS"+"WHOLE")\n');
    await expect.poll(() => output().slice(from), { timeout: 5000 }).toMatch(/FSWHOLE/);
  });
});
