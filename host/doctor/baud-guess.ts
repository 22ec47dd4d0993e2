/**
 * Does a capture of serial bytes read at 115200 baud look like text sent at
 * another baud rate? A pure function.
 *
 * Text at the right rate is printable ASCII and line ends. Read too FAST (the
 * device sends slower, e.g. 9600 or 74880), each device bit spans several host
 * bits: the host sees long runs of 0s and 1s, i.e. bytes like 0x00, 0x80,
 * 0xE0, 0xF0, 0xF8, 0xFC, 0xFE, 0xFF. Read too SLOW (the device sends faster),
 * bytes are scrambled evenly across 0x00-0xFF. A little noise before clean
 * lines is normal at boot (ESP8266 prints its ROM banner at 74880).
 */
export type BaudVerdict = "empty" | "clean" | "boot-noise" | "slower" | "faster" | "garbled";

export interface BaudGuess {
  verdict: BaudVerdict;
  /** Share of bytes that are printable ASCII, CR, LF or TAB (0..1). */
  printableRatio: number;
  /** Same, over the last half of the capture. */
  tailPrintableRatio: number;
  /** Share of the non-printable bytes that are "run" bytes (0x00, 0x80, 0xC0 ... 0xFF). */
  runByteRatio: number;
  /** A sentence for the user. */
  text: string;
}

const MIN_BYTES = 16;
const CLEAN = 0.95;
const RUN_BYTES = new Set([0x00, 0x80, 0xc0, 0xe0, 0xf0, 0xf8, 0xfc, 0xfe, 0xff]);

function isPrintable(b: number): boolean {
  return (b >= 0x20 && b <= 0x7e) || b === 0x0a || b === 0x0d || b === 0x09;
}

function printableShare(bytes: Uint8Array): number {
  if (bytes.length === 0) return 1;
  let n = 0;
  for (const b of bytes) if (isPrintable(b)) n++;
  return n / bytes.length;
}

/** Guess from bytes read at 115200 baud whether the device talks at another rate. */
export function guessBaudMismatch(bytes: Uint8Array): BaudGuess {
  const printableRatio = printableShare(bytes);
  const tailPrintableRatio = printableShare(bytes.subarray(Math.floor(bytes.length / 2)));
  let bad = 0;
  let runs = 0;
  for (const b of bytes) {
    if (isPrintable(b)) continue;
    bad++;
    if (RUN_BYTES.has(b)) runs++;
  }
  const runByteRatio = bad === 0 ? 0 : runs / bad;
  const base = { printableRatio, tailPrintableRatio, runByteRatio };
  if (bytes.length === 0) {
    return { ...base, verdict: "empty", text: "nothing received: the board is silent (reset it, check the cable and the port)" };
  }
  if (printableRatio >= CLEAN) return { ...base, verdict: "clean", text: "readable text at 115200 baud: the rate matches" };
  if (tailPrintableRatio >= CLEAN) {
    return { ...base, verdict: "boot-noise", text: "noise at the start, then readable text: normal boot output (e.g. the ESP8266 ROM at 74880), the rate matches" };
  }
  if (bytes.length < MIN_BYTES) {
    return { ...base, verdict: "garbled", text: `only ${bytes.length} bytes and not text: too few to tell; reset the board while listening` };
  }
  if (runByteRatio >= 0.6) {
    return { ...base, verdict: "slower", text: "garbage made of 0x00/0x80/0xF0-0xFF bytes: the device sends SLOWER than 115200 (try 74880 for the ESP8266 boot ROM, 9600 for old NodeMCU builds)" };
  }
  if (printableRatio < 0.8) {
    return { ...base, verdict: "faster", text: "garbage spread over all byte values: the device sends FASTER than 115200, or there is electrical noise (ground, cable)" };
  }
  return { ...base, verdict: "garbled", text: "mostly text with stray bytes: a loose cable, noise, or a wrong baud rate at times" };
}
