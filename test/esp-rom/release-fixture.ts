/** Espruino's ESP32 release as its zip unpacks, with made-up bytes (the app starts with the image magic 0xE9), for the install tests. */
export interface ReleaseFile {
  name: string;
  address: number;
  data: Buffer;
}

export function esp32ReleaseFiles(): ReleaseFile[] {
  const app = Buffer.concat([Buffer.from([0xe9, 0x05, 0x02, 0x20]), Buffer.from("Espruino ".repeat(30_000))]);
  return [
    { name: "bootloader.bin", address: 0x1000, data: Buffer.from(Array.from({ length: 24_000 }, (_, i) => (i * 31) & 255)) },
    { name: "partitions_espruino.bin", address: 0x8000, data: Buffer.alloc(3072, 0xaa) },
    { name: "espruino_esp32.bin", address: 0x10000, data: app },
  ];
}
