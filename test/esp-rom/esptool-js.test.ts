/**
 * The real esptool-js (Espressif's, from npm) against the simulated ESP32 on
 * a pseudo-terminal, through fobsync's Web Serial adapter over serialport:
 * it syncs, finds the chip by its magic register (the ESP32 ROM does not know
 * GET_SECURITY_INFO), reads the MAC from the eFuses, uploads its stub, reads
 * the flash ID, writes three files compressed and checks each by MD5 on the
 * chip; the simulated flash is then read back byte for byte.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { ESPLoader, Transport } from "esptool-js";
import { WebSerialOverLink } from "../../host/esptool/web-serial-over-link";
import { startSimChip, type SimChip } from "./sim-chip";

let chip: SimChip | null = null;
afterEach(async () => {
  await chip?.stop();
  chip = null;
});

const silent = { clean: () => undefined, writeLine: () => undefined, write: () => undefined };

describe("esptool-js against the simulated ESP32, through the Web Serial adapter", () => {
  it("detects an ESP32, uploads its stub, writes bootloader, partitions and app at their offsets, verified by MD5; the flash reads back byte for byte", { timeout: 60_000 }, async () => {
    chip = await startSimChip({ mac: [0x24, 0x0a, 0xc4, 0x01, 0x02, 0x03] });
    const port = new WebSerialOverLink(chip.hostPath, { usbVendorId: 0x10c4, usbProductId: 0xea60 });
    const transport = new Transport(port as unknown as ConstructorParameters<typeof Transport>[0]);
    const loader = new ESPLoader({ transport, baudrate: 115200, romBaudrate: 115200, terminal: silent });
    const name = await loader.main("no_reset");
    expect(name).toMatch(/^ESP32/);
    expect(chip.stubRunning()).toBe(true);
    expect(transport.getVid()).toBe(0x10c4);
    const files = [
      { address: 0x1000, data: new Uint8Array(randomBytes(23_000)) },
      { address: 0x8000, data: new Uint8Array(randomBytes(3_072)) },
      { address: 0x10000, data: new Uint8Array(Buffer.alloc(300_000, "espruino ")) },
    ];
    await loader.writeFlash({ fileArray: files, flashMode: "keep", flashFreq: "keep", flashSize: "keep", eraseAll: false, compress: true, calculateMD5Hash: (image) => createHash("md5").update(image).digest("hex") });
    for (const f of files) expect(Buffer.compare(chip.flash.subarray(f.address, f.address + f.data.length), Buffer.from(f.data))).toBe(0);
    expect(chip.ops.filter((op) => op === 0x13)).toHaveLength(3);
    await transport.disconnect();
  });

  it("a flash cell that stores a wrong byte: esptool-js's MD5 check on the chip refuses the write", { timeout: 60_000 }, async () => {
    chip = await startSimChip({ badByteAt: 0x10000 + 1234 });
    const transport = new Transport(new WebSerialOverLink(chip.hostPath) as unknown as ConstructorParameters<typeof Transport>[0]);
    const loader = new ESPLoader({ transport, baudrate: 115200, romBaudrate: 115200, terminal: silent });
    await loader.main("no_reset");
    const image = new Uint8Array(Buffer.alloc(50_000, "espruino "));
    const err = await loader
      .writeFlash({ fileArray: [{ address: 0x10000, data: image }], flashMode: "keep", flashFreq: "keep", flashSize: "keep", eraseAll: false, compress: true, calculateMD5Hash: (i) => createHash("md5").update(i).digest("hex") })
      .catch((e: unknown) => e);
    expect(String(err)).toMatch(/MD5 of file does not match data in flash/);
    await transport.disconnect();
  });
});

