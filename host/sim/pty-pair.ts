/**
 * Two connected pseudo-terminals made by socat (Debian package `socat`):
 * bytes written to one end come out of the other, like a serial cable. The
 * virtual board opens `boardPath`; users and tests open `hostPath` exactly as
 * they would open /dev/ttyUSB0.
 *
 *   socat -d -d pty,raw,echo=0[,link=L] pty,raw,echo=0
 */
import { trackChild } from "../common/child-processes";
import { spawn, type ChildProcess } from "node:child_process";
import { CliError, EXIT } from "../common/errors";

export interface PtyPair {
  /** The end the virtual board opens. */
  boardPath: string;
  /** The end users open (the symlink when `hostLink` was given). */
  hostPath: string;
  /** Tear the pair down: both ends disappear, as when a cable is pulled. */
  close(): Promise<void>;
  /** Called when socat ends on its own. */
  onExit(fn: () => void): void;
}

export interface PtyPairOptions {
  /** A stable path (symlink) for the host end, e.g. /tmp/fobsync-board. */
  hostLink?: string;
  /** How long socat may take to report both ends. */
  startTimeoutMs?: number;
}

const PTY_LINE = /PTY is (\S+)/g;

/** Start socat and resolve with both ends once it has created them. */
export function openPtyPair(opts: PtyPairOptions = {}): Promise<PtyPair> {
  const hostAddr = `pty,raw,echo=0${opts.hostLink ? `,link=${opts.hostLink}` : ""}`;
  let child: ChildProcess;
  try {
    // stopped by its pid when Node exits; SIGTERM lets it remove its pty links
    child = trackChild(spawn("socat", ["-d", "-d", "pty,raw,echo=0", hostAddr], { stdio: ["ignore", "ignore", "pipe"] }));
  } catch (err) {
    return Promise.reject(socatMissing(err));
  }
  return new Promise((resolve, reject) => {
    let err = "";
    const exitHandlers: Array<() => void> = [];
    let exited = false;
    const timer = setTimeout(() => {
      child.kill();
      reject(new CliError("sim-pty", `socat did not create the pseudo-terminals: ${err.trim() || "no output"}`, EXIT.failed));
    }, opts.startTimeoutMs ?? 5000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(socatMissing(e));
    });
    child.on("exit", () => {
      exited = true;
      clearTimeout(timer);
      exitHandlers.forEach((fn) => fn());
      reject(new CliError("sim-pty", `socat ended: ${socatErrors(err)}`, EXIT.failed));
    });
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const paths = [...err.matchAll(PTY_LINE)].map((m) => m[1]);
      if (paths.length < 2 || !/starting data transfer/.test(err)) return;
      clearTimeout(timer);
      resolve({
        boardPath: paths[0],
        hostPath: opts.hostLink ?? paths[1],
        onExit: (fn) => exitHandlers.push(fn),
        close: () =>
          new Promise((done) => {
            if (exited) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

function socatMissing(err: unknown): CliError {
  return new CliError(
    "sim-pty",
    `cannot start socat to make the virtual serial port (${err instanceof Error ? err.message : String(err)})`,
    EXIT.failed,
    "install it: sudo apt-get install socat",
  );
}

/** socat's error lines (`... socat[pid] E what`) without their time stamps; its whole log when it has none. */
function socatErrors(log: string): string {
  const errors = log.split("\n").map((l) => /socat\[\d+\] E (.*)$/.exec(l)?.[1]).filter((e): e is string => e !== undefined);
  return errors.length > 0 ? errors.join("; ") : log.trim() || "no output";
}
