import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Headless Chromium (Debian's `chromium` package) for the picture tests:
 * screenshots and DOM dumps of local files, in a throw-away profile with
 * nothing reaching the network.
 */
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export interface ChromiumRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(extra: string[], url: string): ChromiumRun {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM`);
  const profile = mkdtempSync(join(tmpdir(), "fobsync-chromium-"));
  try {
    const r = spawnSync(
      CHROMIUM,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
        `--user-data-dir=${profile}`,
        ...extra,
        url,
      ],
      { encoding: "utf8", timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
    );
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Screenshot of a local file at the given window size. */
export function screenshot(file: string, png: string, width: number, height: number): ChromiumRun {
  return run([`--screenshot=${png}`, `--window-size=${width},${height}`], "file://" + file);
}

/** The DOM of a local page after its scripts ran. */
export function dumpDom(file: string): ChromiumRun {
  return run(["--dump-dom", "--window-size=1600,1200"], "file://" + file);
}

/** Console errors and uncaught exceptions Chromium logged for the page. */
export function pageErrors(r: ChromiumRun): string[] {
  return r.stderr.split("\n").filter((l) => /CONSOLE|Uncaught/.test(l) && /error|Uncaught/i.test(l));
}
