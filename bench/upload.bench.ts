/**
 * Upload throughput over a rate-limited link: the board's modelled UART lets
 * bytes through at 115200 baud (11,520 bytes/s, 10 bit times per byte) and
 * sends XOFF/XON when its buffer fills, on a real pseudo-terminal.
 * Prints fobsync's flash (with CRC and boot-banner verification) as a
 * fraction of that raw byte rate: on the REAL Espruino interpreter for the
 * default path (an ESP32 build: atob + heatshrink), and for the two other
 * encodings on fobsync's virtual Espruino with those decoders left out (the
 * Linux interpreter has both); then the EspruinoTools CLI storing the same
 * bundle on the real interpreter behind the same kind of pty, through a TCP
 * bridge (its serial driver only opens ports its own listing finds, which
 * never includes a pseudo-terminal).
 * NodeMCU: fobsync's Lua-REPL upload of init.lua + fobsync.lua to the virtual
 * NodeMCU (one line in flight, on-board Adler-32, node.compile, boot banner),
 * at the same line rate (NodeMCU sends no XON/XOFF).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { espruinoBundle } from "../host/flash/bundle-source";
import { crc32 } from "../host/flash/crc32";
import { flashEspruino } from "../host/flash/espruino-flasher";
import { ReplConsole } from "../host/serial/repl-console";
import { openSerialLink } from "../host/serial/serialport-link";
import { startModelBoard } from "../host/sim/boards/model-board";
import { chooseEspruinoBoard, startEspruinoBoard } from "../host/sim/boards/choose-board";
import type { EspruinoDecoders } from "../host/sim/runtime/espruino-codecs";
import type { ChunkEncoding } from "../host/flash/espruino-chunks";
import { nodeMcuFiles } from "../host/flash/nodemcu-files";
import { flashNodeMcu } from "../host/flash/nodemcu-flasher";
import { startNodeMcuBoard } from "../host/sim/boards/nodemcu-board";
import { startInterpreterBoard } from "../host/sim/boards/interpreter-board";
import type { EspruinoInterpreter } from "../host/espruino/interpreter";

const BAUD = 115200;
const RAW = BAUD / 10;
const bundle = espruinoBundle();
/** The default path's board, chosen as sim and the demo choose it: the real interpreter when found, else the model (said so). */
const defaultChoice = await chooseEspruinoBoard({ model: false });
const interpreter: EspruinoInterpreter | null = defaultChoice.kind === "interpreter" ? defaultChoice.interpreter : null;
if (!interpreter) console.log(`upload bench: ${defaultChoice.kind === "model" ? defaultChoice.note : ""}`);

/** The board each encoding is the shortest for, and whether the 0.8 target applies (the default path). */
const ENCODING_BOARDS: { encoding: ChunkEncoding; board: string; decoders: EspruinoDecoders; target: boolean }[] = [
  {
    encoding: "heatshrink",
    board: `${interpreter ? "the real Espruino interpreter" : "fobsync's model of Espruino (no real interpreter)"} (atob + heatshrink, as an ESP32 build; default path)`,
    decoders: {},
    target: true,
  },
  ...(interpreter
    ? [{ encoding: "heatshrink" as const, board: "fobsync's model of Espruino, which reads its console at the line rate as an ESP32's UART interrupt does (atob + heatshrink)", decoders: {}, target: false }]
    : []),
  { encoding: "base64", board: "fobsync's virtual Espruino without heatshrink", decoders: { heatshrink: false }, target: false },
  { encoding: "literal", board: "fobsync's virtual Espruino without atob and heatshrink", decoders: { atob: false, heatshrink: false }, target: false },
];

/** Times fobsync's verified flash for each encoding, each on a board whose decoders make it the choice. */
async function fobsyncUploads(): Promise<number> {
  let defaultWire = 0;
  console.log(`fobsync flash, verified (board CRC32 of .bootcde = host CRC32, boot banner build id), ${bundle.bytes.length} shipped bytes, raw ${RAW} B/s:`);
  for (const e of ENCODING_BOARDS) {
    const board = e.target ? await startEspruinoBoard(defaultChoice, { baud: BAUD }) : await startModelBoard({ baud: BAUD, speed: 1, decoders: e.decoders });
    const link = await openSerialLink({ path: board.hostPath, baudRate: BAUD });
    const t0 = performance.now();
    const r = await flashEspruino({ console: new ReplConsole(link), bundle: bundle.bytes, build: bundle.build });
    const s = (performance.now() - t0) / 1000;
    await link.close();
    await board.stop();
    const ratio = r.bytes / s / RAW;
    const used = Object.entries(r.lines).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(", ");
    const verdict = e.encoding === "heatshrink" ? (ratio >= 0.8 ? " (target >= 0.8: met)" : " (target >= 0.8: MISSED)") : "";
    if (e.target) defaultWire = r.wireBytes / r.bytes;
    console.log(`  ${e.encoding.padEnd(10)} ${s.toFixed(2)} s = ${Math.round(r.bytes / s)} B/s, ratio ${ratio.toFixed(3)}${verdict}; board: ${e.board}; lines: ${used}; wire ${r.wireBytes} bytes (${(r.wireBytes / r.bytes).toFixed(3)} per shipped byte), XOFFs ${r.xoffs}`);
  }
  return defaultWire;
}

/**
 * The EspruinoTools CLI storing the same bundle (`--storage .bootcde:file`:
 * 384-byte chunks as `require("Storage").write(f,atob("..."),off[,total])`,
 * throttled, no verification). It is given the board's description as a
 * local file (`--board x.json`) and a loopback BOARD_JSON_URL, so it never
 * looks anything up on the network; it therefore skips its process.env probe.
 */
async function espruinoToolsUpload(settings: string, extraArgs: string[]): Promise<void> {
  if (spawnSync("socat", ["-V"]).status !== 0) {
    console.log("EspruinoTools: skipped, socat missing");
    return;
  }
  if (!interpreter) {
    console.log(`EspruinoTools CLI (${settings}): skipped, it is measured storing into the real interpreter's Storage, and there is none`);
    return;
  }
  const board = await startInterpreterBoard({ baud: BAUD, interpreter });
  const flashFile = join(board.board.process.dir, "espruino.flash");
  const dir = mkdtempSync(join(tmpdir(), "fobsync-bench-"));
  const file = join(dir, "fobsync.js");
  writeFileSync(file, bundle.bytes);
  const boardJson = join(dir, "ESP32.json");
  writeFileSync(boardJson, JSON.stringify({ info: { binary_version: "2v29", builtin_modules: ["Storage", "heatshrink"] } }));
  const port = 20000 + (process.pid % 20000);
  const bridge = spawn("socat", [`tcp-listen:${port},reuseaddr`, `file:${board.hostPath},raw,echo=0`], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 300));
  const t0 = performance.now();
  let connectedAt = 0;
  const args = ["node_modules/espruino/bin/espruino-cli.js", "--no-ble", "--board", boardJson, "--config", "BOARD_JSON_URL=http://127.0.0.1:9"];
  // stdin stays open: the CLI drops into a terminal after connecting and quits when stdin ends.
  const cli = spawn(process.execPath, [...args, ...extraArgs, "-b", String(BAUD), "-p", `tcp://127.0.0.1:${port}`, "--storage", `.bootcde:${file}`], { stdio: ["pipe", "pipe", "pipe"] });
  let log = "";
  const collect = (d: Buffer) => {
    log += d;
    if (!connectedAt && /Connected/.test(log)) connectedAt = performance.now();
  };
  cli.stdout.on("data", collect);
  cli.stderr.on("data", collect);
  // The interpreter's Storage is the file espruino.flash: the bundle is stored once its bytes are there.
  const flashBytes = () => (existsSync(flashFile) ? readFileSync(flashFile) : Buffer.alloc(0));
  const storedOk = () => flashBytes().includes(bundle.bytes);
  // The time until the board holds the whole bundle (the CLI itself does not verify). The CLI may
  // finish writing long before the board has read everything: give up only once the CLI is done
  // and the board's Storage has not changed for a second.
  let exited = false;
  cli.on("exit", () => (exited = true));
  const ok = await new Promise<boolean>((resolve) => {
    let last = 0;
    let lastChange = performance.now();
    const poll = setInterval(() => {
      const sum = crc32(flashBytes());
      if (sum !== last) {
        last = sum;
        lastChange = performance.now();
      }
      if (storedOk()) finish(true);
      else if ((exited || /Upload Complete/.test(log)) && performance.now() - lastChange > 1000) finish(false);
    }, 20);
    const timer = setTimeout(() => finish(false), 120_000);
    function finish(v: boolean) {
      clearInterval(poll);
      clearTimeout(timer);
      resolve(v);
    }
  });
  const done = performance.now();
  cli.kill();
  bridge.kill();
  await board.stop();
  const s = (done - t0) / 1000;
  if (!ok) {
    console.log(`EspruinoTools CLI (${settings}): did not store the bundle (after ${s.toFixed(1)} s); last output: ${log.trim().split("\n").slice(-3).join(" | ")}`);
    return;
  }
  const n = bundle.bytes.length;
  const transfer = connectedAt ? (done - connectedAt) / 1000 : s;
  console.log(`EspruinoTools CLI 0.1.67 --storage to the real interpreter (384-byte atob chunks, ${settings}, NO verification):`);
  console.log(`  from "Connected" to the board holding the bundle: ${transfer.toFixed(2)} s = ${Math.round(n / transfer)} B/s, ratio ${(n / transfer / RAW).toFixed(3)}`);
  console.log(`  whole run from spawning the CLI (node start-up, connect): ${s.toFixed(2)} s = ${Math.round(n / s)} B/s, ratio ${(n / s / RAW).toFixed(3)}`);
}

/** NodeMCU: time to the verified boot banner, and the upload phase alone (payload bytes over the time until verification starts). */
async function nodeMcuUpload(): Promise<void> {
  const files = nodeMcuFiles();
  const board = await startNodeMcuBoard({ baud: BAUD, speed: 1 });
  const link = await openSerialLink({ path: board.hostPath, baudRate: BAUD });
  const t0 = performance.now();
  let uploadedAt = 0;
  const r = await flashNodeMcu({
    console: new ReplConsole(link),
    init: files.init,
    bundle: files.bundle,
    build: files.build,
    onProgress: (p) => {
      if (p.phase === "verify") uploadedAt = performance.now();
    },
  });
  const s = (performance.now() - t0) / 1000;
  const up = (uploadedAt - t0) / 1000;
  await link.close();
  await board.stop();
  console.log(`fobsync flash --target nodemcu (verified: on-board Adler-32, node.compile, boot banner): ${r.bytes} bytes in ${s.toFixed(2)} s = ${Math.round(r.bytes / s)} B/s, fraction ${(r.bytes / s / RAW).toFixed(3)}`);
  console.log(`  upload phase alone: ${up.toFixed(2)} s = ${Math.round(r.bytes / up)} B/s (fraction ${(r.bytes / up / RAW).toFixed(3)}); ${r.lines} REPL lines, wire bytes ${r.wireBytes} (framing ${(100 * (r.wireBytes / r.bytes - 1)).toFixed(1)} %), one line in flight`);
}

/**
 * How fast the real interpreter reads its console, whatever the line rate:
 * the Linux build's input thread reads stdin until its event queue is half
 * full, then sleeps 50 ms (targets/linux/jshardware.c, jshInputThread), which
 * an ESP32's UART interrupt does not. 64 KB of comment lines at an unlimited
 * line rate, timed until a probe after them is answered. With fobsync's wire
 * bytes per shipped byte, this bounds the ratio any uploader reaches here.
 */
async function interpreterInputCeiling(wirePerShipped: number): Promise<void> {
  if (!interpreter) return;
  const board = await startInterpreterBoard({ baud: 0, interpreter });
  const link = await openSerialLink({ path: board.hostPath, baudRate: BAUD });
  try {
    const c = new ReplConsole(link);
    const line = "//" + "x".repeat(126) + "\n";
    const text = line.repeat(512);
    c.mark();
    const t0 = performance.now();
    await c.write(text + 'print("FS"+"INPUT")\n');
    await c.waitFor(/FSINPUT/, 60_000, "the probe after the comment lines");
    const rate = text.length / ((performance.now() - t0) / 1000);
    const cap = rate / wirePerShipped / RAW;
    console.log(
      `the real interpreter reads its console at ${Math.round(rate)} B/s when nothing limits the line (${text.length} bytes of comment lines): ` +
        `at ${wirePerShipped.toFixed(3)} wire bytes per shipped byte no upload here passes ${Math.min(cap, 1 / wirePerShipped).toFixed(3)} of the line rate, with no other wait`,
    );
  } finally {
    await link.close();
    await board.stop();
  }
}

const wirePerShipped = await fobsyncUploads();
await interpreterInputCeiling(wirePerShipped);
await espruinoToolsUpload("default settings: throttled send, delay after each Storage write", []);
await espruinoToolsUpload("fastest settings: SERIAL_THROTTLE_SEND=2 (never), STORAGE_UPLOAD_METHOD=1 (no delays), XON/XOFF", ["--config", "SERIAL_THROTTLE_SEND=2", "--config", "STORAGE_UPLOAD_METHOD=1"]);
await nodeMcuUpload();
process.exit(0);
