/**
 * Flash an Espruino board over its REPL (docs/flash.md):
 *
 *   attention   Ctrl-C, then a probe print the board must answer (asked
 *               again for a few seconds while a board may still be booting)
 *   reset()     stop whatever runs; probe again, the probe also asking which
 *               decoders the board has (atob, heatshrink), its Espruino
 *               version (one older than fobsync runs on is refused here,
 *               before anything is written) and an ESP32's radios
 *   radios      with lockRadios: each radio on switched off for good (the
 *               chip restarts), then probed again
 *   storage     its files and free room: other programs' boot files erased
 *               (unless kept), compacted when needed, refused when even that
 *               cannot make room (espruino-storage-space.ts)
 *   echo(0)     the board stops echoing what we type
 *   upload      Storage.write lines into fobsync.new, each chunk in the
 *               shortest encoding the board decodes, pipelined, XON/XOFF honoured
 *   verify      the board's E.CRC32 of it against ours, then the board copies
 *               it into .bootcde by itself and that is checked the same way
 *   load()      reboot into the stored code; its boot banner must carry our build id
 *
 * On a failure during the upload, the partial or corrupted upload is erased
 * (best effort) and the firmware the board had stays and boots; a board that
 * vanished mid-upload keeps it too, with a stray fobsync.new the next flash
 * replaces. Only a copy that went wrong leaves a bare REPL.
 */
import { CliError, EXIT } from "../common/errors";
import { boardNotAnswering } from "../serial/port-errors";
import type { ReplConsole } from "../serial/repl-console";
import { crc32 } from "./crc32";
import { compareVersions, formatVersion, MIN_ESPRUINO_VERSION, parseVersion } from "../espruino/versions";
import { BOOT_FILE, CHUNK_ENCODINGS, checkUpload, encodingsFor, storageWriteLines, type BoardDecoders, type ChunkEncoding } from "./espruino-chunks";
import { decoderProbe, parseDecoderAnswer, radiosInAnswer, storageInAnswer, timersInAnswer, versionInAnswer, type DecoderProbe } from "./espruino-decoders";
import { loadHeatshrink } from "./espruino-heatshrink";
import { planStorage, type StoragePlan } from "./espruino-storage-space";
import { NEW_FIRMWARE_FILE, recipeNameOf, STAGING_PREFIX } from "./board-file-kinds";

export interface FlashProgress {
  /** `compile`: NodeMCU's node.compile on the board (nodemcu-flasher.ts). */
  phase: "connect" | "upload" | "verify" | "compile" | "reboot";
  sent: number;
  total: number;
}

export interface FlashTimeouts {
  /** For the board to answer a probe. */
  answerMs: number;
  /** For the boot banner after load(). */
  bootMs: number;
  /** For a board still booting when the port opened to answer at all (asked again every second). */
  bootWaitMs: number;
}

export interface EspruinoFlashOptions {
  console: ReplConsole;
  bundle: Uint8Array;
  /** More Storage files to write with the firmware (the recipes, `fr.<name>`), each checked by its CRC. */
  extraFiles?: { name: string; bytes: Uint8Array }[];
  /** Build id the bundle carries (its boot banner must show it). */
  build: string;
  timeouts?: Partial<FlashTimeouts>;
  chunkBytes?: number;
  /** Encodings fobsync may use (default: all); each chunk takes the shortest of these the board decodes. */
  encodings?: readonly ChunkEncoding[];
  onProgress?: (p: FlashProgress) => void;
  /** A sentence for the user while the flash waits (a board still booting). */
  onNote?: (text: string) => void;
  signal?: AbortSignal;
  /**
   * Switch an ESP32's Wi-Fi and Bluetooth off for good before the upload
   * (`ESP32.enableWifi(false)`, `ESP32.enableBLE(false)`: each stored in NVS,
   * each erases the saved code and restarts the chip; the upload then puts
   * fobsync back). A board that is not an ESP32 has none to switch off.
   */
  lockRadios?: boolean;
  /** Keep another program's boot files (`.boot0`-`.boot3`, `.bootrst`, `.varimage`); by default they are removed, so only fobsync runs at boot. */
  keepForeign?: boolean;
}

/** What the flash did to the board's Storage besides writing fobsync. */
export interface StorageChanges {
  /** Foreign boot files removed. */
  removed: string[];
  /** Foreign boot files kept (`keepForeign`). */
  kept: string[];
  /** Whether Storage was compacted to make room. */
  compacted: boolean;
  /** The `.bootcde` that was there before, in bytes (0: none). */
  replacedBytes: number;
  /** Recipes the board had that this flash does not write (a user's, or an older build's): they stay. */
  keptRecipes: string[];
}

/** The radios an ESP32 has on: each a console anyone in range can reach. */
export interface Radios {
  wifi: boolean;
  ble: boolean;
}

export interface FlashResult {
  bytes: number;
  crc: number;
  build: string;
  /** Bytes put on the wire for the whole session (payload plus REPL framing). */
  wireBytes: number;
  xoffs: number;
  /** What the board said it can decode. */
  decoders: BoardDecoders;
  /** Upload lines per encoding. */
  lines: Record<ChunkEncoding, number>;
  /** The radios an ESP32 has on after the flash; null for a board that is not an ESP32. */
  radios: Radios | null;
  /** The radios `lockRadios` switched off (none when it was not asked, or nothing was on). */
  radiosLocked: Radios;
  storage: StorageChanges;
}

const DEFAULTS: FlashTimeouts = { answerMs: 3000, bootMs: 8000, bootWaitMs: 8000 };
/** How often a board that has not answered yet is asked again while it may be booting. */
const BOOT_RETRY_MS = 1000;

/**
 * Real ms to send nothing after `reset()` when the board prints no banner
 * to wait for (afterReset): Espruino drops what arrives while it resets
 * (measured on the real interpreter: the next line lost its first
 * characters). EspruinoTools waits the same 250 ms (core/serial.js, its
 * splits for Ctrl-C, reset() and load()).
 */
const SETTLE_MS = 250;

let probeCounter = 0;

/** A fresh probe number: each probe's answer is told from the previous ones. */
export function nextProbeNumber(): number {
  return (++probeCounter % 9000) + 1000;
}

/** A print whose echo cannot match its output: the output joins what the echo shows apart. */
function probe(): { line: string; pattern: RegExp } {
  const n = nextProbeNumber();
  return { line: `print("FS"+"Y"+"NC${n}")\n`, pattern: new RegExp(`FSYNC${n}`) };
}

/**
 * Refuse an Espruino older than the oldest fobsync runs on, before anything
 * is written: 2v25 and older cannot read the pretokeniser's compact integers
 * (the bundle would not even load), and 2v26's ESP32 build refused setWatch
 * on the pins the ignition and RF inputs are on (they would be silently dead).
 */
function requireSupportedVersion(reported: string): void {
  const v = parseVersion(reported);
  if (v && compareVersions(v, MIN_ESPRUINO_VERSION) >= 0) return;
  throw new CliError(
    "espruino-too-old",
    `the board runs Espruino ${reported}; fobsync needs ${formatVersion(MIN_ESPRUINO_VERSION)} or newer: nothing was written`,
    EXIT.verifyFailed,
    "put a newer Espruino on the board first: fobsync install-espruino --port <port> --from <the release zip> (espruino.com/Download)",
  );
}

/** Board-side errors that make the upload worthless. */
const BOARD_ERROR = /Uncaught [^\r\n]*|ERROR: [^\r\n]*|Not enough free space[^\r\n]*/;

export async function flashEspruino(opts: EspruinoFlashOptions): Promise<FlashResult> {
  const t = { ...DEFAULTS, ...opts.timeouts };
  const c = opts.console;
  const allowed = opts.encodings ?? CHUNK_ENCODINGS;
  if (allowed.length === 0 || allowed.some((e) => !CHUNK_ENCODINGS.includes(e))) {
    throw new CliError("bad-encoding", `unknown or no upload encoding: ${allowed.join(",") || "(none)"}; known: ${CHUNK_ENCODINGS.join(", ")}`, EXIT.usage);
  }
  checkUpload(opts.bundle, opts.chunkBytes);
  const total = opts.bundle.length;
  let wire = 0;
  const send = async (text: string, o?: Parameters<ReplConsole["write"]>[1]) => {
    await c.write(text, o);
    wire += text.length;
  };
  const ask = async (what: string, p = probe(), timeoutMs = t.answerMs) => {
    await send(p.line);
    return c.waitFor(p.pattern, timeoutMs, what);
  };

  opts.onProgress?.({ phase: "connect", sent: 0, total });
  // Loaded while the board answers; without heatshrink.js the upload still works, uncompressed.
  const canCompress = allowed.includes("heatshrink") && loadHeatshrink();
  // Ctrl-C, the reset, and the probe's answer (which shows both arrived whole); a board just
  // plugged in (or reset by the port opening) drops what comes while it boots: ask again
  const started = Date.now();
  let answered: RegExpExecArray;
  for (let attempt = 0; ; attempt++) {
    c.mark();
    await send("\x03");
    try {
      answered = await resetToIdle(c, send, ask, "an answer from the Espruino REPL after Ctrl-C and reset()", opts.signal, attempt === 0 ? t.answerMs : BOOT_RETRY_MS);
      break;
    } catch (err) {
      const retry = err instanceof CliError && err.code !== "garbage" && err.code !== "board-keeps-running";
      if (!retry || opts.signal?.aborted || !c.link.isOpen) throw err;
      if (Date.now() - started >= t.bootWaitMs) throw boardNotAnswering(c.link.path, Date.now() - started, "an answer from the Espruino REPL after Ctrl-C");
      if (attempt === 0) opts.onNote?.(`waiting for the board to boot (asking again for up to ${t.bootWaitMs / 1000} s)...`);
    }
  }
  requireSupportedVersion(versionInAnswer(answered));
  const radiosLocked: Radios = { wifi: false, ble: false };
  const before = radiosInAnswer(answered);
  if (opts.lockRadios && before && (before.wifi || before.ble)) {
    for (const radio of RADIO_SWITCHES) {
      if (!before[radio.id]) continue;
      await switchOff(c, send, radio.call, t);
      radiosLocked[radio.id] = true;
    }
    answered = await resetToIdle(c, send, ask, "the Espruino REPL after its radios were switched off", opts.signal, t.answerMs);
    const after = radiosInAnswer(answered);
    if (after && (after.wifi || after.ble)) throw radiosStillOn(after);
  }
  const decoders = parseDecoderAnswer(answered);
  const radios = radiosInAnswer(answered);
  const usable = encodingsFor(decoders).filter((e) => allowed.includes(e) && (e !== "heatshrink" || canCompress));
  if (usable.length === 0) throw noEncoding(allowed, decoders);
  const lines = storageWriteLines(opts.bundle, { file: NEW_FIRMWARE_FILE, chunkBytes: opts.chunkBytes, encodings: usable });
  const perEncoding: Record<ChunkEncoding, number> = { heatshrink: 0, base64: 0, literal: 0 };
  // room for it all, and nothing else left to run at boot (before anything is written)
  const held = storageInAnswer(answered);
  const extras = (opts.extraFiles ?? []).map((f) => ({ ...f, staged: STAGING_PREFIX + f.name }));
  const writes = [{ name: NEW_FIRMWARE_FILE, bytes: total }, { name: BOOT_FILE, bytes: total }, ...extras.flatMap((f) => [{ name: f.staged, bytes: f.bytes.length }, { name: f.name, bytes: f.bytes.length }])];
  const plan = planStorage(held, writes, opts.keepForeign === true);
  await makeRoom(c, send, plan, t);
  const writing = new Set(extras.map((f) => f.name));
  const keptRecipes = held.files.filter((f) => !writing.has(f.name)).map((f) => recipeNameOf(f.name)).filter((n): n is string => n !== null);
  const storage: StorageChanges = { removed: plan.remove, kept: plan.kept, compacted: plan.compact, replacedBytes: held.files.find((f) => f.name === BOOT_FILE)?.bytes ?? 0, keptRecipes };
  await send("echo(0)\n");

  let uploadStarted = false;
  let copying = false;
  try {
    c.mark();
    uploadStarted = true;
    let sent = 0;
    for (const line of lines) {
      if (opts.signal?.aborted) throw abortedError();
      await send(line.text, { signal: opts.signal });
      if (line.encoding !== null) perEncoding[line.encoding]++;
      sent += line.payload;
      opts.onProgress?.({ phase: "upload", sent, total });
      const err = BOARD_ERROR.exec(c.text());
      if (err) throw boardRefused(err[0]);
    }
    for (const f of extras) {
      for (const line of storageWriteLines(f.bytes, { file: f.staged, chunkBytes: opts.chunkBytes, encodings: usable })) await send(line.text, { signal: opts.signal });
    }
    opts.onProgress?.({ phase: "verify", sent: total, total });
    // one line the board runs by itself: it sums each upload, and only when all match do they take
    // their names (a cable pulled before this left the old firmware booting); it sums them again
    // there, and only then boots the new firmware
    const expected = crc32(opts.bundle);
    const moves = [{ from: NEW_FIRMWARE_FILE, to: BOOT_FILE, crc: expected }, ...extras.map((f) => ({ from: f.staged, to: f.name, crc: crc32(f.bytes) }))];
    const crc = (await verifyUploads(c, send, moves, true, uploadTimeout(c, wire, t.answerMs) + COPY_MS, () => (copying = true)))[0];
    uploadStarted = false;

    opts.onProgress?.({ phase: "reboot", sent: total, total });
    const banner = await c.waitFor(/@\d+ \d+ [EWID] boot [^\r\n]*?build=([0-9a-f]{8})/, t.bootMs, `the boot banner of build ${opts.build}`);
    if (banner[1] !== opts.build) throw bannerMismatch(banner[1], opts.build);
    return { bytes: total, crc, build: banner[1], wireBytes: wire, xoffs: c.xoffCount, decoders, lines: perEncoding, radios, radiosLocked, storage };
  } catch (err) {
    if (uploadStarted && c.link.isOpen) await eraseUnchecked(c, copying, extras);
    throw opts.signal?.aborted ? abortedError() : err;
  }
}

/**
 * The reset: every timer and watch cleared first, in the same line. Espruino
 * runs the timers that are due right after the console's line, and a
 * `load()` one of them calls then follows the reset (src/jsinteractive.c,
 * jsiIdle handles the reset flag, then the load flag), which boots the program again.
 */
const RESET_LINE = "clearInterval();clearWatch();reset()\n";

/** How often the reset is sent before a board that keeps running a program is refused. */
const RESET_TRIES = 5;

/**
 * Reset until the board's answer shows no timer or watch set. A board in a
 * boot loop (its program calls `load()` again and again) otherwise boots its
 * program again after the reset, and each `load()` drops the line that is
 * arriving (measured on the real interpreter: a `.bootcde` that reloads
 * every 20 ms followed a plain `reset()` every time, and cut the upload's
 * lines into ReferenceErrors). Gives the probe's answer.
 */
async function resetToIdle(
  c: ReplConsole,
  send: (t: string) => Promise<void>,
  ask: (what: string, p: DecoderProbe, timeoutMs: number) => Promise<RegExpExecArray>,
  what: string,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  for (let attempt = 1; ; attempt++) {
    c.mark();
    await send(`${attempt === 1 ? "" : "\x03"}${RESET_LINE}`);
    await afterReset(c);
    const answered = await ask(what, decoderProbe(nextProbeNumber()), timeoutMs);
    const set = timersInAnswer(answered);
    if (set === 0) return answered;
    if (attempt >= RESET_TRIES || signal?.aborted) throw keepsRunning(set);
  }
}

function keepsRunning(set: number): CliError {
  return new CliError(
    "board-keeps-running",
    `the board still runs a program after ${RESET_TRIES} reset() calls (${set} timers and watches set: a boot loop?); nothing was written`,
    EXIT.failed,
    "open the board's console (fobsync monitor --port P), type reset() then require(\"Storage\").erase(\".bootcde\"), and flash again; or put Espruino back with its flash erased: fobsync install-espruino --erase --port P --from <the release zip>",
  );
}

/** Each radio's one-time switch (targets/esp32/jswrap_esp32.c). */
const RADIO_SWITCHES = [
  { id: "wifi", call: "ESP32.enableWifi(false)", name: "Wi-Fi" },
  { id: "ble", call: "ESP32.enableBLE(false)", name: "Bluetooth" },
] as const;

/**
 * Switch one radio off: the board stores it, says it erases its saved code,
 * restarts, and prints its banner; then its REPL must answer a probe.
 */
async function switchOff(c: ReplConsole, send: (t: string) => Promise<void>, call: string, t: FlashTimeouts): Promise<void> {
  c.mark();
  await send(call + "\n");
  await c.waitFor(/Done!/, t.answerMs, `the board to store ${call} (it erases its saved code, then restarts)`);
  await c.waitFor(BANNER_END, t.bootMs, `the board's banner after ${call} restarted it`);
  c.mark();
  const p = probe();
  await send(p.line);
  await c.waitFor(p.pattern, t.answerMs, `the Espruino REPL after ${call} restarted the board`);
}

function radiosStillOn(r: Radios): CliError {
  const on = RADIO_SWITCHES.filter((x) => r[x.id]).map((x) => x.name).join(" and ");
  return new CliError("radios-still-on", `the board still has ${on} on after it was switched off: nothing was written`, EXIT.verifyFailed, "switch it off by hand at the board's REPL (docs/espruino.md section 5), then flash again");
}

/** How long a compaction may take: a real ESP32 rewrites its whole Storage area. */
const COMPACT_MS = 30_000;

/** Erase what the plan says and compact when it says so; a probe answered after shows the board is done. */
async function makeRoom(c: ReplConsole, send: (t: string) => Promise<void>, plan: StoragePlan, t: FlashTimeouts): Promise<void> {
  const erase = [...plan.remove, ...plan.eraseFirst];
  if (erase.length === 0 && !plan.compact) return;
  c.mark();
  for (const f of erase) await send(`require("Storage").erase(${JSON.stringify(f)})\n`);
  // an erase is quick, and the upload's lines wait their turn; a compaction is awaited (a board's takes seconds)
  if (!plan.compact) return;
  await send(`require("Storage").compact()\n`);
  const p = probe();
  await send(p.line);
  await c.waitFor(p.pattern, COMPACT_MS, "the board to compact its Storage");
}

/**
 * The end of Espruino's banner, its version line (" 2v29.277 (c) 2026
 * G.Williams"): printed at the end of the reset (src/jsinteractive.c,
 * jsiSemiInit), after the input line was made anew, so a line sent once it
 * is seen arrives whole.
 */
const BANNER_END = /\(c\) \d{4} G\.Williams[^\r\n]*\r?\n/;

/**
 * Let a reset finish before the next line: until its banner ends, or
 * SETTLE_MS for a board that prints none. A line sent at once loses its
 * first characters (the reset empties the input line it has begun:
 * `test/flash/reset-drops-input.test.ts` shows it on the real interpreter).
 */
async function afterReset(c: ReplConsole): Promise<void> {
  try {
    await c.waitFor(BANNER_END, SETTLE_MS, "the banner after reset()");
  } catch (err) {
    if (!c.link.isOpen) throw err;
  }
}

/**
 * How long the stored code's CRC may take: the answer time, the whole upload's
 * wire time again (the board may still be reading a pipelined upload), and
 * CRC_MARGIN_MS for the board to read its Storage and sum it (a loaded
 * machine's interpreter took over 5.5 s for the page's upload).
 */
function uploadTimeout(c: ReplConsole, wireBytes: number, answerMs: number): number {
  return answerMs + CRC_MARGIN_MS + Math.ceil((wireBytes * 10 * 1000) / c.link.baudRate);
}

const CRC_MARGIN_MS = 5000;

/** How long the board may take to copy the checked upload into `.bootcde` (a flash write of the bundle on a real ESP32). */
const COPY_MS = 10_000;


/**
 * Best effort: leave no half or corrupted program to run at the next
 * power-up. Before the copy only the uploads go (the old firmware and its
 * recipes stay and boot); a copy that went wrong takes `.bootcde` and the
 * copied files with it (a bare REPL).
 */
async function eraseUnchecked(c: ReplConsole, copied: boolean, extras: { name: string; staged: string }[]): Promise<void> {
  const files = [NEW_FIRMWARE_FILE, ...extras.map((f) => f.staged), ...(copied ? [BOOT_FILE, ...extras.map((f) => f.name)] : [])];
  try {
    await c.write(`\x03\x03${files.map((f) => `require("Storage").erase(${JSON.stringify(f)})`).join(";")}\n`);
  } catch {
    // The port went away: the board keeps its REPL and can be flashed again.
  }
}

/**
 * One line the board runs by itself: the CRC of each upload; only when every
 * one matches, each takes its name (its staged copy goes) and is summed
 * again there; with `boot`, only when those match too, `load()` boots the
 * new firmware. Prints `FSVER=<crcs of the uploads> <crcs under their names|->`.
 */
function verifyLine(moves: { from: string; to: string; crc: number }[], boot: boolean): string {
  const m = JSON.stringify(moves.map((x) => [x.from, x.to, x.crc]));
  const then = boot ? `if(d!="-"&&m.every(function(x,j){return d[j]==x[2]}))load()` : "";
  return (
    `(function(s,C,m){function all(i){return m.map(function(x){return C(s.read(x[i]))>>>0})}var u=all(0),d="-";` +
    `if(m.every(function(x,j){return u[j]==x[2]})){m.forEach(function(x){s.write(x[1],s.read(x[0]));s.erase(x[0])});d=all(1)}` +
    `print("FS"+"VER="+u.join(",")+" "+(d=="-"?d:d.join(",")));${then}})(require("Storage"),E.CRC32,${m})\n`
  );
}

/**
 * Send the verify line and read its verdict: a CliError for a board error or
 * a mismatch (`copied` tells whether the board had copied them by then).
 */
async function verifyUploads(
  c: ReplConsole,
  send: (t: string) => Promise<void>,
  moves: { from: string; to: string; crc: number }[],
  boot: boolean,
  timeoutMs: number,
  copied: () => void,
): Promise<number[]> {
  c.mark();
  await send(verifyLine(moves, boot));
  // whole lines only: the answer can arrive in pieces ("FSVER=290" then "1478313 ..."), and a
  // number cut at a chunk boundary read as the CRC made a good upload look corrupted
  const verdict = await c.waitFor(/FSVER=([\d,]+) ([\d,]+|-)\r?\n|Uncaught [^\r\n]*\r?\n|ERROR: [^\r\n]*\r?\n/, timeoutMs, "the CRC of the stored code");
  if (verdict[1] === undefined) throw boardRefused(verdict[0].trim());
  const uploaded = verdict[1].split(",").map(Number);
  const bad = moves.findIndex((m, i) => uploaded[i] !== m.crc);
  if (bad >= 0) throw corrupted(uploaded[bad], moves[bad].crc);
  copied();
  const after = verdict[2].split(",").map(Number);
  const badCopy = moves.findIndex((m, i) => after[i] !== m.crc);
  if (badCopy >= 0) throw corrupted(after[badCopy], moves[badCopy].crc);
  return after;
}

function corrupted(got: number, want: number): CliError {
  return new CliError(
    "verify-crc",
    `verification failed: the board stored different code (CRC ${hex(got)}, expected ${hex(want)}); the corrupted code was erased`,
    EXIT.verifyFailed,
    "check the cable and run `fobsync flash` again",
  );
}

function bannerMismatch(got: string, want: string): CliError {
  return new CliError(
    "verify-build",
    `verification failed: the board booted build ${got}, expected ${want}`,
    EXIT.verifyFailed,
    "something else runs at boot (another .boot file?): run `fobsync flash` again",
  );
}

function boardRefused(text: string): CliError {
  return new CliError(
    "board-error",
    `the board refused the upload: ${text.trim()}; the partial upload was erased`,
    EXIT.failed,
    "check the cable; if Storage is full, free space (require('Storage').eraseAll()); then flash again",
  );
}

function noEncoding(allowed: readonly ChunkEncoding[], d: BoardDecoders): CliError {
  const has = [d.atob ? "atob" : "", d.heatshrink ? "heatshrink" : ""].filter(Boolean).join(" and ") || "neither atob nor heatshrink";
  return new CliError("bad-encoding", `the board cannot decode ${allowed.join(" or ")} (it has ${has}); nothing was written`, EXIT.usage, "allow the literal encoding, which every board takes");
}

export function abortedError(): CliError {
  return new CliError("aborted", "upload interrupted; the partial upload was erased and the board keeps the firmware it had; it can be flashed again", EXIT.aborted);
}

function hex(n: number): string {
  return n.toString(16).padStart(8, "0");
}

/**
 * Write files into the Storage of an Espruino board that runs the firmware
 * (the recipes: `fobsync recipes install`), each checked by its CRC, under
 * its staging name and then under its own. No reset: the firmware keeps
 * running and reads a recipe when a command needs it.
 */
export async function installEspruinoFiles(opts: { console: ReplConsole; files: { name: string; bytes: Uint8Array }[]; signal?: AbortSignal; timeouts?: Partial<FlashTimeouts> }): Promise<{ name: string; bytes: number; crc: number }[]> {
  const t = { ...DEFAULTS, ...opts.timeouts };
  const c = opts.console;
  let wire = 0;
  const send = async (text: string) => {
    await c.write(text, { signal: opts.signal });
    wire += text.length;
  };
  c.mark();
  await send("\x03");
  const p = decoderProbe(nextProbeNumber());
  await send(p.line);
  const answer = await c.waitFor(p.pattern, t.answerMs, "an answer from the Espruino REPL");
  const decoders = parseDecoderAnswer(answer);
  const usable = encodingsFor(decoders).filter((e) => e !== "heatshrink" || loadHeatshrink());
  // room for each file twice (staged and copied) first: a file replaced leaves trash, which a compaction takes back
  const writes = opts.files.flatMap((f) => [{ name: STAGING_PREFIX + f.name, bytes: f.bytes.length }, { name: f.name, bytes: f.bytes.length }]);
  const plan = planStorage(storageInAnswer(answer), writes, true);
  await makeRoom(c, send, plan, t);
  await send("echo(0)\n");
  const moves = opts.files.map((f) => ({ from: STAGING_PREFIX + f.name, to: f.name, crc: crc32(f.bytes) }));
  let copying = false;
  try {
    c.mark();
    for (const [i, f] of opts.files.entries()) {
      for (const line of storageWriteLines(f.bytes, { file: moves[i].from, encodings: usable })) {
        if (opts.signal?.aborted) throw abortedError();
        await send(line.text);
        const err = BOARD_ERROR.exec(c.text());
        if (err) throw boardRefused(err[0]);
      }
    }
    const crcs = await verifyUploads(c, send, moves, false, uploadTimeout(c, wire, t.answerMs) + COPY_MS, () => (copying = true));
    return opts.files.map((f, i) => ({ name: f.name, bytes: f.bytes.length, crc: crcs[i] }));
  } catch (err) {
    // the staged copies go; after a copy that went wrong, the copies too (the board would list them)
    const unchecked = [...moves.map((m) => m.from), ...(copying ? moves.map((m) => m.to) : [])];
    if (c.link.isOpen) await c.write(`\x03${unchecked.map((f) => `require("Storage").erase(${JSON.stringify(f)})`).join(";")}\n`).catch(() => undefined);
    throw opts.signal?.aborted ? abortedError() : err;
  } finally {
    if (c.link.isOpen) await c.write("echo(1)\n").catch(() => undefined);
  }
}
