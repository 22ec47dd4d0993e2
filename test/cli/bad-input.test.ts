/**
 * Bad input found by a pass over every command as a new user makes it: each
 * gets one clear line and a documented exit code, before any work starts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, runCli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "fobsync-bad-"));
beforeAll(() => buildCli(), 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One line on stderr and exit 2. */
function refused(args: string[], said: RegExp): void {
  const r = runCli(args);
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr.split("\n")[0], r.stderr).toMatch(said);
  expect(r.stderr).not.toMatch(/EISDIR|EACCES|ENOENT|ENOTTY|inappropriate ioctl|socat\[\d+\]|\n\s+at /);
}

describe("bad input: one clear line, exit 2, nothing started", () => {
  it("paths are checked before work: a folder for a file, a place on proc or sysfs, a missing folder for sim --link", () => {
    refused(["monitor", "--port", "/dev/null", "--record", dir], /--record .* is a folder, not a file/);
    refused(["monitor", "--port", "/dev/null", "--log", "/proc/fobsync.log"], /on the proc file system/);
    refused(["demo", "--out", "/proc/fobsync-demo"], /on the proc file system/);
    refused(["wiring", "--out", "/sys/wiring.svg"], /on the sysfs file system/);
    refused(["sim", "--link", join(dir, "missing", "board")], /the folder .* does not exist/);
  });

  it("a regular file, a folder or /dev/null as --port is not a serial device", () => {
    refused(["monitor", "--port", "/dev/null"], /\/dev\/null is not a serial device \(it is a memory device/);
    refused(["flash", "--port", join(dir)], /is not a serial device \(it is a folder\)/);
    refused(["pair", "--recipe", "bmw-zke", "--keys", "1", "--yes", "--port", "/etc/hostname"], /is not a serial device \(it is a regular file\)/);
  });

  it("numbers: a negative one names the range; --baud is one grammar for every command", () => {
    refused(["which", "--year", "-1", "--month", "3", "--buttons", "2"], /--year must be between \d+ and \d+, got -1/);
    refused(["pair", "--recipe", "bmw-zke", "--keys", "2", "--yes", "--port", "/dev/ttyUSB9", "--baud", "12345"], /--baud must be one of .*115200.*got '12345'/);
    refused(["monitor", "--port", "/dev/ttyUSB9", "--baud", "12345"], /--baud must be one of .*115200.*got '12345'/);
    refused(["flash", "--target", "nodemcu", "--lock-radios", "--port", "/dev/ttyUSB9"], /--lock-radios applies to --target espruino only/);
    refused(["flash", "--board", "esp9999", "--port", "/dev/ttyUSB9"], /--board esp9999: .*\(profiles: esp32-relay8, esp32-relay8-4fobs, esp8266-relay4\)/);
  });

  it("the exit codes are printed once, by fobsync help exit-codes; each command's help points there", () => {
    const table = runCli(["help", "exit-codes"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Exit codes:\n\s+0 {2}success/);
    expect(table.stdout.split("\n").filter((l) => /^\s+\d {2}/.test(l))).toHaveLength(10);
    const help = runCli(["flash", "--help"]).stdout;
    expect(help).toMatch(/Exit codes: fobsync help exit-codes/);
    expect(help).not.toMatch(/ 7 {2}aborted/);
    expect(help).toMatch(/--lua <mode>/);
    expect(help.match(/default: 115200/g)).toHaveLength(1);
    refused(["help", "nope"], /no help on 'nope'/);
  });
});
