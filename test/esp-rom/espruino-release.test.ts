/**
 * Which release files go where (host/esptool/espruino-release.ts, release-files.ts): from the
 * unpacked folder or from the zip as downloaded, the same parts at the same
 * offsets; anything else refused in one line that names what is missing.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { expect, it } from "vitest";
import { espruinoImageOf } from "../../host/esptool/espruino-release";
import { releaseFilesFrom } from "../../host/esptool/release-files";

const espruinoImageFrom = (from: string) => espruinoImageOf(from, releaseFilesFrom(from));
import { CliError } from "../../host/common/errors";

const FILES: Record<string, Uint8Array> = {
  "bootloader.bin": Uint8Array.from([1, 2, 3]),
  "partitions_espruino.bin": Uint8Array.from([4, 5]),
  "espruino_esp32.bin": Uint8Array.from([0xe9, 6, 7, 8]),
};

function folder(files: Record<string, Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "fobsync-release-"));
  for (const [n, d] of Object.entries(files)) writeFileSync(join(dir, n), d);
  return dir;
}

it("the unpacked folder and the zip as downloaded (its files in a folder of their own) give the same parts at the same offsets", () => {
  const fromFolder = espruinoImageFrom(folder(FILES));
  const zip = join(mkdtempSync(join(tmpdir(), "fobsync-zip-")), "espruino_2v29_esp32.zip");
  writeFileSync(zip, zipSync({ espruino_2v29_esp32: Object.fromEntries(Object.entries(FILES)) }));
  const fromZip = espruinoImageFrom(zip);
  expect(fromZip).toEqual(fromFolder);
  expect(fromZip.chip).toBe("ESP32");
  expect(fromZip.parts.map((p) => [p.name, p.address])).toEqual([
    ["bootloader.bin", 0x1000],
    ["partitions_espruino.bin", 0x8000],
    ["espruino_esp32.bin", 0x10000],
  ]);
});

it("an ESP8266 combined image goes at 0x0", () => {
  const image = espruinoImageFrom(folder({ "espruino_2v29_esp8266_4mb_combined_4096.bin": Uint8Array.from([0xe9]) }));
  expect(image).toMatchObject({ chip: "ESP8266", parts: [{ address: 0 }] });
});

it("refused in one line: a file that is not a release, a zip cut short, a zip without the files, a folder with both boards' files, a path that is not there", () => {
  const notZip = join(folder({}), "notes.txt");
  writeFileSync(notZip, "hello");
  const broken = join(folder({}), "broken.zip");
  writeFileSync(broken, "PK\x03\x04 cut short");
  const emptyZip = join(folder({}), "empty.zip");
  writeFileSync(emptyZip, zipSync({ "readme.txt": Uint8Array.from([65]) }));
  const both = folder({ ...FILES, "espruino_2v29_esp8266_4mb_combined_4096.bin": Uint8Array.from([1]) });
  const cases: [string, RegExp][] = [
    [notZip, /holds no Espruino release files/],
    [broken, /is not a zip that can be read/],
    [emptyZip, /holds no Espruino release files/],
    [both, /holds both ESP32 files and an ESP8266 image/],
    [join(tmpdir(), "no-such-release"), /does not exist/],
  ];
  for (const [from, message] of cases) {
    const err = (() => {
      try {
        espruinoImageFrom(from);
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(err, from).toBeInstanceOf(CliError);
    expect((err as CliError).exit).toBe(2);
    expect((err as CliError).message).toMatch(message);
  }
});
