/**
 * A simulated ESP32 (or ESP8266) in download mode on a pseudo-terminal, written from
 * Espressif's serial protocol documentation (docs.espressif.com, esptool,
 * "Serial Protocol"), for driving the real esptool-js against:
 * - SLIP framing (0xC0 ends a packet; 0xDB 0xDC is 0xC0, 0xDB 0xDD is 0xDB);
 * - a command is `00 op size(2) checksum(4) data`, its response
 *   `01 op size(2) value(4) data status`: the ROM's status is 4 bytes, the
 *   stub's 2; an unknown command gets the ROM's "invalid message" (status 1, error 5);
 * - SYNC (0x08) answered 8 times; READ_REG (0x0A) of the chip-magic register
 *   0x40001000 (ESP32 0x00F01D83), the eFuses and the SPI registers (the
 *   flash ID); WRITE_REG (0x09) taken;
 * - the stub upload: MEM_BEGIN/MEM_DATA/MEM_END (0x05, 0x07, 0x06), then
 *   "OHAI" and stub answers from then on;
 * - SPI_SET_PARAMS (0x0B), SPI_ATTACH (0x0D), CHANGE_BAUDRATE (0x0F);
 * - FLASH_DEFL_BEGIN/DATA/END (0x10-0x12): zlib inflated as it comes, into a
 *   4 MB flash that tests read back;
 * - SPI_FLASH_MD5 (0x13): 16 raw bytes from the stub, 32 hex digits from the ROM.
 * - the reset circuit of USB-serial boards on DTR and RTS: RTS alone pulls EN
 *   low (the chip is held in reset), DTR alone pulls IO0 low, both asserted
 *   or both released change nothing; EN coming back up boots the chip, into
 *   its ROM loader ("waiting for download") when IO0 is low, else into what
 *   the flash holds (the ROM's boot messages, then the app's banner, Espruino's
 *   unless told otherwise, when the app address holds an image);
 * - out of download mode the chip does not take the ROM loader's commands.
 * The chip is driven by bytes and signals (`chipEngine`), so the page's tests
 * wire it to a Web Serial port in Chromium. On a pseudo-terminal
 * (`startSimChip`), which has no modem lines, it starts in download mode, as
 * if BOOT were held at reset, and the test stands in for the reset circuit (`boot()`).
 */
import { createHash } from "node:crypto";
import { createInflate, type Inflate } from "node:zlib";
import { openPtyPair, type PtyPair } from "../../host/sim/pty-pair";
import { openSerialLink } from "../../host/serial/serialport-link";
import type { SerialLink } from "../../host/serial/link";

export const ESP32_MAGIC = 0x00f01d83;
export const ESP8266_MAGIC = 0xfff0c101;
const MAGIC_REG = 0x40001000;
/** The chips' registers esptool reads (its targets/esp32.js and esp8266.js): the SPI flash controller's first data register, UART0's clock divider. */
const CHIP_REGS = {
  ESP32: { magic: ESP32_MAGIC, spiW0: 0x3ff42080, uartClkdiv: 0x3ff40014, uartClock: 40e6, romStatusBytes: 4 },
  ESP8266: { magic: ESP8266_MAGIC, spiW0: 0x60000240, uartClkdiv: 0x60000014, uartClock: 52e6, romStatusBytes: 2 },
} as const;
/** A 4 MB flash chip's JEDEC id as the stub reads it (manufacturer 0xEF, 0x4016). */
const FLASH_ID = 0x1640ef;
/** The ESP32's eFuse block 0, where the MAC and the chip's version bits sit. */
const EFUSE_BASE = 0x3ff5a000;

const OP = { memBegin: 0x05, memEnd: 0x06, memData: 0x07, sync: 0x08, writeReg: 0x09, readReg: 0x0a, spiSetParams: 0x0b, spiAttach: 0x0d, changeBaud: 0x0f, deflBegin: 0x10, deflData: 0x11, deflEnd: 0x12, md5: 0x13 } as const;

/** The chip as bytes and modem lines: what a pty or a scripted Web Serial port carries to it. */
export interface ChipEngine {
  /** The chip's flash, as written. */
  flash: Buffer;
  /** The commands it got, by op, in order. */
  ops: number[];
  /** Whether the stub was uploaded and started. */
  stubRunning(): boolean;
  /**
   * A reset into what the flash holds (a pseudo-terminal carries no RTS, so
   * the test stands in for the reset circuit): the ROM's boot messages, then
   * the app's banner when the app address holds an image (0xE9).
   */
  boot(): void;
  /** Bytes from the host. */
  input(chunk: Uint8Array): void;
  /** The host's modem lines (true is asserted), through the board's reset circuit. */
  setSignals(dtr: boolean, rts: boolean): void;
  /** Whether the chip is in its ROM loader, taking commands. */
  inDownloadMode(): boolean;
}

export interface SimChip extends ChipEngine {
  /** The end esptool-js opens. */
  hostPath: string;
  stop(): Promise<void>;
}

export interface SimChipOptions {
  /** Which chip it is (default ESP32). */
  chip?: "ESP32" | "ESP8266";
  /** The MAC its eFuses hold. */
  mac?: number[];
  /** A flash address whose byte the chip gets wrong when it is written (a bad flash cell): its MD5 then differs. */
  badByteAt?: number;
  /** The cable is pulled after this many compressed data packets: both ends of the pty go. */
  unplugAfterData?: number;
  /** The port goes away at the first SYNC, before any answer (a board whose USB re-enumerates when it is reset). */
  unplugAtSync?: boolean;
  /**
   * After CHANGE_BAUDRATE the chip is heard no more (what an adapter that
   * cannot do the rate gives) until a SYNC, which esptool-js sends after the
   * reset it then does: the chip is back in its ROM loader.
   */
  deafAfterBaudChange?: boolean;
  /** How long each compressed data packet takes to be written (a slow flash). */
  dataDelayMs?: number;
  /** The Espruino version its banner names after a reset (default 2v29). */
  espruinoVersion?: string;
  /** What the app prints when it starts (default Espruino's banner, naming espruinoVersion). */
  appBanner?: string;
  /** Whether it starts in its ROM loader (BOOT held at power-on; default) or running what its flash holds. */
  startsInDownloadMode?: boolean;
}

/** The chip on a pseudo-terminal, in download mode: `hostPath` is the end esptool-js opens. */
export async function startSimChip(opts: SimChipOptions = {}): Promise<SimChip> {
  const pair: PtyPair = await openPtyPair();
  const link: SerialLink = await openSerialLink({ path: pair.boardPath, baudRate: 115200 });
  const unplug = async (): Promise<void> => {
    await link.close();
    await pair.close();
  };
  const engine = chipEngine(opts, (bytes) => void link.write(bytes).catch(() => undefined), unplug);
  link.onData((chunk) => engine.input(chunk));
  return { ...engine, hostPath: pair.hostPath, stop: unplug };
}

/** The chip: `write` carries its bytes to the host, `unplug` pulls the cable (unplugAfterData). */
export function chipEngine(opts: SimChipOptions, write: (bytes: Uint8Array) => void, unplug: () => Promise<void>): ChipEngine {
  const flash = Buffer.alloc(4 * 1024 * 1024, 0xff);
  const ops: number[] = [];
  let stub = false;
  let frame: number[] | null = null;
  let escaped = false;
  let defl: { offset: number; written: number; inflate: Inflate } | null = null;
  let dataPackets = 0;
  let deaf = false;
  let download = opts.startsInDownloadMode ?? true;
  let held = false;
  const mac = opts.mac ?? [0x24, 0x0a, 0xc4, 0x12, 0x34, 0x56];
  const regs = CHIP_REGS[opts.chip ?? "ESP32"];

  const send = (bytes: number[]): void => {
    const out: number[] = [0xc0];
    for (const b of bytes) {
      if (b === 0xc0) out.push(0xdb, 0xdc);
      else if (b === 0xdb) out.push(0xdb, 0xdd);
      else out.push(b);
    }
    out.push(0xc0);
    write(Uint8Array.from(out));
  };
  const u32 = (n: number): number[] => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
  const respond = (op: number, value = 0, data: number[] = [], failed = false): void => {
    const status = failed ? [1, 5] : [0, 0];
    const body = [...data, ...status, ...(stub ? [] : new Array<number>(regs.romStatusBytes - 2).fill(0))];
    send([0x01, op, body.length & 255, body.length >> 8, ...u32(value), ...body]);
  };
  const reg = (addr: number): number => {
    if (addr === MAGIC_REG) return regs.magic;
    if (addr === regs.spiW0) return FLASH_ID;
    // the divider of 115200 baud, which esptool reads back as the chip's crystal
    if (addr === regs.uartClkdiv) return Math.round(regs.uartClock / 115200);
    // eFuse words 1 and 2 hold an ESP32's MAC (esptool's ESP32ROM.read_mac); an ESP8266's read as zeros (OUI 18:fe:34)
    if (opts.chip === "ESP8266") return 0;
    if (addr === EFUSE_BASE + 4) return ((mac[2] << 24) | (mac[3] << 16) | (mac[4] << 8) | mac[5]) >>> 0;
    if (addr === EFUSE_BASE + 8) return ((mac[0] << 8) | mac[1]) >>> 0;
    return 0;
  };
  const finishDeflate = async (): Promise<void> => {
    const d = defl;
    defl = null;
    if (!d) return;
    await new Promise<void>((resolve) => {
      d.inflate.once("end", resolve);
      d.inflate.end();
    });
  };

  const handle = async (p: Buffer): Promise<void> => {
    if (p.length < 8 || p[0] !== 0x00) return;
    const op = p[1];
    const data = p.subarray(8);
    if (deaf) {
      if (op !== OP.sync) return;
      deaf = false;
      stub = false;
    }
    ops.push(op);
    const word = (i: number) => data.readUInt32LE(i * 4);
    switch (op) {
      case OP.sync:
        if (opts.unplugAtSync) return void (await unplug());
        for (let i = 0; i < 8; i++) respond(op, stub ? 0 : 0x20120707);
        return;
      case OP.readReg:
        return respond(op, reg(word(0)));
      case OP.changeBaud:
        respond(op);
        if (opts.deafAfterBaudChange) deaf = true;
        return;
      case OP.writeReg:
      case OP.spiSetParams:
      case OP.spiAttach:
      case OP.memBegin:
      case OP.memData:
        return respond(op);
      case OP.memEnd:
        respond(op);
        if (word(0) === 0) {
          // entry point given: the stub starts and says so
          stub = true;
          send([..."OHAI"].map((c) => c.charCodeAt(0)));
        }
        return;
      case OP.deflBegin: {
        await finishDeflate();
        const offset = word(3);
        const inflate = createInflate();
        const region = { offset, written: 0, inflate };
        inflate.on("data", (chunk: Buffer) => {
          const at = region.offset + region.written;
          chunk.copy(flash, at);
          region.written += chunk.length;
          const bad = opts.badByteAt;
          if (bad !== undefined && bad >= at && bad < at + chunk.length) flash[bad] ^= 0x01;
        });
        defl = region;
        return respond(op);
      }
      case OP.deflData: {
        const size = word(0);
        const d = defl;
        if (!d) return respond(op, 0, [], true);
        await new Promise<void>((resolve) => d.inflate.write(data.subarray(16, 16 + size), () => resolve()));
        if (opts.dataDelayMs) await new Promise((resolve) => setTimeout(resolve, opts.dataDelayMs));
        if (opts.unplugAfterData !== undefined && ++dataPackets >= opts.unplugAfterData) {
          await unplug();
          return;
        }
        return respond(op);
      }
      case OP.deflEnd:
        await finishDeflate();
        return respond(op);
      case OP.md5: {
        await finishDeflate();
        const digest = createHash("md5").update(flash.subarray(word(0), word(0) + word(1))).digest();
        return respond(op, 0, stub ? [...digest] : [...Buffer.from(digest.toString("hex"), "latin1")]);
      }
      default:
        // the ROM's answer to a command it does not know: "invalid message"
        send([0x01, 0x00, 4, 0, 0, 0, 0, 0, 1, 5, 0, 0]);
    }
  };

  let queue = Promise.resolve();
  const input = (chunk: Uint8Array): void => {
    if (held || !download) return;
    for (const b of chunk) {
      if (frame === null) {
        if (b === 0xc0) frame = [];
        continue;
      }
      if (escaped) {
        frame.push(b === 0xdc ? 0xc0 : b === 0xdd ? 0xdb : b);
        escaped = false;
      } else if (b === 0xdb) escaped = true;
      else if (b === 0xc0) {
        if (frame.length > 0) {
          const packet = Buffer.from(frame);
          queue = queue.then(() => handle(packet));
          frame = null;
        }
      } else frame.push(b);
    }
  };
  const text = (t: string): void => write(Buffer.from(t, "latin1"));
  /** EN released: the ROM runs, into its loader when IO0 is low (the stub and any half-read packet are gone). */
  const powerUp = (io0Low: boolean): void => {
    stub = false;
    frame = null;
    escaped = false;
    deaf = false;
    download = io0Low;
    if (io0Low) text("ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n");
    else {
      // an app image (its first byte 0xE9) where the chip boots it from: 0x10000 on an ESP32, 0x0 on an ESP8266
      const app = flash[opts.chip === "ESP8266" ? 0 : 0x10000] === 0xe9;
      const banner = opts.appBanner ?? `\r\n ____                 _ \r\n         |_| espruino.com\r\n ${opts.espruinoVersion ?? "2v29"} (c) 2026 G.Williams\r\n\r\n>`;
      text("ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n" + (app ? banner : ""));
    }
  };

  return {
    flash,
    ops,
    stubRunning: () => stub,
    inDownloadMode: () => download,
    input,
    boot: () => powerUp(false),
    setSignals(dtr, rts) {
      // the two-transistor circuit: EN low only for RTS without DTR, IO0 low only for DTR without RTS
      const enLow = rts && !dtr;
      if (enLow) held = true;
      else if (held) {
        held = false;
        powerUp(dtr && !rts);
      }
    },
  };
}
