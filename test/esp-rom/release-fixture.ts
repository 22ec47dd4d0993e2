/** Firmware files and banners for the install tests. */

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

/** NodeMCU 3.0's banner on an ESP8266 (app/modules/node.c, lua.c), with a build type and modules. */
export function nodemcuBanner(type: string, modules: string): string {
  return `\r\nNodeMCU 3.0.0.0 \r\n\tbranch: release\r\n\tcommit: 64bbf006898109b936fcc09478cbae9d099885a8\r\n\trelease: 3.0-master_20200910\r\n\trelease DTS: 202009090323\r\n\tSSL: false\r\n\tbuild type: ${type}\r\n\tLFS: 0x10000 bytes total capacity\r\n\tmodules: ${modules}\r\n build 2026-12-01 10:43 powered by Lua 5.1.4 on SDK 3.0.1-dev(fce080e)\r\n> `;
}
