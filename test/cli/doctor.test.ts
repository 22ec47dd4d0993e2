import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChecks, doctorExit, type CheckResult } from "../../host/doctor/checks";
import { guessBaudMismatch } from "../../host/doctor/baud-guess";
import { realSystemView, type SystemView } from "../../host/doctor/system-view";
import { buildCli, runCli } from "./run-cli";

const PORT = "/dev/ttyUSB0";

/** A machine as the doctor sees it; override what a test is about. */
function view(over: Partial<SystemView> = {}): SystemView {
  return {
    exists: (p) => p === PORT,
    stat: () => ({ mode: 0o20660, uid: 0, gid: 20, rdev: 188 * 256 }),
    canReadWrite: () => true,
    holders: () => [],
    parentCommandLine: () => undefined,
    commandLine: () => undefined,
    runningCommands: () => ["bash", "node"],
    hasCommand: (n) => n === "udevadm",
    groupName: (gid) => (gid === 20 ? "dialout" : undefined),
    groupMembers: () => [],
    user: () => ({ name: "ana", uid: 1000, gids: [1000] }),
    ...over,
  };
}

function check(results: CheckResult[], id: string): CheckResult {
  const r = results.find((x) => x.id === id);
  if (!r) throw new Error(`no check ${id}`);
  return r;
}

/** Text as a board at 115200 would send it. */
const TEXT = new TextEncoder().encode("@1 0 I boot fw=0.1.0 build=3f9a2c1e target=espruino board=esp32-relay8 proto=2 rf=1 radios=off fobs=2\r\n");

describe("doctor checks (injected system)", () => {
  it("passes a healthy setup", () => {
    const results = runChecks(view(), { port: PORT, candidates: [PORT], sample: TEXT });
    expect(results.map((r) => r.status)).toEqual(["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "skip"]);
    expect(doctorExit(results)).toBe(0);
  });

  it("warns while the board's boot line says a radio is on, naming the one step that closes it; skips without a fobsync line", () => {
    const boot = (radios: string) => new TextEncoder().encode(`garbage from the ROM\r\n@1 0 I boot fw=0.1.0 build=3f9a2c1e target=espruino board=esp32-relay8 proto=2 rf=1 radios=${radios} fobs=2\r\n`);
    const on = check(runChecks(view(), { port: PORT, candidates: [PORT], sample: boot("wifi+ble") }), "radios");
    expect(on).toMatchObject({ status: "warn", detail: "the board has Wi-Fi and Bluetooth on: anyone in range can reach its console, which presses your fobs." });
    expect(on.fix).toMatch(/^Switch it off for good: fobsync flash --lock-radios --port \/dev\/ttyUSB0 /);
    expect(check(runChecks(view(), { port: PORT, candidates: [PORT], sample: boot("ble") }), "radios").detail).toMatch(/has Bluetooth on/);
    expect(check(runChecks(view(), { port: PORT, candidates: [PORT], sample: boot("-") }), "radios")).toMatchObject({ status: "ok", detail: expect.stringMatching(/not an ESP32/) });
    expect(check(runChecks(view(), { port: PORT, candidates: [PORT], sample: new TextEncoder().encode("Espruino 2v29\r\n>") }), "radios").status).toBe("skip");
    expect(check(runChecks(view(), { port: PORT, candidates: [PORT] }), "radios").status).toBe("skip");
  });

  it("tells a fobsync sim port, another program's pty, a regular file and /dev/null apart", () => {
    const pty = { mode: 0o20620, uid: 0, gid: 5, rdev: 136 * 256 + 3 };
    const simPort = runChecks(view({ stat: () => pty, holders: () => [{ pid: 42, command: "socat" }], parentCommandLine: (pid) => (pid === 42 ? "node /home/ana/fobsync/bin/fobsync.js sim" : undefined) }), { port: PORT, candidates: [] });
    expect(check(simPort, "kind")).toMatchObject({ status: "ok", detail: expect.stringMatching(/fobsync sim virtual board \(socat pid 42\)/) });
    expect(check(simPort, "holders")).toMatchObject({ status: "ok", detail: expect.stringMatching(/only fobsync sim's own socat \(pid 42\) holds/) });
    expect(doctorExit(simPort)).toBe(0);
    // a fobsync monitor left open on the sim's port: named as a person knows it, and it fails the check
    const held = runChecks(
      view({
        stat: () => pty,
        holders: () => [{ pid: 42, command: "socat" }, { pid: 77, command: "node" }],
        parentCommandLine: (pid) => (pid === 42 ? "node /home/ana/fobsync/bin/fobsync.js sim" : undefined),
        commandLine: (pid) => (pid === 77 ? "node /home/ana/fobsync/bin/fobsync.js monitor --port /dev/pts/3" : undefined),
      }),
      { port: PORT, candidates: [] },
    );
    expect(check(held, "holders")).toMatchObject({ status: "fail", detail: `${PORT} is open in fobsync monitor (pid 77)` });
    expect(doctorExit(held)).toBe(4);
    const otherPty = runChecks(view({ stat: () => pty, holders: () => [{ pid: 7, command: "screen" }] }), { port: PORT, candidates: [] });
    expect(check(otherPty, "kind")).toMatchObject({ status: "warn", detail: expect.stringMatching(/pseudo-terminal of screen \(pid 7\), not a USB board/) });
    for (const [stat, what] of [
      [{ mode: 0o100644, uid: 0, gid: 0, rdev: 0 }, /regular file, not a serial device/],
      [{ mode: 0o20666, uid: 0, gid: 0, rdev: 1 * 256 + 3 }, /memory device such as \/dev\/null, not a serial device/],
    ] as const) {
      const r = runChecks(view({ stat: () => stat }), { port: PORT, candidates: [] });
      expect(check(r, "kind")).toMatchObject({ status: "fail", detail: expect.stringMatching(what) });
      expect(check(r, "permission").status).toBe("skip");
      expect(doctorExit(r)).toBe(2);
    }
  });

  it("a missing port fails with exit 3 and says how to find it", () => {
    const results = runChecks(view(), { port: "/dev/ttyUSB7", candidates: [] });
    expect(check(results, "port")).toMatchObject({ status: "fail", exit: 3 });
    expect(check(results, "port").fix).toMatch(/fobsync ports/);
    expect(doctorExit(results)).toBe(3);
  });

  it("a user outside the port's group gets the exact usermod command (exit 4)", () => {
    const r = check(runChecks(view({ canReadWrite: () => false }), { port: PORT, candidates: [] }), "permission");
    expect(r).toMatchObject({ status: "fail", exit: 4 });
    expect(r.fix).toBe("sudo usermod -aG dialout ana   then log out and back in");
  });

  it("uses the port's real group (uucp on Arch)", () => {
    const r = check(runChecks(view({ canReadWrite: () => false, groupName: () => "uucp" }), { port: PORT, candidates: [] }), "permission");
    expect(r.fix).toMatch(/usermod -aG uucp ana/);
  });

  it("a user just added to the group is told to log in again", () => {
    const r = check(runChecks(view({ canReadWrite: () => false, groupMembers: () => ["ana"] }), { port: PORT, candidates: [] }), "permission");
    expect(r.fix).toMatch(/log out and back in \(or run `newgrp dialout`/);
  });

  it("names the process holding the port (exit 4)", () => {
    const results = runChecks(view({ holders: () => [{ pid: 4242, command: "screen" }] }), { port: PORT, candidates: [] });
    expect(check(results, "holders")).toMatchObject({ status: "fail", exit: 4, detail: `${PORT} is open in screen (pid 4242)` });
    expect(check(results, "holders").fix).toMatch(/kill 4242/);
  });

  it("warns about brltty and ModemManager with their fixes", () => {
    const results = runChecks(view({ runningCommands: () => ["brltty", "ModemManager"] }), { port: PORT, candidates: [] });
    expect(check(results, "brltty")).toMatchObject({ status: "warn" });
    expect(check(results, "brltty").fix).toMatch(/apt remove brltty/);
    expect(check(results, "modemmanager").fix).toMatch(/systemctl disable --now ModemManager/);
    expect(doctorExit(results)).toBe(0);
  });

  it("warns when udevadm is missing (the ports fallback works)", () => {
    const r = check(runChecks(view({ hasCommand: () => false }), { port: PORT, candidates: [] }), "udevadm");
    expect(r).toMatchObject({ status: "warn" });
  });

  it("fails garbled bytes as a baud mismatch (exit 8)", () => {
    const slow = new Uint8Array(200).map((_, i) => [0x00, 0x80, 0xf8, 0xfe, 0xe0][i % 5]);
    const results = runChecks(view(), { port: PORT, candidates: [], sample: slow });
    expect(check(results, "baud")).toMatchObject({ status: "fail", exit: 8 });
    expect(doctorExit(results)).toBe(8);
  });
});

describe("baud mismatch guess", () => {
  it("calls readable text clean", () => expect(guessBaudMismatch(TEXT).verdict).toBe("clean"));
  it("calls silence empty", () => expect(guessBaudMismatch(new Uint8Array(0)).verdict).toBe("empty"));
  it("sees a slower sender in runs of 0x00/0x80/0xF0-0xFF", () => {
    const bytes = new Uint8Array(120).map((_, i) => [0x00, 0xf0, 0x80, 0xfc, 0xff, 0x41][i % 6]);
    expect(guessBaudMismatch(bytes).verdict).toBe("slower");
  });
  it("sees a faster sender (or noise) in bytes spread over all values", () => {
    const bytes = new Uint8Array(256).map((_, i) => (i * 97 + 13) & 0xff);
    expect(guessBaudMismatch(bytes).verdict).toBe("faster");
  });
  it("accepts boot noise followed by clean lines", () => {
    const noise = new Uint8Array(30).map((_, i) => [0xe0, 0x12, 0x9c][i % 3]);
    const bytes = new Uint8Array([...noise, ...TEXT, ...TEXT]);
    expect(guessBaudMismatch(bytes).verdict).toBe("boot-noise");
  });
});

describe("doctor's real system view on a fake /proc and /etc", () => {
  const root = mkdtempSync(join(tmpdir(), "fobsync-proc-"));
  const port = join(root, "ttyUSB0");
  symlinkSync("/dev/tty", port); // a character device that is neither a memory device nor a pty: a serial port to the doctor
  mkdirSync(join(root, "proc/777/fd"), { recursive: true });
  writeFileSync(join(root, "proc/777/comm"), "minicom\n");
  symlinkSync(port, join(root, "proc/777/fd/3"));
  mkdirSync(join(root, "proc/888/fd"), { recursive: true });
  writeFileSync(join(root, "proc/888/comm"), "ModemManager\n");
  mkdirSync(join(root, "etc"));
  writeFileSync(join(root, "etc/group"), "root:x:0:\ndialout:x:20:ana,bo\n");
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const sys = realSystemView({ proc: join(root, "proc"), etc: join(root, "etc"), pathVar: "", userName: "ana" });

  it("finds the process holding the port by scanning /proc/*/fd", () => {
    expect(sys.holders(port)).toEqual([{ pid: 777, command: "minicom" }]);
  });

  it("reads running commands and groups", () => {
    expect(sys.runningCommands().sort()).toEqual(["ModemManager", "minicom"]);
    expect(sys.groupName(20)).toBe("dialout");
    expect(sys.groupMembers("dialout")).toEqual(["ana", "bo"]);
    expect(sys.hasCommand("udevadm")).toBe(false);
  });

  describe("fobsync doctor (built CLI)", () => {
    beforeAll(() => buildCli(), 60_000);

    it("reports the holder and the baud garbage from a capture, exiting with the first failure's code", () => {
      const capture = join(root, "capture.bin");
      writeFileSync(capture, Buffer.from(new Uint8Array(200).map((_, i) => [0x00, 0x80, 0xf8, 0xfe][i % 4])));
      const r = runCli(["doctor", "--json", "--port", port, "--sample", capture], {
        FOBSYNC_PROC_ROOT: join(root, "proc"),
        FOBSYNC_ETC_ROOT: join(root, "etc"),
      });
      const recs = r.records();
      expect(recs.find((x) => x.id === "holders")).toMatchObject({ status: "fail", detail: `${port} is open in minicom (pid 777)` });
      expect(recs.find((x) => x.id === "modemmanager")).toMatchObject({ status: "warn" });
      expect(recs.find((x) => x.id === "baud")).toMatchObject({ status: "fail", exit: 8 });
      expect(recs.pop()).toEqual({ type: "doctor", ok: false, exit: 4, failed: ["holders", "baud"] });
      expect(r.code).toBe(4);
    });

    it("a missing port exits 3", () => {
      const r = runCli(["doctor", "--port", join(root, "ttyUSB9")], { FOBSYNC_PROC_ROOT: join(root, "proc"), FOBSYNC_ETC_ROOT: join(root, "etc") });
      expect(r.code).toBe(3);
      expect(r.stdout).toMatch(/\[FAIL\] serial port present: .*does not exist/);
    });
  });
});
