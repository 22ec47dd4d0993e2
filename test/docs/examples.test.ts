/**
 * Every example in `fobsync <command> --help` (the `$ ` lines) and every
 * `fobsync ...` line of the README's code blocks runs, as written, in bash:
 * a real serial port (/dev/ttyUSB0) is replaced by a `fobsync sim` board
 * (an Espruino or a NodeMCU one, by the line's --target), flashed first. Each
 * block runs as one shell session in a fresh folder, so a later line can use
 * a file an earlier one wrote and a background `&` board. A line's comment
 * says its exit code (`exit 1`) when it is not 0; "until Ctrl-C" lines get
 * SIGINT after 8 s.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, ROOT, runCli, runCliAsync } from "../cli/run-cli";

const CLI = join(ROOT, "bin", "fobsync.js");

interface Example {
  command: string;
  exit: number;
  untilCtrlC: boolean;
}

/** `$ ` lines of a help text, or `fobsync ` lines of a code block, with what their comments say. */
function examplesIn(lines: string[], prefix: RegExp): Example[] {
  return lines
    .map((l) => prefix.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const [command, comment = ""] = m[1].split(/\s+#\s+/, 2);
      const exit = /exit (\d+)/.exec(comment);
      return { command: command.trim(), exit: exit && !/until Ctrl-C/.test(comment) ? Number(exit[1]) : 0, untilCtrlC: /until Ctrl-C/.test(comment) };
    });
}

/** The README's code blocks, each as its lines. */
function readmeBlocks(): string[][] {
  const text = readFileSync(join(ROOT, "README.md"), "utf8");
  return [...text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1].split("\n"));
}

let espruinoSim: ChildProcess;
let nodemcuSim: ChildProcess;
const ports = { espruino: "", nodemcu: "" };

async function startSim(args: string[]): Promise<{ child: ChildProcess; port: string }> {
  const child = spawn(process.execPath, [CLI, "sim", ...args], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  for (let i = 0; i < 400 && !/\n/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
  return { child, port: out.split("\n")[0].trim() };
}

/** Run `examples` as one bash session in a fresh folder; the exit code of each. Asynchronous: a blocked worker misses vitest's calls. */
async function runSession(examples: Example[]): Promise<{ codes: number[]; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), "fobsync-example-"));
  // `fobsync` on PATH as the user has it (npm link / npx): a script that becomes the CLI, so `kill %1` reaches it
  mkdirSync(join(dir, "bin"));
  writeFileSync(join(dir, "bin", "fobsync"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`, { mode: 0o755 });
  const script = [`cd ${JSON.stringify(dir)}`];
  examples.forEach((e, i) => {
    const port = /--target nodemcu/.test(e.command) ? ports.nodemcu : ports.espruino;
    const command = e.command.replace(/\/dev\/ttyUSB0/g, port);
    if (command.endsWith("&")) script.push(command, `echo "EXAMPLE${i}=0"`);
    // Ctrl-C once the command is surely running (a loaded machine can take seconds to start Node);
    // --foreground: one SIGINT to the command, as one Ctrl-C gives (without it GNU timeout also
    // signals its process group, and the CLI takes the second signal as "stop at once", exit 7)
    else if (e.untilCtrlC) script.push(`timeout --foreground --preserve-status -s INT 8 ${command}; echo "EXAMPLE${i}=$?"`);
    else script.push(`${command}; echo "EXAMPLE${i}=$?"`);
  });
  script.push("kill $(jobs -p) 2>/dev/null; wait");
  const env = { ...process.env, NO_COLOR: "1", PATH: `${join(dir, "bin")}:${process.env.PATH}` };
  const child = spawn("bash", ["-c", script.join("\n")], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const guard = setTimeout(() => child.kill("SIGKILL"), 240_000);
  await new Promise((resolve) => child.on("close", resolve));
  clearTimeout(guard);
  rmSync(dir, { recursive: true, force: true });
  return { codes: examples.map((_, i) => Number((new RegExp(`EXAMPLE${i}=(\\d+)`).exec(stdout) ?? [])[1] ?? -1)), out: stdout + stderr };
}

beforeAll(async () => {
  buildCli();
  const e = await startSim([]);
  const n = await startSim(["--target", "nodemcu", "--speed", "5"]);
  espruinoSim = e.child;
  nodemcuSim = n.child;
  ports.espruino = e.port;
  ports.nodemcu = n.port;
  expect((await runCliAsync(["flash", "--port", ports.espruino])).code).toBe(0);
  expect((await runCliAsync(["flash", "--target", "nodemcu", "--port", ports.nodemcu])).code).toBe(0);
}, 120_000);

afterAll(() => {
  for (const c of [espruinoSim, nodemcuSim]) if (c?.pid) process.kill(-c.pid, "SIGTERM");
});

describe("examples that work when pasted", () => {
  const commands = runCli(["--help"])
    .stdout.split("\n")
    .map((l) => /^ {2}([a-z-]+)\b/.exec(l)?.[1])
    .filter((c): c is string => c !== undefined && c !== "help");

  // every command's help is read once, when the tests are collected (the CLI is built by `npm run setup`)
  const helpExamples = commands.map((c) => ({ command: c, examples: examplesIn(runCli([c, "--help"]).stdout.split("\n"), /^\s+\$ (.*)$/) }));

  it("every command has its help; the long-running ones and which show examples", () => {
    expect(commands.length).toBeGreaterThan(8);
    const shown = helpExamples.filter((h) => h.examples.length > 0).map((h) => h.command);
    expect(shown).toEqual(expect.arrayContaining(["flash", "monitor", "pair", "sim", "test-fob", "which"]));
  });

  for (const { command, examples } of helpExamples.filter((h) => h.examples.length > 0)) {
    it(`fobsync ${command} --help: its examples run as written`, { timeout: 240_000 }, async () => {
      const r = await runSession(examples);
      expect(r.codes, r.out.slice(-2000)).toEqual(examples.map((e) => e.exit));
    });
  }

  it("the README's fobsync lines run as written, block by block", { timeout: 240_000 }, async () => {
    const blocks = readmeBlocks()
      .map((lines) => examplesIn(lines, /^(fobsync .*)$/))
      .filter((b) => b.length > 0);
    expect(blocks.length).toBeGreaterThan(0);
    for (const examples of blocks) {
      const r = await runSession(examples);
      expect(r.codes, examples.map((e) => e.command).join("\n") + "\n" + r.out.slice(-2000)).toEqual(examples.map((e) => e.exit));
    }
  });
});
