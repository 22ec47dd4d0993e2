/**
 * Which files of a NodeMCU build go where (host/esptool/nodemcu-release.ts):
 * the ESP8266's one float image at 0x0, the ESP32 build's three parts at their
 * offsets; an integer build, a file that is no image, Espruino's files or a
 * partial ESP32 build refused in one line. And what its banner says
 * (firmware-banner.ts): the build type and the modules fobsync needs.
 */
import { expect, it } from "vitest";
import { nodemcuImageOf } from "../../host/esptool/nodemcu-release";
import { NODEMCU_BANNER } from "../../host/esptool/firmware-banner";
import { CliError } from "../../host/common/errors";
import type { ReleaseFiles } from "../../host/esptool/chip-image";
import { nodemcuBanner } from "./release-fixture";

const files = (entries: Record<string, number[]>): ReleaseFiles => new Map(Object.entries(entries).map(([n, d]) => [n, () => Uint8Array.from(d)]));
const IMAGE = [0xe9, 3, 2, 0x40];

function refusal(f: () => unknown): CliError {
  try {
    f();
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error("not refused");
}

it("an ESP8266 float image goes at 0x0; an ESP32 build's bootloader, partition table and app at 0x1000, 0x8000, 0x10000", () => {
  expect(nodemcuImageOf("x", files({ "nodemcu-release-6-modules-2026-12-01-float.bin": IMAGE }))).toMatchObject({ chip: "ESP8266", parts: [{ name: "nodemcu-release-6-modules-2026-12-01-float.bin", address: 0 }] });
  const esp32 = nodemcuImageOf("x", files({ "bootloader.bin": [1], "partition-table.bin": [2], "NodeMCU.bin": IMAGE, "NodeMCU.map": [0] }));
  expect(esp32.chip).toBe("ESP32");
  expect(esp32.parts.map((p) => [p.name, p.address])).toEqual([
    ["bootloader.bin", 0x1000],
    ["partition-table.bin", 0x8000],
    ["NodeMCU.bin", 0x10000],
  ]);
});

it("refused in one line (exit 2): an integer build, a file that is no firmware image, Espruino's files, an ESP32 build without its partition table, two images", () => {
  const cases: [ReleaseFiles, RegExp][] = [
    [files({ "nodemcu-release-6-modules-2026-12-01-integer.bin": IMAGE }), /is NodeMCU's integer build: fobsync needs the float build \(it divides\)/],
    [files({ "notes.bin": [0x41, 0x42] }), /notes\.bin is not an ESP8266 firmware image \(it does not start with 0xE9\)/],
    [files({ "espruino_2v29_esp8266_4mb_combined_4096.bin": IMAGE }), /holds Espruino's files, not a NodeMCU build/],
    [files({ "bootloader.bin": [1], "NodeMCU.bin": IMAGE }), /lacks partition-table\.bin or partitions\.bin of NodeMCU's ESP32 build/],
    [files({ "a-float.bin": IMAGE, "b-float.bin": IMAGE }), /holds 2 images \(a-float\.bin, b-float\.bin\)/],
  ];
  for (const [f, message] of cases) {
    const err = refusal(() => nodemcuImageOf("the build", f));
    expect(err.exit).toBe(2);
    expect(err.message).toMatch(message);
  }
});

it("the banner: a float build with fobsync's modules runs; an integer build, or one without gpio and tmr, is said at once (exit 6); the ESP32's shorter banner runs", () => {
  const read = (text: string) => NODEMCU_BANNER.check(NODEMCU_BANNER.pattern.exec(text)!).text;
  expect(read(nodemcuBanner("float", "adc,file,gpio,node,tmr,uart"))).toBe("NodeMCU 3.0.0.0 (Lua 5.1.4, float; modules adc,file,gpio,node,tmr,uart)");
  expect(refusal(() => read(nodemcuBanner("integer", "file,gpio,node,tmr,uart")))).toMatchObject({ exit: 6, message: "NodeMCU 3.0.0.0 runs on the board as an integer build: fobsync needs the float build (it divides)" });
  expect(refusal(() => read(nodemcuBanner("float", "file,node,uart,wifi")))).toMatchObject({ exit: 6, message: "NodeMCU 3.0.0.0 runs on the board without the modules fobsync needs: gpio, tmr" });
  expect(read("\r\nNodeMCU ESP32 build unspecified powered by Lua 5.1.4 on IDF v4.4.3\r\n> ")).toBe("NodeMCU ESP32 build unspecified (Lua 5.1.4)");
});
