/**
 * Boards as users have them (issue 27), on the REAL Espruino interpreter over
 * a pseudo-terminal (its Storage: 256 KB, a 32-byte header per file):
 * - a board that ran something else (its own `.bootcde`, `.boot0`, the Web
 *   IDE's `.bootrst`, a `save()`d `.varimage`): after `fobsync flash` only
 *   fobsync runs at boot, and the flash says what it replaced; `--keep`
 *   keeps the other boot files, said as a warning;
 * - a Storage filled to within a few hundred bytes, the room in the trash of
 *   deleted files: compacted first, then flashed, and the board boots it;
 * - a Storage too full even then: refused before anything is written, with
 *   the numbers, and the board still boots what it had;
 * - one recipe installed 50 times: the files Storage holds do not grow.
 * The pin bridge of the test bench is `.boot0` too: a flash removes it, and
 * it puts itself back at the next `load()` (host/sim/real-espruino/pin-bridge.ts).
 */
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { CliError, EXIT } from "../../host/common/errors";
import { recipeUploads } from "../../host/flash/bundle-source";
import { flashEspruino, installEspruinoFiles } from "../../host/flash/espruino-flasher";
import { ReplConsole } from "../../host/serial/repl-console";
import { openSerialLink } from "../../host/serial/serialport-link";
import type { InterpreterBoard } from "../../host/sim/boards/interpreter-board";
import { interpreterFlashHarness } from "./interpreter-flash-harness";
import { describeOnInterpreter } from "../interpreter-gate";

const h = interpreterFlashHarness();
const start = () => h.start();

async function flash(b: InterpreterBoard, keepForeign = false) {
  const link = await openSerialLink({ path: b.hostPath, baudRate: 115200 });
  try {
    return await flashEspruino({ console: new ReplConsole(link), bundle: h.bundle().bytes, build: h.bundle().build, extraFiles: recipeUploads(), keepForeign });
  } finally {
    await link.close();
  }
}

/** Run `code` on the interpreter and give back what it evaluates to (a string). */
async function onBoard(b: InterpreterBoard, code: string): Promise<string> {
  const answer = await b.board.evaluate(code, 10_000);
  if (answer === null) throw new Error(`the interpreter did not answer ${code}`);
  return answer;
}

const stats = async (b: InterpreterBoard) => JSON.parse(await onBoard(b, 'JSON.stringify(require("Storage").getStats())')) as { freeBytes: number; trashBytes: number; fileBytes: number };
const boots = (b: InterpreterBoard) => b.bench.events.filter((e) => e.event === "boot");

// one interpreter at a time: several writing large Storage files at once under load garble the Linux build's console input (docs/espruino.md section 7)
describeOnInterpreter("Storage as users have it, on the real Espruino interpreter", () => {
  it("a board that ran another program: after the flash only fobsync runs at boot, and it says what it replaced", { timeout: 90_000 }, async () => {
    const b = await start();
    await onBoard(b, '(function(s){s.write(".bootcde","print(\\"USER PROGRAM\\")");s.write(".bootrst","print(\\"IDE CODE\\")");s.write(".varimage","saved");s.write(".boot1","print(\\"BOOT1\\")");return "ok"})(require("Storage"))');
    const r = await flash(b);
    expect(r.storage.removed).toEqual([".boot0", ".boot1", ".bootrst", ".varimage"]);
    expect(r.storage.replacedBytes).toBe('print("USER PROGRAM")'.length);
    const files = JSON.parse(await onBoard(b, 'JSON.stringify(require("Storage").list())')) as string[];
    expect(files.filter((f) => f.startsWith("."))).toEqual(expect.arrayContaining([".bootcde"]));
    expect(files).not.toContain(".bootrst");
    expect(files).not.toContain(".varimage");
    expect(files).not.toContain(".boot1");
    // load() again: fobsync boots, the other programs do not
    const from = b.board.process.output().length;
    b.board.feedBytes("load()\n");
    await expect.poll(() => boots(b).filter((e) => e.fields.build === h.bundle().build).length, { timeout: 10_000 }).toBeGreaterThan(1);
    expect(b.board.process.output().slice(from)).not.toMatch(/USER PROGRAM|IDE CODE|BOOT1/);
  });

  it("--keep keeps the other boot files (said, and they still run)", { timeout: 90_000 }, async () => {
    const b = await start();
    await onBoard(b, '(require("Storage").write(".boot1","print(\\"BOOT1 \\"+\\"RAN\\")"),"ok")');
    const r = await flash(b, true);
    expect(r.storage.removed).toEqual([]);
    expect(r.storage.kept).toEqual([".boot0", ".boot1"]);
    await expect.poll(() => b.board.process.output(), { timeout: 10_000 }).toMatch(/BOOT1 RAN/);
  });

  it("Storage filled to within a few hundred bytes, the room in deleted files' trash: compacted, flashed, booted", { timeout: 90_000 }, async () => {
    const b = await start();
    const before = await stats(b);
    // a deleted file leaves its room as trash; a filler leaves 300 bytes free
    await onBoard(b, '(function(s){s.write("junk","x",0,60000);s.erase("junk");return "ok"})(require("Storage"))');
    const mid = await stats(b);
    await onBoard(b, `(require("Storage").write("filler","x",0,${mid.freeBytes - 32 - 300}),"ok")`);
    expect((await stats(b)).freeBytes).toBeLessThanOrEqual(300);
    expect(before.freeBytes).toBeGreaterThan(60_000);
    const r = await flash(b);
    expect(r.storage.compacted).toBe(true);
    expect(r.build).toBe(h.bundle().build);
    // the flasher read the banner on its own link; the bench parses the same line on its side, a moment later
    await expect.poll(() => boots(b).some((e) => e.fields.build === h.bundle().build), { timeout: 10_000 }).toBe(true);
  });

  it("Storage too full even after compacting: refused before anything is written, with the numbers; the board keeps what it had", { timeout: 90_000 }, async () => {
    const b = await start();
    await onBoard(b, '(require("Storage").write(".bootcde","print(\\"USER PROGRAM\\")"),"ok")');
    const free = (await stats(b)).freeBytes;
    await onBoard(b, `(require("Storage").write("filler","x",0,${free - 32 - 200}),"ok")`);
    const held = await onBoard(b, 'JSON.stringify(require("Storage").list())');
    const err = await flash(b).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exit).toBe(EXIT.failed);
    expect((err as CliError).message).toMatch(/^the board's Storage cannot hold \d+ bytes: \d+ are free, 0 more after compacting, \d+ in the files this replaces \(of 262144\); nothing was written$/);
    expect(await onBoard(b, 'JSON.stringify(require("Storage").list())')).toBe(held);
    expect(await onBoard(b, 'require("Storage").read(".bootcde")')).toBe('print("USER PROGRAM")');
  });

  it("one recipe installed 50 times on a nearly full Storage: every install succeeds, and the files Storage holds do not grow", { timeout: 120_000 }, async () => {
    const b = await start();
    await flash(b);
    const recipe = recipeUploads()[0];
    const link = await openSerialLink({ path: b.hostPath, baudRate: 115200 });
    try {
      const c = new ReplConsole(link);
      await installEspruinoFiles({ console: c, files: [recipe] });
      const free = (await stats(b)).freeBytes;
      await onBoard(b, `(require("Storage").write("filler","x",0,${free - 32 - 3 * (recipe.bytes.length + 40)}),"ok")`);
      const held = (await stats(b)).fileBytes;
      for (let i = 0; i < 50; i++) await installEspruinoFiles({ console: c, files: [recipe] });
      const after = await stats(b);
      expect(after.fileBytes).toBe(held);
      expect(after.freeBytes + after.trashBytes).toBeGreaterThan(0);
    } finally {
      await link.close();
    }
  });
});

describeOnInterpreter("Interrupted writes and boot loops, on the real Espruino interpreter", () => {
  it("a cable pulled while a recipe is written: once plugged back the board holds the recipe it had, whole", { timeout: 90_000 }, async () => {
    const b = await h.start({ unplugAtByte: 6000, hostLink: `/tmp/fobsync-test-recipe-cut-${process.pid}` });
    const old = "OLD RECIPE ".repeat(20);
    await onBoard(b, `(require("Storage").write("fr.cut-test",${JSON.stringify(old)}),"ok")`);
    const link = await openSerialLink({ path: b.hostPath, baudRate: 115200 });
    const err = await installEspruinoFiles({ console: new ReplConsole(link), files: [{ name: "fr.cut-test", bytes: Buffer.from(randomBytes(9000).toString("base64"), "latin1") }] })
      .catch((e) => e)
      .finally(() => link.close());
    expect((err as CliError).code, String(err)).toBe("port-disconnected");
    const started = () => b.board.calls.filter((c) => c.kind === "boot").length;
    const before = started();
    await b.replug();
    await expect.poll(started, { timeout: 10_000 }).toBeGreaterThan(before);
    expect(await onBoard(b, 'require("Storage").read("fr.cut-test")')).toBe(old);
  });

  it("a board stuck in a boot loop (its .bootcde reloads itself): the flash ends with fobsync booting, and the loop gone", { timeout: 90_000 }, async () => {
    const b = await start();
    await onBoard(b, '(require("Storage").write(".bootcde","print(\\"LOOP\\"+\\"ING\\");setTimeout(load,20)"),"ok")');
    b.board.feedBytes("load()\n");
    await expect.poll(() => (b.board.process.output().match(/LOOPING/g) ?? []).length, { timeout: 10_000 }).toBeGreaterThan(3);
    const r = await flash(b);
    expect(r.build).toBe(h.bundle().build);
    const from = b.board.process.output().length;
    b.board.feedBytes("load()\n");
    await expect.poll(() => boots(b).filter((e) => e.fields.build === h.bundle().build).length, { timeout: 10_000 }).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(b.board.process.output().slice(from)).not.toMatch(/LOOPING/);
  });
});
