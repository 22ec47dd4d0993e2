/**
 * The build id the demo reads from the built bundle before flashing it, in
 * both forms `build:espruino` may ship: plain minified source and
 * EspruinoTools' pretokenised bytes. Synthetic bundles stamped by the
 * build-info.ts scheme, so the firmware sources do not matter here.
 */
import { describe, expect, it } from "vitest";
import { stampBuildId } from "../../host/bundler/build-info";
import { pretokenise } from "../../host/bundler/espruino/pretokenise";
import { bundleBuildId } from "../../host/cli/demo/bundle-build-id";

const SOURCE = '(()=>{const n="01234567";function s(t){return t?"ab":\'c"d\'}s(n),start(s,{ot:"0.1.0",rt:"@@BUILD@",it:"espruino"})})();';

describe("build id of a built bundle", () => {
  const { text, build } = stampBuildId(SOURCE);

  it("plain source: the quoted id that hashes back to itself, not another 8-hex string", () => {
    expect(bundleBuildId(text, "0.1.0")).toBe(build);
  });

  it("plain source edited by one byte: no valid id", () => {
    expect(bundleBuildId(text.replace('"ab"', '"ac"'), "0.1.0")).toBeNull();
  });

  it("pretokenised bytes: the id beside the version in the build info", () => {
    const shipped = pretokenise(text);
    expect(shipped).not.toBe(text);
    expect(bundleBuildId(shipped, "0.1.0")).toBe(build);
  });

  it("pretokenised bytes cut short, or another package version: no id", () => {
    const shipped = pretokenise(text);
    expect(bundleBuildId(shipped.slice(0, shipped.length >> 1), "0.1.0")).toBeNull();
    expect(bundleBuildId(shipped, "0.2.0")).toBeNull();
  });
});
