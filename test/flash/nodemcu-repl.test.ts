/**
 * The virtual NodeMCU's console, byte by byte, in virtual time (no pty): what
 * a user typing at a fresh NodeMCU sees, and what the flasher relies on.
 */
import { afterEach, describe, expect, it } from "vitest";
import { nodeMcuFiles } from "../../host/flash/nodemcu-files";
import { createBench, type Bench } from "../../host/sim/bench";
import { BOOT_MS, NodeMcuRepl } from "../../host/sim/runtime/nodemcu-repl";

let bench: Bench | null = null;

afterEach(() => {
  bench?.close();
  bench = null;
});

/** A bench whose board is a powered-on virtual NodeMCU; `out()` returns and clears what it sent. */
function start(files: Record<string, string> = {}) {
  let repl!: NodeMcuRepl;
  let sent = "";
  bench = createBench({
    car: { kind: "zke" },
    backend: (ctx) => {
      repl = new NodeMcuRepl(ctx);
      for (const [name, bytes] of Object.entries(files)) repl.writeFile(name, bytes);
      repl.listen((b) => (sent += b));
      return { name: "nodemcu-repl", send: (l) => repl.feedBytes(`fs("${l}")\n`), close: () => repl.close() };
    },
  });
  repl.powerOn();
  const out = () => {
    const s = sent;
    sent = "";
    return s;
  };
  return { repl, bench, out };
}

describe("virtual NodeMCU console", () => {
  it("boots empty like a freshly flashed NodeMCU: banner, no init.lua, the prompt", () => {
    const { out, repl } = start();
    expect(out()).toMatch(/^\nNodeMCU ESP32 \(fobsync virtual board\)[^\n]*\nlua: cannot open init.lua\n> $/);
    expect(repl.files()).toEqual([]);
  });

  it("echoes what is typed, runs each line as Lua, prints =expr values, continues an incomplete chunk with '>> '", () => {
    const { out, repl } = start();
    out();
    repl.feedBytes('print("a"..1)\r\n=2*3, nil\nfor i=1,2 do\r\nprint(i)\nend\n');
    expect(out()).toBe('print("a"..1)\na1\n> =2*3, nil\n6\tnil\n> for i=1,2 do\n>> print(i)\n>> end\n1\n2\n> ');
  });

  it("prints Lua errors as stdin:1: messages; backspace erases; an empty line just prompts", () => {
    const { out, repl } = start();
    out();
    repl.feedBytes("x(\x7f)\n\nnosuch()\n");
    expect(out()).toBe("x(\b \b)\nstdin:1: '=' expected near ')'\n> \n> nosuch()\nstdin:1: attempt to call global 'nosuch' (a nil value)\n> ");
  });

  it("keeps 255 characters of a line: a longer one loses its beginning, as NodeMCU's input buffer does", () => {
    const { out, repl } = start();
    out();
    repl.feedBytes("print(1)" + " ".repeat(247) + '=("kept")\n');
    expect(out()).toMatch(/\nkept\n> $/);
  });

  it("file module: write any byte, list, rename only onto a free name, remove", () => {
    const { out, repl } = start();
    repl.feedBytes('f=file.open("a.bin","w") f:write("\\0\\255\\r\\n") f:close()\n=file.list()["a.bin"], file.rename("a.bin","b.bin"), file.rename("x","b.bin")\n');
    expect(out()).toMatch(/\n4\ttrue\tfalse\n> $/);
    expect(repl.readFile("b.bin")).toBe("\x00\xff\r\n");
    repl.feedBytes('file.remove("b.bin")\n');
    expect(repl.files()).toEqual([]);
  });

  it("node.restart(): input is lost while the chip reboots; a new Lua state runs init.lua; uptime starts again from 0; files stay", () => {
    const { out, repl, bench } = start({ "init.lua": 'x=(x or 0)+1 print("init", x, node.uptime())\n' });
    expect(out()).toMatch(/\ninit\t1\t0\n> $/);
    bench.runFor(5000);
    repl.feedBytes("node.restart()\nprint('lost')\n");
    expect(out()).toBe("node.restart()\n");
    bench.runFor(BOOT_MS);
    expect(out()).toMatch(/^\nNodeMCU ESP32[^\n]*\ninit\t1\t0\n> $/);
    expect(repl.boots).toBe(2);
    expect(repl.files()).toEqual(["init.lua"]);
  });

  it("a firmware line printed by a timer lands after the prompt (NodeMCU does not redraw it)", () => {
    const { out, repl, bench } = start();
    repl.feedBytes('tmr.create():alarm(100, tmr.ALARM_SINGLE, function() print("@9 100 I tick") end)\n');
    out();
    bench.runFor(200);
    expect(out()).toBe("@9 100 I tick\n");
    expect(bench.lines.at(-1)).toBe("@9 100 I tick");
  });

  it("an error escaping a callback is a PANIC and a restart", () => {
    const { out, repl, bench } = start();
    repl.feedBytes('tmr.create():alarm(10, tmr.ALARM_SINGLE, function() error("boom") end)\n');
    out();
    bench.runFor(10 + BOOT_MS);
    expect(out()).toMatch(/^PANIC: unprotected error in call to Lua API \(stdin:1: boom\)\n\nNodeMCU ESP32/);
    expect(repl.panics).toEqual(["stdin:1: boom"]);
    expect(repl.boots).toBe(2);
  });

  it("runs the firmware built now from the file system: init.lua boots it, fs(...) answers", () => {
    const built = nodeMcuFiles();
    const { out, repl, bench } = start({ "init.lua": built.init.toString("latin1"), "fobsync.lua": built.bundle.toString("latin1") });
    expect(out()).toMatch(/\n@1 0 I boot [^\n]*target=nodemcu[^\n]*\n> $/);
    repl.feedBytes('fs("status")\n');
    expect(out()).toMatch(/^fs\("status"\)\n@2 0 I status state=idle[^\n]*\n@3 0 I ok cmd=status\n> $/);
    expect(bench.events.map((e) => e.event)).toEqual(["boot", "status", "ok"]);
    expect(bench.events[0].fields.build).toBe(built.build);
  }, 60_000);
});
